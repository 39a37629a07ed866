/// How a block site is done under ultrasound, as its sources describe it. Text fields are
/// plain words; the geometry (probe angle, footprint, needle side) is for drawing the probe
/// footprint and needle path on a map and says in `derivation` which numbers are drawing choices.
public struct UltrasoundTechniqueEntry: Codable, Hashable, Sendable {
    /// Patient position ("lateral decubitus", "prone").
    public var position: String
    /// The transducer ("high-frequency linear transducer").
    public var probe: String
    /// Where the probe goes and how it is turned, from landmarks.
    public var placement: String
    /// The plane the injectate goes into.
    public var targetPlane: String
    /// Skin-to-target depth range, millimetres, when a source gives one; `nil` otherwise.
    public var depthMillimetres: VolumeRange?
    /// How the depth varies with body size, or that no source gave it.
    public var depthNote: String
    /// In-plane or out-of-plane, and from which side.
    public var needleApproach: String
    /// Angle of the probe's long axis on the skin, degrees anticlockwise from the body's
    /// lateral axis on the patient's left (0 = transverse, 90 = longitudinal); mirrored on the right.
    public var probeAngleDegrees: Double
    /// Length of the probe footprint drawn on a map, millimetres.
    public var footprintMillimetres: Double
    /// The end of the probe the needle enters from: `lateral` or `medial` (in plane).
    public var needleFrom: String
    public var provenance: Provenance
}
