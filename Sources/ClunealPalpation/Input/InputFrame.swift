import ClunealAnatomy

/// The frames a tape-measure position can be given in. Each maps onto a named frame of the
/// atlas, resolved on the person's scaled geometry.
public enum InputFrame: String, CaseIterable, Hashable, Sendable, Codable {
    /// Lateral from the posterior midline, vertical from the PSIS level: the body frame.
    case midline
    /// Offsets from the same side's PSIS: lateral positive away from the midline (negative is
    /// medial of the PSIS), vertical positive cranial.
    case psis
    /// Lateral from the midline to a point on the iliac crest line; vertical is the height
    /// above the crest there.
    case crest

    /// The atlas frame the input is placed in.
    public var atlasFrame: String {
        switch self {
        case .midline: WellKnownId.bodyFrame.id
        case .psis: WellKnownId.psisFrame.id
        case .crest: WellKnownId.crestFrame.id
        }
    }

    /// One line for help texts.
    public var summary: String {
        switch self {
        case .midline: "lateral from the midline, vertical from the PSIS level (the body frame)"
        case .psis: "offsets from that side's PSIS; lateral positive away from the midline, negative medial of it"
        case .crest: "lateral from the midline to a point on the crest line, vertical = height above the crest there"
        }
    }
}
