/// Rejects keys a decoder does not know, so a misspelt field ("contianer-title") is an error
/// instead of being dropped in silence.
enum StrictKeys {
    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    static func check(_ decoder: any Decoder, allowed: [String], what: String) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        let known = Set(allowed)
        if let unknown = c.allKeys.map(\.stringValue).sorted().first(where: { !known.contains($0) }) {
            throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath + [AnyKey(stringValue: unknown)],
                debugDescription: "unknown key \"\(unknown)\" in \(what) (allowed: \(allowed.joined(separator: ", ")))"))
        }
    }
}
