/// One author or editor as CSL-JSON writes it: a person (`family` and `given`) or an
/// institution (`literal`). Exactly one of `family` and `literal` is set.
public struct CSLName: Codable, Hashable, Sendable {
    /// Surname, with any particle that sorts with it ("Van Schoor").
    public var family: String?
    /// Given names or initials ("R Shane", "AN").
    public var given: String?
    /// An institution or a name that cannot be split ("WikiMSK", "U.S. Army Natick").
    public var literal: String?

    public init(family: String, given: String? = nil) {
        self.family = family
        self.given = given
    }

    public init(literal: String) {
        self.literal = literal
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case family, given, literal
    }

    public init(from decoder: any Decoder) throws {
        try StrictKeys.check(decoder, allowed: CodingKeys.allCases.map(\.rawValue), what: "a CSL name")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        family = try c.decodeIfPresent(String.self, forKey: .family)
        given = try c.decodeIfPresent(String.self, forKey: .given)
        literal = try c.decodeIfPresent(String.self, forKey: .literal)
        if (family == nil) == (literal == nil) {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                debugDescription: "a name has either \"family\" (a person) or \"literal\" (an institution), not both and not neither"))
        }
    }

    /// `Tubbs RS`, `Van Schoor AN`, or the literal: the Vancouver form our text output uses.
    public var vancouver: String {
        if let literal { return literal }
        var initials = ""
        for word in (given ?? "").split(whereSeparator: { $0 == " " || $0 == "." }) {
            if word.count <= 3, word.allSatisfy({ $0.isUppercase }) {
                initials += word  // already initials: "RS", "JY"
            } else {
                for part in word.split(separator: "-") { initials += part.prefix(1).uppercased() }
            }
        }
        return [family ?? "", initials].filter { !$0.isEmpty }.joined(separator: " ")
    }
}
