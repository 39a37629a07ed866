/// A CSL-JSON date: `{"date-parts": [[year, month?, day?]]}`. Only a single date (no range)
/// with a year; month 1–12 and day 1–31 when given.
public struct CSLDate: Codable, Hashable, Sendable {
    /// Year, then optionally month and day.
    public var dateParts: [[Int]]

    public init(year: Int, month: Int? = nil, day: Int? = nil) {
        dateParts = [[year] + [month, day].compactMap { $0 }]
    }

    /// Years a source of this atlas can be from.
    public static let yearRange = 1500...2100

    public var year: Int { dateParts.first?.first ?? 0 }
    public var month: Int? { dateParts.first.flatMap { $0.count > 1 ? $0[1] : nil } }
    public var day: Int? { dateParts.first.flatMap { $0.count > 2 ? $0[2] : nil } }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case dateParts = "date-parts"
    }

    public init(from decoder: any Decoder) throws {
        try StrictKeys.check(decoder, allowed: CodingKeys.allCases.map(\.rawValue), what: "a CSL date")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        dateParts = try c.decode([[Int]].self, forKey: .dateParts)
        func bad(_ message: String) -> DecodingError {
            DecodingError.dataCorrupted(.init(codingPath: c.codingPath + [CodingKeys.dateParts], debugDescription: message))
        }
        guard dateParts.count == 1, let parts = dateParts.first, (1...3).contains(parts.count) else {
            throw bad("\"date-parts\" must be one date, [[year, month, day]] with month and day optional")
        }
        if !Self.yearRange.contains(parts[0]) { throw bad("year \(parts[0]) is outside \(Self.yearRange.lowerBound)-\(Self.yearRange.upperBound)") }
        if parts.count > 1, !(1...12).contains(parts[1]) { throw bad("month \(parts[1]) must be 1-12") }
        if parts.count > 2, !(1...31).contains(parts[2]) { throw bad("day \(parts[2]) must be 1-31") }
    }
}
