import ClunealAnatomy

/// The ranges a tender-point position must fall in, in one place (millimetres). Like
/// ``MeasurementLimits`` they are wide on purpose: they catch typos, wrong units and
/// impossible positions, not unusual bodies.
public enum PalpationLimits {
    /// `lateral` in the midline and crest frames: a distance from the midline, never negative.
    public static let lateralFromMidline: ClosedRange<Double> = 0...300
    /// `lateral` in the psis frame: negative is medial of the PSIS. A point may not cross the
    /// midline; that is checked once the PSIS of the person is known.
    public static let lateralFromPSIS: ClosedRange<Double> = -300...300
    /// `vertical` in every frame, cranial positive.
    public static let vertical: ClosedRange<Double> = -350...300
    /// Where a placed point must end up in the body frame: |x| and z.
    public static let bodyLateral: ClosedRange<Double> = 0...300
    public static let bodyVertical: ClosedRange<Double> = -350...300

    /// The allowed range of `lateral` in a frame.
    public static func lateral(in frame: InputFrame) -> ClosedRange<Double> {
        frame == .psis ? lateralFromPSIS : lateralFromMidline
    }

    /// The checks that need no body: finite numbers inside the ranges above.
    public static func check(_ input: TenderPointInput) throws(PalpationError) {
        try check(input.lateral.millimetres, "lateral", lateral(in: input.frame))
        try check(input.vertical.millimetres, "vertical", vertical)
    }

    static func check(_ mm: Double, _ field: String, _ range: ClosedRange<Double>) throws(PalpationError) {
        guard mm.isFinite else { throw .nonFinite(field: field) }
        guard range.contains(mm) else { throw .outOfRange(field: field, millimetres: mm, allowed: range) }
    }
}
