/// Biological sex as recorded for the person (some reference data differ by sex).
public enum Sex: String, Codable, Hashable, Sendable, CaseIterable {
    case female, male
}

/// A landmark found by palpation on a person, in the body frame.
public struct PalpatedLandmark: Hashable, Sendable {
    /// Id of a point landmark in the atlas.
    public var id: String
    /// Required for bilateral landmarks; ignored for midline ones.
    public var side: Side?
    /// Distance from the midline, positive (millimetres).
    public var lateral: Length
    /// Height above the PSIS level, cranial positive (millimetres).
    public var vertical: Length

    public init(id: String, side: Side?, lateral: Length, vertical: Length) {
        self.id = id
        self.side = side
        self.lateral = lateral
        self.vertical = vertical
    }
}

/// What a trainee measured on one person. Every field is optional.
public struct Measurements: Hashable, Sendable {
    public var stature: Length?
    public var sex: Sex?
    /// Horizontal distance from the midline to the PSIS dimple (the same both sides).
    public var psisFromMidline: Length?
    /// Height of the crest summit (intercristal line) above the PSIS level, as measured.
    public var crestSummitAbovePSIS: Length?
    /// How the crest summit was found (for `crestSummitAbovePSIS` and a measured `crest-summit`
    /// landmark); nil: ``CrestLevelSource/default`` (palpation).
    public var crestSummitSource: CrestLevelSource?
    /// Bony bicristal (bi-iliac) breadth.
    public var bicristalWidth: Length?
    public var palpated: [PalpatedLandmark]

    public init(stature: Length? = nil, sex: Sex? = nil, psisFromMidline: Length? = nil,
                crestSummitAbovePSIS: Length? = nil, crestSummitSource: CrestLevelSource? = nil,
                bicristalWidth: Length? = nil, palpated: [PalpatedLandmark] = []) {
        self.stature = stature
        self.sex = sex
        self.psisFromMidline = psisFromMidline
        self.crestSummitAbovePSIS = crestSummitAbovePSIS
        self.crestSummitSource = crestSummitSource
        self.bicristalWidth = bicristalWidth
        self.palpated = palpated
    }

    public static let none = Measurements()

    public var isEmpty: Bool {
        stature == nil && psisFromMidline == nil && crestSummitAbovePSIS == nil && bicristalWidth == nil && palpated.isEmpty
    }

    /// Fields given on top of `self` replace its own (CLI flags over a measurements file).
    public func overridden(by other: Measurements) -> Measurements {
        Measurements(stature: other.stature ?? stature, sex: other.sex ?? sex,
                     psisFromMidline: other.psisFromMidline ?? psisFromMidline,
                     crestSummitAbovePSIS: other.crestSummitAbovePSIS ?? crestSummitAbovePSIS,
                     crestSummitSource: other.crestSummitSource ?? crestSummitSource,
                     bicristalWidth: other.bicristalWidth ?? bicristalWidth,
                     palpated: other.palpated.isEmpty ? palpated : other.palpated)
    }
}

/// The ranges measurements must fall in, in one place (millimetres). They are wide on
/// purpose: they catch typos and wrong units, not unusual bodies.
public enum MeasurementLimits {
    public static let stature: ClosedRange<Double> = 1300...2200
    public static let psisFromMidline: ClosedRange<Double> = 20...70
    public static let crestSummitAbovePSIS: ClosedRange<Double> = 30...150
    public static let bicristalWidth: ClosedRange<Double> = 200...400
    public static let palpatedLateral: ClosedRange<Double> = 0...300
    public static let palpatedVertical: ClosedRange<Double> = -350...300
}

/// Why measurements were refused. Each case names the field and carries the bad value.
public enum MeasurementError: Error, Hashable, Sendable, CustomStringConvertible {
    case outOfRange(field: String, millimetres: Double, allowed: ClosedRange<Double>)
    case unreadable(field: String, reason: String)
    case unknownLandmark(field: String, id: String, known: [String])
    case sideRequired(field: String, id: String)
    case givenTwice(field: String, id: String)
    case file(location: SourceLocation, message: String)

    public var description: String {
        switch self {
        case .outOfRange(let field, let mm, let r):
            "\(field): \(LengthUnit.centimetres.format(mm)) is out of range (allowed \(LengthUnit.centimetres.format(r.lowerBound)) to \(LengthUnit.centimetres.format(r.upperBound)))"
        case .unreadable(let field, let reason): "\(field): \(reason)"
        case .unknownLandmark(let field, let id, let known):
            "\(field): \"\(id)\" is not a point landmark of the atlas (known: \(known.joined(separator: ", ")))"
        case .sideRequired(let field, let id): "\(field): landmark \"\(id)\" is on both sides; say which (left or right)"
        case .givenTwice(let field, let id): "\(field): \"\(id)\" is given twice"
        case .file(let location, let message): "\(location): \(message)"
        }
    }

    /// The field the error is about, for programs.
    public var field: String {
        switch self {
        case .outOfRange(let f, _, _), .unreadable(let f, _), .unknownLandmark(let f, _, _),
             .sideRequired(let f, _), .givenTwice(let f, _): f
        case .file(let location, _): location.path?.description ?? location.file
        }
    }
}

extension Measurements {
    /// Checks every value against ``MeasurementLimits`` and the atlas's landmarks.
    public func validate(against atlas: Atlas) throws(MeasurementError) {
        func check(_ l: Length?, _ field: String, _ range: ClosedRange<Double>) throws(MeasurementError) {
            guard let l else { return }
            guard l.millimetres.isFinite, range.contains(l.millimetres) else {
                throw .outOfRange(field: field, millimetres: l.millimetres, allowed: range)
            }
        }
        try check(stature, "height", MeasurementLimits.stature)
        try check(psisFromMidline, "psis-from-midline", MeasurementLimits.psisFromMidline)
        try check(crestSummitAbovePSIS, "crest-height", MeasurementLimits.crestSummitAbovePSIS)
        try check(bicristalWidth, "bicristal-width", MeasurementLimits.bicristalWidth)
        let pointLandmarks = atlas.document.landmarks.filter { atlas.geometry[$0.id]?.asPoint != nil }
        var seen = Set<String>()
        if psisFromMidline != nil { seen.insert("psis:left"); seen.insert("psis:right") }
        if crestSummitAbovePSIS != nil { seen.insert("crest-summit:left"); seen.insert("crest-summit:right") }
        for (i, p) in palpated.enumerated() {
            let field = "landmarks[\(i)]"
            guard let entry = pointLandmarks.first(where: { $0.id == p.id }) else {
                throw .unknownLandmark(field: field + ".id", id: p.id, known: pointLandmarks.map(\.id))
            }
            if entry.laterality == .bilateral, p.side == nil { throw .sideRequired(field: field + ".side", id: p.id) }
            try check(p.lateral, field + ".lateral", MeasurementLimits.palpatedLateral)
            try check(p.vertical, field + ".vertical", MeasurementLimits.palpatedVertical)
            let key = entry.laterality == .midline ? p.id : "\(p.id):\(p.side?.rawValue ?? "")"
            if !seen.insert(key).inserted { throw .givenTwice(field: field, id: p.id) }
        }
    }
}
