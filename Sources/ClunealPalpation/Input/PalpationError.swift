import ClunealAnatomy

/// Why a tender point, a list of symptoms or a case could not be used. Every case names the
/// field it is about (`lateral`, `vertical`, `side`, `from`, `symptom`...), so that the CLI can
/// say `--lateral` and a CSV report can say the column.
public enum PalpationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// NaN or infinity.
    case nonFinite(field: String)
    /// Text that is not a length ("7in", "abc", "7,5").
    case unreadable(field: String, reason: String)
    /// A length outside the allowed range (millimetres).
    case outOfRange(field: String, millimetres: Double, allowed: ClosedRange<Double>)
    /// A position that cannot be placed on this body (beyond the crest, across the midline...).
    case cannotPlace(field: String, reason: String)
    /// A word that is not one of the allowed values (a side, a frame, a sex).
    case notOneOf(field: String, value: String, allowed: [String])
    /// A symptom name the catalogue does not know; `known` holds the nearest ids to suggest.
    case unknownSymptom(field: String, name: String, known: [String])
    /// A word that starts the names of several symptoms.
    case ambiguousSymptom(field: String, name: String, candidates: [String])

    /// The field the problem is about.
    public var field: String {
        switch self {
        case .nonFinite(let f), .unreadable(let f, _), .outOfRange(let f, _, _), .cannotPlace(let f, _),
             .notOneOf(let f, _, _), .unknownSymptom(let f, _, _), .ambiguousSymptom(let f, _, _): f
        }
    }

    /// The problem in words, without the field.
    public var message: String {
        switch self {
        case .nonFinite: "not a finite number (NaN or infinity)"
        case .unreadable(_, let reason): reason
        case .outOfRange(_, let mm, let r):
            "\(LengthUnit.centimetres.format(mm)) is out of range (allowed \(LengthUnit.centimetres.format(r.lowerBound)) to \(LengthUnit.centimetres.format(r.upperBound)))"
        case .cannotPlace(_, let reason): reason
        case .notOneOf(_, let value, let allowed):
            "\"\(value)\" is not one of \(allowed.joined(separator: ", "))"
        case .unknownSymptom(_, let name, let known):
            known.isEmpty ? "unknown symptom \"\(name)\" (see Atlas/symptoms.json for the ids)"
                : "unknown symptom \"\(name)\"; did you mean \(known.joined(separator: ", "))?"
        case .ambiguousSymptom(_, let name, let candidates):
            "\"\(name)\" could be any of \(candidates.joined(separator: ", ")); type more of the word or the id"
        }
    }

    public var description: String { "\(field): \(message)" }

    /// The same problem with its field renamed (for example `lateral` → `--lateral`).
    public func renamingField(_ rename: (String) -> String) -> PalpationError {
        switch self {
        case .nonFinite(let f): .nonFinite(field: rename(f))
        case .unreadable(let f, let r): .unreadable(field: rename(f), reason: r)
        case .outOfRange(let f, let v, let a): .outOfRange(field: rename(f), millimetres: v, allowed: a)
        case .cannotPlace(let f, let r): .cannotPlace(field: rename(f), reason: r)
        case .notOneOf(let f, let v, let a): .notOneOf(field: rename(f), value: v, allowed: a)
        case .unknownSymptom(let f, let n, let k): .unknownSymptom(field: rename(f), name: n, known: k)
        case .ambiguousSymptom(let f, let n, let c): .ambiguousSymptom(field: rename(f), name: n, candidates: c)
        }
    }
}
