/// The care-pathway guide as written in JSON (`Atlas/guide.json`), before validation.
///
/// Plain-language topics (causes, self-care, physical therapy, when conservative care fails,
/// red flags...) in ordered sections of short paragraphs and bullet items. Every item names
/// its sources (ids in the bibliography files the guide lists). The `red-flags` topic is
/// required. ``Guide/load(_:sourceFiles:)`` validates a document into a ``Guide``.
public struct GuideDocument: Codable, Hashable, Sendable {
    /// Format version; this build reads version 1.
    public var schemaVersion: Int
    public var id: String
    /// Content version (semantic versioning).
    public var version: String
    public var title: String
    /// A few sentences shown with the list of topics.
    public var overview: String
    /// One line on the red flags, printed at the end of every topic.
    public var redFlagSummary: String
    /// Bibliography files, relative to the guide file, that `sources` ids resolve to.
    public var sourceFiles: [String]
    public var topics: [GuideTopic]
}

public struct GuideTopic: Codable, Hashable, Sendable {
    /// Kebab-case, typed at the command line (`cluneal guide self-care`).
    public var id: String
    public var title: String
    /// One or two sentences for the list of topics.
    public var summary: String
    public var sections: [GuideSection]
}

public struct GuideSection: Codable, Hashable, Sendable {
    /// Optional: a topic with one section may leave it out.
    public var heading: String?
    public var items: [GuideItem]
}

public struct GuideItem: Codable, Hashable, Sendable {
    public var kind: GuideItemKind
    public var text: String
    /// At least one source id.
    public var sources: [String]
}

/// How an item prints: a paragraph, or a bullet in a list.
public enum GuideItemKind: String, Codable, Hashable, Sendable, CaseIterable {
    case paragraph, bullet
}
