/// A bibliography file (`Atlas/sources.json`): a plain CSL-JSON array of ``SourceEntry``,
/// so pandoc (`--bibliography`), Zotero and citeproc read the file as it is.
public struct SourceFileDocument: Codable, Hashable, Sendable {
    public var sources: [SourceEntry]

    public init(sources: [SourceEntry]) {
        self.sources = sources
    }

    public init(from decoder: any Decoder) throws {
        sources = try decoder.singleValueContainer().decode([SourceEntry].self)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(sources)
    }
}
