import BodyGeometry
import ClunealAnatomy

/// A tender point as measured with a tape: the patient's side, a frame and two signed
/// distances (millimetres inside; `Length` parses "7cm", "70mm" or bare centimetres).
public struct TenderPointInput: Hashable, Sendable {
    public var side: Side
    public var frame: InputFrame
    /// Positive away from the midline (in the psis frame, negative is medial of the PSIS).
    public var lateral: Length
    /// Positive cranial.
    public var vertical: Length

    public init(side: Side, frame: InputFrame, lateral: Length, vertical: Length) {
        self.side = side
        self.frame = frame
        self.lateral = lateral
        self.vertical = vertical
    }
}

/// A tender point placed in the body frame of one person.
public struct TenderPoint: Hashable, Sendable {
    /// The patient's side the point was found on.
    public let side: Side
    /// Body-frame position, millimetres (+x the patient's left, +z cranial).
    public let point: Point
    /// What was measured, when the point came from a tape measure.
    public let input: TenderPointInput?

    /// Places a measured point on a person through the atlas frame its input frame maps to.
    /// Refuses non-finite or absurd distances, positions beyond the crest line (crest frame)
    /// and points that would cross the midline, naming the field.
    public init(_ input: TenderPointInput, on model: borrowing BodyModel) throws(PalpationError) {
        try PalpationLimits.check(input)
        let position = FramePosition(frame: input.frame.atlasFrame, lateral: input.lateral.millimetres, vertical: input.vertical.millimetres)
        let placed: PlacedPosition
        do {
            placed = try model.resolver.place(position, side: input.side)
        } catch {
            throw Self.translate(error, input: input)
        }
        if input.frame == .psis, input.side.sign * placed.point.x < 0 {
            let psis = model.point(ofLandmark: WellKnownId.psis.id, side: input.side).map { abs($0.x) } ?? 0
            throw .cannotPlace(field: "lateral", reason:
                "\(LengthUnit.centimetres.format(input.lateral.millimetres)) from the PSIS crosses the midline (this PSIS is \(LengthUnit.centimetres.format(psis)) from it); give at least \(LengthUnit.centimetres.format(-psis)), or use the other side")
        }
        try self.init(side: input.side, point: placed.point, input: input)
    }

    /// A point given directly in the body frame, checked against ``PalpationLimits``.
    public init(side: Side, point: Point) throws(PalpationError) {
        try self.init(side: side, point: point, input: nil)
    }

    private init(side: Side, point: Point, input: TenderPointInput?) throws(PalpationError) {
        guard point.x.isFinite else { throw .nonFinite(field: "lateral") }
        guard point.z.isFinite else { throw .nonFinite(field: "vertical") }
        let lateral = side.sign * point.x
        if lateral < 0 {
            throw .cannotPlace(field: "lateral", reason: "x = \(LengthUnit.centimetres.format(point.x)) is on the patient's \(side == .left ? "right" : "left") side, not the \(side.rawValue)")
        }
        guard PalpationLimits.bodyLateral.contains(lateral) else {
            throw .outOfRange(field: "lateral", millimetres: lateral, allowed: PalpationLimits.bodyLateral)
        }
        guard PalpationLimits.bodyVertical.contains(point.z) else {
            throw .outOfRange(field: "vertical", millimetres: point.z, allowed: PalpationLimits.bodyVertical)
        }
        self.side = side
        self.point = point
        self.input = input
    }

    /// Distance from the midline, millimetres (never negative).
    public var lateralMillimetres: Double { side.sign * point.x }
    /// Height above the PSIS level, millimetres.
    public var verticalMillimetres: Double { point.z }

    private static func translate(_ error: PlacementError, input: TenderPointInput) -> PalpationError {
        switch error {
        case .nonFinite:
            return .nonFinite(field: "lateral")
        case .outsideCurve(_, _, let span):
            let range = span.lowerBound...span.upperBound
            return .cannotPlace(field: "lateral", reason:
                "\(LengthUnit.centimetres.format(input.lateral.millimetres)) from the midline is off the crest line, which on this body runs from \(LengthUnit.centimetres.format(range.lowerBound)) to \(LengthUnit.centimetres.format(range.upperBound)) from the midline; give this point in the midline or psis frame instead")
        case .unknownFrame(let f):
            return .cannotPlace(field: "from", reason: "the atlas has no frame \"\(f)\", which the \(input.frame.rawValue) frame needs")
        case .missingLandmark(let l):
            return .cannotPlace(field: "from", reason: "the atlas has no point landmark \"\(l)\", which the \(input.frame.rawValue) frame needs")
        case .missingCurve(let c):
            return .cannotPlace(field: "from", reason: "the atlas has no curve \"\(c)\", which the \(input.frame.rawValue) frame needs")
        }
    }
}
