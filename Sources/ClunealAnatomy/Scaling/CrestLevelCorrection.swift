/// The one rule that turns a measured crest summit height into the bony (imaged) height the
/// atlas's crest is drawn at.
///
/// A palpated intercristal line sits above the imaged one (the fingers rest on the soft tissue
/// over the crests): the atlas's `reference.palpatedCrestAboveImagedMillimetres`, by sex, scaled
/// by stature like every other body length. An imaged height is used as it is.
/// Millimetres in the body frame, heights above the PSIS level.
public struct CrestLevelCorrection: Codable, Hashable, Sendable {
    public var source: CrestLevelSource
    /// The sex whose offset was used; nil: the sex-neutral offset.
    public var sex: Sex?
    /// The height as measured.
    public var measuredMillimetres: Double
    /// Subtracted from the measured height (0 for imaging).
    public var offsetMillimetres: Double
    /// The height that scales the body.
    public var bonyMillimetres: Double { measuredMillimetres - offsetMillimetres }

    /// Offsets the atlas may state (millimetres): up to about two vertebral levels.
    public static let offsetRange: ClosedRange<Double> = 0...60
    /// The lowest bony crest summit a fit accepts (millimetres above the PSIS level).
    public static let minimumBonyHeight: Double = 20

    /// The correction of `measured` (mm) for a body of `sex` scaled by `statureRatio`.
    public init(atlas: Atlas, measured: Double, source: CrestLevelSource, sex: Sex?, statureRatio: Double) {
        self.source = source
        self.sex = sex
        self.measuredMillimetres = measured
        switch source {
        case .imaging: offsetMillimetres = 0
        case .palpation:
            offsetMillimetres = (atlas.document.reference.palpatedCrestAboveImagedMillimetres?.value(for: sex) ?? 0) * statureRatio
        }
    }

    /// One phrase for the scaling summary.
    public var summary: String {
        let cm = LengthUnit.centimetres
        switch source {
        case .imaging:
            return "crest height \(cm.format(measuredMillimetres)) from imaging, used as the bony level"
        case .palpation:
            let who = sex.map { "for a \($0 == .female ? "woman" : "man")" } ?? "sex not given"
            return "crest height \(cm.format(measuredMillimetres)) palpated, \(cm.format(bonyMillimetres)) at the bone "
                + "(a palpated crest sits \(LengthUnit.millimetres.format(offsetMillimetres)) above the imaged one, \(who))"
        }
    }
}
