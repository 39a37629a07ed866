import ClunealAnatomy
import ClunealRender
import Foundation

/// The reproducible-builds convention for dates written into files: `SOURCE_DATE_EPOCH`, whole
/// seconds since 1970-01-01 00:00 UTC, set by whoever wants the same figure to give the same
/// bytes (`scripts/make-samples` sets it to the last commit's time). Unset or empty: the time
/// of writing. Anything else is refused (64) rather than ignored.
enum SourceDate {
    static let variable = "SOURCE_DATE_EPOCH"

    /// The variable's time, `nil` when it is unset or empty.
    static func seconds(in environment: [String: String] = ProcessInfo.processInfo.environment) throws(CLIError) -> Int64? {
        guard let text = environment[variable], !text.isEmpty else { return nil }
        guard let seconds = Int64(text), PDFMetadata.creationTimes.contains(seconds) else {
            throw CLIError(.usage, "\(variable): \"\(Echo.cut(text))\" is not a whole number of seconds since 1970-01-01 (up to the year 9999)")
        }
        return seconds
    }
}
