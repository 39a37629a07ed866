import BodyGeometry

/// An atlas file exactly as written in JSON (`Atlas/*.atlas.json`), before validation.
///
/// Coordinates are millimetres in the body frame: origin on the posterior midline at the
/// PSIS level, +x toward the patient's left, +z cranial. Items whose laterality is
/// `bilateral` are written once, for the patient's **left** side (x ≥ 0), and mirrored to
/// the right on loading. Validation (``AtlasValidator``) turns a document into an ``Atlas``.
public struct AtlasDocument: Codable, Hashable, Sendable {
    /// Format version of this file layout; this build reads version 1.
    public var schemaVersion: Int
    /// Stable identifier of the atlas (kebab-case).
    public var id: String
    /// Version of the atlas content (semantic versioning).
    public var version: String
    public var title: String
    public var description: String?
    /// Files (relative to the atlas file) holding the bibliography that `sources` ids resolve to.
    public var sourceFiles: [String]?
    /// Sources written inline (merged with those from `sourceFiles`).
    public var sources: [SourceEntry]?
    /// The reference adult the geometry describes.
    public var reference: ReferenceBody
    /// Named frames in which zones, injection sites and look-alikes place themselves.
    public var frames: [FrameEntry]
    public var landmarks: [LandmarkEntry]
    public var structures: [StructureEntry]
    public var nerves: [NerveEntry]
    public var entrapmentSites: [EntrapmentSiteEntry]
    public var zones: [ZoneEntry]
    public var injectionSites: [InjectionSiteEntry]
    /// Other pain generators nearby that a tender point could be mistaken for.
    public var lookAlikes: [LookAlikeEntry]?
}

/// `measured`: the number is a published measurement. `derived`: computed from measured numbers
/// (the item says how). `schematic`: drawn to be recognisable, not to be measured from.
public enum Fidelity: String, Codable, Hashable, Sendable, CaseIterable {
    case measured, derived, schematic
}

/// Which side(s) an item exists on, as the patient's side.
public enum Laterality: String, Codable, Hashable, Sendable, CaseIterable {
    case left, right, bilateral, midline
}

/// English and (where one exists) Latin / TA2 names.
public struct Names: Codable, Hashable, Sendable {
    public var en: String
    public var latin: String?
    /// A short label for maps (at most 32 characters). Items that have one are labelled on the map.
    public var short: String?
    public init(en: String, latin: String? = nil, short: String? = nil) {
        self.en = en
        self.latin = latin
        self.short = short
    }
}

/// The sourcing every atlas item carries.
public struct Provenance: Codable, Hashable, Sendable {
    public var fidelity: Fidelity
    /// Ids into the bibliography. At least one.
    public var sources: [String]
    /// Required for `derived` and `schematic` items: how the geometry was obtained.
    public var derivation: String?
}

/// A number with its own source (used where one value stands apart from its item).
public struct SourcedValue: Codable, Hashable, Sendable {
    public var value: Double
    public var fidelity: Fidelity
    public var sources: [String]
    public var derivation: String?
}

/// The reference adult whose measurements the geometry is drawn at.
public struct ReferenceBody: Codable, Hashable, Sendable {
    /// Stature the geometry corresponds to; stature scaling divides by this (millimetres).
    public var statureMillimetres: SourcedValue
    /// One SD, per body axis, of the error of a tender point found by palpation and placed with
    /// a tape from palpated landmarks (millimetres, on the person, not scaled). Every score adds
    /// it in quadrature to each zone's spread unless the user sets another value. Absent: 0,
    /// anatomy-only scores.
    public var palpationErrorMillimetres: SourcedValue?
    /// How far a palpated crest summit (intercristal line) lies above the imaged, bony one
    /// (millimetres at the reference stature, by sex). A crest height measured by palpation is
    /// lowered by this before it scales the body, whose crest is the bony one. Absent: 0.
    public var palpatedCrestAboveImagedMillimetres: SexSpecificValue?
    public var description: String?
}

/// The geometry of an item, in body-frame millimetres. Exactly one member is set.
public struct GeometryEntry: Codable, Hashable, Sendable {
    public var point: Point?
    public var polyline: [Point]?
    public var polygon: [Point]?
    public var ribbon: RibbonEntry?
}

/// A centreline with a full width (millimetres) at each point.
public struct RibbonEntry: Codable, Hashable, Sendable {
    public var points: [Point]
    public var widths: [Double]
}

/// A named frame. Kinds:
/// - `body`: lateral is |x| from the midline, vertical is z from the PSIS level.
/// - `landmark`: offsets from `landmark` on the same side (lateral positive away from the midline).
/// - `curveHeight`: lateral is |x| from the midline to a point on `curve`; vertical is the height above the curve there.
/// - `curveArc`: lateral is the distance along `curve` from its point nearest `landmark`; vertical is the height above the curve there.
/// - `curveFromLandmark`: lateral is the horizontal distance lateral of `landmark`; vertical is the height above `curve` there.
public struct FrameEntry: Codable, Hashable, Sendable {
    public var id: String
    public var kind: String
    public var landmark: String?
    public var curve: String?
    public var description: String
}

/// A position written in a named frame, millimetres.
public struct FramePositionEntry: Codable, Hashable, Sendable {
    public var frame: String
    public var lateral: Double
    public var vertical: Double
}

public struct LandmarkEntry: Codable, Hashable, Sendable {
    public var id: String
    public var names: Names
    public var laterality: Laterality
    /// A point, or a polyline for line landmarks (the posterior midline, the gluteal fold).
    public var geometry: GeometryEntry
    public var provenance: Provenance
    /// How to find it on a person, in words a trainee can follow.
    public var palpation: String?
    public var note: String?
    /// Where a point landmark lies for one sex, when a source gives a difference. Used in place
    /// of `geometry` when the person's sex is given (local to the landmark: no warp).
    public var bySex: [SexVariantEntry]?
}

/// A point landmark's position, or a structure's shape, for one sex, with its own sourcing.
public struct SexVariantEntry: Codable, Hashable, Sendable {
    public var sex: Sex
    public var geometry: GeometryEntry
    public var provenance: Provenance
}

/// Structure kinds, which are also the map's drawing layers.
/// What a structure is. `territory` is the skin area a nerve group supplies (drawn on its own
/// optional map layer, never used for locating).
public enum StructureKind: String, Codable, Hashable, Sendable, CaseIterable {
    case outline, bone, fascia, ligament, muscle, territory
}

public struct StructureEntry: Codable, Hashable, Sendable {
    public var id: String
    public var kind: StructureKind
    public var names: Names
    public var laterality: Laterality
    public var geometry: GeometryEntry
    public var provenance: Provenance
    /// Where a fascia or ligament attaches, in words.
    public var attachments: String?
    public var note: String?
    /// The nerve group whose skin area a `territory` is; required for territories (checked by
    /// the validator), absent otherwise.
    public var nerve: NerveGroup?
    /// The structure's shape for one sex, when a source gives a difference (the body outline's
    /// hips). Used in place of `geometry` when the person's sex is given; the same kind of
    /// geometry as `geometry` (checked by the validator). Drawn only: no frame reads a variant.
    public var bySex: [SexVariantEntry]?
}

/// The three cluneal nerve groups.
public enum NerveGroup: String, Codable, Hashable, Sendable, CaseIterable {
    case superior, middle, inferior
}

public struct NerveEntry: Codable, Hashable, Sendable {
    public var id: String
    public var nerve: NerveGroup
    /// Branch name within the group (`medial`, `intermediate`, `lateral`, `1`, `2`...).
    public var branch: String
    public var names: Names
    public var laterality: Laterality
    /// The course as a ribbon (centreline from proximal to distal, widths in mm).
    public var path: RibbonEntry
    public var provenance: Provenance
    /// Spinal levels it arises from, in words ("L1–L3 (classic); T11–L5 reported").
    public var origin: String?
    public var note: String?
}

/// A place where a branch can be trapped, with one zone per source and a default.
public struct EntrapmentSiteEntry: Codable, Hashable, Sendable {
    public var id: String
    public var names: Names
    public var nerve: NerveGroup
    /// Nerve ids that pass through this site.
    public var branches: [String]
    /// The structure that traps the nerve (fascia, ligament, muscle border).
    public var structure: String
    /// Other structures that form the trap with `structure` (the crest under the fascia, the
    /// ischium under the border...): a map highlighting the site keeps them at full strength.
    public var alsoFormedBy: [String]?
    /// The zone the tool uses unless told otherwise.
    public var defaultZone: String
    public var description: String
}

/// One axis of a zone: mean ± SD over n, millimetres.
public struct AxisSpread: Codable, Hashable, Sendable {
    public var mean: Double
    public var sd: Double
    /// Sample size behind the mean, if the source gives one.
    public var n: Int?
    /// Set when the SD is not from the zone's own source (borrowed or derived).
    public var sdSource: String?
    /// How the SD was obtained when it is not the source's own figure.
    public var sdDerivation: String?
}

/// One source's account of where an entrapment site lies, as a distribution in a named frame.
public struct ZoneEntry: Codable, Hashable, Sendable {
    public var id: String
    public var site: String
    /// The nerve id the zone sits on.
    public var branch: String
    public var source: String
    public var frame: String
    public var lateral: AxisSpread
    public var vertical: AxisSpread
    public var fidelity: Fidelity
    public var laterality: Laterality
    /// True for a variant kept for the record although the atlas judges it inconsistent with
    /// the anatomy (for example a figure that matches another nerve). A disputed zone is
    /// exempt from the near-its-nerve check, is never a site's default, and is reported as
    /// disputed wherever it appears.
    public var disputed: Bool?
    /// What the source measured, and anything a reader must know (disagreements).
    public var note: String?
}

/// A range of volumes, millilitres.
public struct VolumeRange: Codable, Hashable, Sendable {
    public var min: Double
    public var max: Double
}

/// Where a diagnostic block for one entrapment site goes.
public struct InjectionSiteEntry: Codable, Hashable, Sendable {
    public var id: String
    public var site: String
    public var names: Names
    public var laterality: Laterality
    public var position: FramePositionEntry
    /// `landmark` or `ultrasound`.
    public var guidance: String
    /// How to find the point from landmarks, step by step in plain words.
    public var howToFind: String
    public var volumeMillilitres: VolumeRange
    public var agent: String
    /// The ultrasound technique, where a source describes one; `guidance` is then `ultrasound`
    /// (the landmark technique in `howToFind` stays as the fallback).
    public var ultrasound: UltrasoundTechniqueEntry?
    /// What counts as a positive block, with its source id in `provenance`.
    public var positiveResponse: String
    public var provenance: Provenance
}

/// A nearby pain generator that a tender point might be confused with.
public struct LookAlikeEntry: Codable, Hashable, Sendable {
    public var id: String
    public var names: Names
    public var laterality: Laterality
    public var position: FramePositionEntry
    /// Points within this distance are said to fit the look-alike (millimetres).
    public var radiusMillimetres: Double
    /// True when a tender point inside the radius makes this look-alike the likelier cause,
    /// so the finding's headline leads with it (Fortin's point). Absent or false: it is only
    /// named as something to consider (a wide area that overlaps a cluneal zone).
    public var likelierWhenInside: Bool?
    public var description: String
    public var provenance: Provenance
}
