import Foundation

/// JSON for programs: sorted keys, pretty, stable.
enum JSONOutput {
    static func encode<T: Encodable>(_ value: T) throws(CLIError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
        } catch {
            throw CLIError(.software, "cannot encode JSON: \(error)")
        }
    }
}
