/// Whether a source was checked against the publication itself.
///
/// `verified`: the publication (its abstract, full text or publisher page) was read, its
/// citation fields match it, and the numbers the atlas takes from it are in it.
/// `unverified`: it could not be checked; it may back variants, never a default zone.
public enum SourceStatus: String, Codable, Hashable, Sendable, CaseIterable {
    case verified, unverified
}
