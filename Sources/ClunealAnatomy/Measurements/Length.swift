import BodyGeometry
/// A length as people write it: "7cm", "70 mm", "1.72m", or a bare number in the default unit.
///
/// Stored in millimetres. Parsing refuses decimal commas ("7,5") rather than guess.
public struct Length: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var millimetres: Double

    public init(millimetres: Double) { self.millimetres = millimetres }
    public static func centimetres(_ v: Double) -> Length { Length(millimetres: v * 10) }

    public static func < (a: Length, b: Length) -> Bool { a.millimetres < b.millimetres }

    public var description: String { LengthUnit.centimetres.format(millimetres) }

    /// Why a length could not be read.
    public enum ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        case empty
        case decimalComma(String)
        case notANumber(String)
        case unknownUnit(String)
        case nonFinite(String)
        /// A finite number whose millimetres overflow ("1e308" cm).
        case tooLarge(String)

        public var description: String {
            switch self {
            case .empty: "no length given"
            case .decimalComma(let s): "\"\(Echo.cut(s))\" uses a decimal comma; write a point (7.5cm)"
            case .notANumber(let s): "\"\(Echo.cut(s))\" is not a length (write e.g. 7cm, 70mm or 7)"
            case .unknownUnit(let u): "unknown unit \"\(Echo.cut(u))\" (use mm, cm or m)"
            case .nonFinite(let s): "\"\(Echo.cut(s))\" is not a finite length"
            case .tooLarge(let s): "\"\(Echo.cut(s))\" is too large for a length"
            }
        }
    }

    /// Parses `text`; a bare number is in `defaultUnit`.
    public static func parse(_ text: String, defaultUnit: LengthUnit = .centimetres) throws(ParseError) -> Length {
        let s = text.trimmed
        guard !s.isEmpty else { throw .empty }
        let numberEnd = s.firstIndex { c in !(c.isASCII && (c.isNumber || c == "." || c == "-" || c == "+" || c == "e" || c == "E")) } ?? s.endIndex
        var numberPart = String(s[..<numberEnd])
        var unitPart = String(s[numberEnd...]).trimmed.lowercased()
        // "7e" would swallow a unit starting with e; no unit does, so only guard "7 e..." oddities.
        if numberPart.hasSuffix("e") || numberPart.hasSuffix("E") {
            unitPart = String(numberPart.removeLast()) + unitPart
        }
        if s.contains(",") { throw .decimalComma(s) }
        let lower = s.lowercased()
        if lower.contains("nan") || lower.contains("inf") { throw .nonFinite(s) }
        guard let value = Double(numberPart) else { throw .notANumber(s) }
        guard value.isFinite else { throw .nonFinite(s) }
        let unit: LengthUnit
        if unitPart.isEmpty {
            unit = defaultUnit
        } else if let u = LengthUnit(rawValue: unitPart) {
            unit = u
        } else {
            throw .unknownUnit(unitPart)
        }
        let millimetres = value * unit.millimetres
        guard millimetres.isFinite else { throw .tooLarge(s) }
        return Length(millimetres: millimetres)
    }
}

/// The units the CLI reads and prints.
public enum LengthUnit: String, Hashable, Sendable, CaseIterable, Codable {
    case millimetres = "mm"
    case centimetres = "cm"
    case metres = "m"

    /// Millimetres in one of this unit.
    public var millimetres: Double {
        switch self {
        case .millimetres: 1
        case .centimetres: 10
        case .metres: 1000
        }
    }

    /// `value` (millimetres) in this unit, rounded for people: "7.0 cm", "70 mm".
    public func format(_ millimetresValue: Double) -> String {
        let v = millimetresValue / millimetres
        switch self {
        case .millimetres: return "\(Self.fixed(v, 0)) mm"
        case .centimetres: return "\(Self.fixed(v, 1)) cm"
        case .metres: return "\(Self.fixed(v, 3)) m"
        }
    }

    /// A number with exactly `places` decimals, no locale, no exponent (``DecimalText/fixed(_:_:)``).
    public static func fixed(_ v: Double, _ places: Int) -> String { DecimalText.fixed(v, places) }
}
