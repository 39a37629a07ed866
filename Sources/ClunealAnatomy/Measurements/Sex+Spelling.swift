extension Sex {
    /// Why `text` is not a sex, for an error line: the accepted values, and the right spelling
    /// when only the letter case is wrong. Values are lower-case, as the measurements schema
    /// (`Atlas/measurements.schema.json`) and the case-file columns spell them; the one message
    /// every reader of a sex gives.
    public static func notASex(_ text: String) -> String {
        let values = allCases.map(\.rawValue)
        var message = "\"\(Echo.cut(text))\" is not a valid sex (\(values.joined(separator: " or ")))"
        if let meant = Sex(rawValue: text.lowercased()) {
            message += "; did you mean \"\(meant.rawValue)\"? (written in lower case)"
        }
        return message
    }

    /// Reads a lower-case sex; anything else fails with ``notASex(_:)``.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let sex = Sex(rawValue: text) else {
            throw DecodingError.dataCorrupted(DecodingError.Context(codingPath: decoder.codingPath, debugDescription: Self.notASex(text)))
        }
        self = sex
    }
}
