import ClunealAnatomy

/// Why teaching material could not be made. Each case names what was wrong and where.
public enum TeachingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The atlas has no item the walk, quiz or guide needs (an atlas made for something else).
    case atlasLacks(item: String, neededFor: String)
    /// The measurements were refused while generating a quiz person.
    case measurements(MeasurementError)
    /// Every problem found in a guide file, each with file, line and JSON path.
    case invalidGuide([AtlasError])
    /// A guide topic that does not exist, with the ones that do.
    case unknownTopic(String, known: [String])
    /// A quiz answer that could not be read, with why.
    case unreadableAnswer(String, reason: String)

    public var description: String {
        switch self {
        case .atlasLacks(let item, let neededFor):
            "the atlas has no \"\(item)\", which \(neededFor) needs"
        case .measurements(let e): e.description
        case .invalidGuide(let errors):
            errors.map(\.description).joined(separator: "\n")
        case .unknownTopic(let topic, let known):
            "no guide topic \"\(topic)\"; topics: \(known.joined(separator: ", "))"
        case .unreadableAnswer(let text, let reason):
            "cannot read the answer \"\(text)\": \(reason)"
        }
    }
}
