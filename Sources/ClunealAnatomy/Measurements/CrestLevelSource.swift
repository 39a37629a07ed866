/// How a crest summit height was found: by palpation (hands on the crests, the usual case) or
/// on imaging (the bony summit, as the atlas draws it).
public enum CrestLevelSource: String, Codable, Hashable, Sendable, CaseIterable {
    case palpation, imaging

    /// What the user is assumed to have done when they do not say.
    public static let `default`: CrestLevelSource = .palpation
}
