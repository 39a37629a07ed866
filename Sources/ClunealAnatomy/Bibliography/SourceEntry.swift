/// One source in the bibliography (`Atlas/sources.json`): a CSL-JSON item, the format Zotero,
/// pandoc and citeproc read, plus two fields of ours, `status` and `note`.
///
/// Invariants, re-checked when decoding (``SourceEntry/problems``): every entry has at least
/// one identifier (DOI, PMID, PMCID, URL or ISBN) a reader can follow, a note, no placeholder
/// text ("not given", "et al.", brackets in a title) and no unknown keys. A `verified` entry
/// is also complete: title, authors, a date (of issue, or of reading when the publication shows
/// none) and the fields its type needs. An `unverified` entry holds only what was seen and says
/// in its note what is missing; it cannot back a default zone.
public struct SourceEntry: Codable, Hashable, Sendable {
    /// Stable kebab-case key that atlas items cite (`tubbs-2010`).
    public var id: String
    public var type: CSLItemType
    /// Every author, in order (no "et al."): persons or institutions. Required when verified.
    public var author: [CSLName]?
    /// Editors of the book a chapter is in, if any.
    public var editor: [CSLName]?
    /// Date of publication (the year at least). A verified entry has it, or `accessed`.
    public var issued: CSLDate?
    /// When a web page was read.
    public var accessed: CSLDate?
    /// The title exactly as published. Required when verified.
    public var title: String?
    /// Journal, book (for a chapter), proceedings or web site.
    public var containerTitle: String?
    /// Series or collection (a report series).
    public var collectionTitle: String?
    public var volume: String?
    public var issue: String?
    /// Page range with an en dash or hyphen ("356-359"), or an article number ("e246294").
    public var page: String?
    public var edition: String?
    /// Publisher; for a thesis the university, for a report the institution.
    public var publisher: String?
    public var publisherPlace: String?
    /// Kind of thesis or report ("MSc dissertation", "Technical report").
    public var genre: String?
    /// Report number.
    public var number: String?
    public var DOI: String?
    public var PMID: String?
    public var PMCID: String?
    public var URL: String?
    public var ISBN: String?
    /// Ours: whether the source was checked against the publication (see ``SourceStatus``).
    public var status: SourceStatus
    /// Ours: what the atlas takes from it and what was checked (sample size, numbers read,
    /// where it was read). Note that CSL also has `status` and `note` variables; a few
    /// citation styles print them.
    public var note: String

    public init(id: String, type: CSLItemType, author: [CSLName]?, issued: CSLDate?, title: String?, status: SourceStatus, note: String) {
        self.id = id
        self.type = type
        self.author = author
        self.issued = issued
        self.title = title
        self.status = status
        self.note = note
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, type, author, editor, issued, accessed, title
        case containerTitle = "container-title"
        case collectionTitle = "collection-title"
        case volume, issue, page, edition, publisher
        case publisherPlace = "publisher-place"
        case genre, number, DOI, PMID, PMCID, URL, ISBN, status, note
    }

    public init(from decoder: any Decoder) throws {
        try StrictKeys.check(decoder, allowed: CodingKeys.allCases.map(\.rawValue), what: "a bibliography entry")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        type = try c.decode(CSLItemType.self, forKey: .type)
        author = try c.decodeIfPresent([CSLName].self, forKey: .author)
        editor = try c.decodeIfPresent([CSLName].self, forKey: .editor)
        issued = try c.decodeIfPresent(CSLDate.self, forKey: .issued)
        accessed = try c.decodeIfPresent(CSLDate.self, forKey: .accessed)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        containerTitle = try c.decodeIfPresent(String.self, forKey: .containerTitle)
        collectionTitle = try c.decodeIfPresent(String.self, forKey: .collectionTitle)
        volume = try c.decodeIfPresent(String.self, forKey: .volume)
        issue = try c.decodeIfPresent(String.self, forKey: .issue)
        page = try c.decodeIfPresent(String.self, forKey: .page)
        edition = try c.decodeIfPresent(String.self, forKey: .edition)
        publisher = try c.decodeIfPresent(String.self, forKey: .publisher)
        publisherPlace = try c.decodeIfPresent(String.self, forKey: .publisherPlace)
        genre = try c.decodeIfPresent(String.self, forKey: .genre)
        number = try c.decodeIfPresent(String.self, forKey: .number)
        DOI = try c.decodeIfPresent(String.self, forKey: .DOI)
        PMID = try c.decodeIfPresent(String.self, forKey: .PMID)
        PMCID = try c.decodeIfPresent(String.self, forKey: .PMCID)
        URL = try c.decodeIfPresent(String.self, forKey: .URL)
        ISBN = try c.decodeIfPresent(String.self, forKey: .ISBN)
        status = try c.decode(SourceStatus.self, forKey: .status)
        note = try c.decode(String.self, forKey: .note)
        if let first = problems.first {
            throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath + [StrictKeys.AnyKey(stringValue: first.field)], debugDescription: first.message))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(type, forKey: .type)
        try c.encodeIfPresent(author, forKey: .author)
        try c.encodeIfPresent(editor, forKey: .editor)
        try c.encodeIfPresent(issued, forKey: .issued)
        try c.encodeIfPresent(accessed, forKey: .accessed)
        try c.encodeIfPresent(title, forKey: .title)
        try c.encodeIfPresent(containerTitle, forKey: .containerTitle)
        try c.encodeIfPresent(collectionTitle, forKey: .collectionTitle)
        try c.encodeIfPresent(volume, forKey: .volume)
        try c.encodeIfPresent(issue, forKey: .issue)
        try c.encodeIfPresent(page, forKey: .page)
        try c.encodeIfPresent(edition, forKey: .edition)
        try c.encodeIfPresent(publisher, forKey: .publisher)
        try c.encodeIfPresent(publisherPlace, forKey: .publisherPlace)
        try c.encodeIfPresent(genre, forKey: .genre)
        try c.encodeIfPresent(number, forKey: .number)
        try c.encodeIfPresent(DOI, forKey: .DOI)
        try c.encodeIfPresent(PMID, forKey: .PMID)
        try c.encodeIfPresent(PMCID, forKey: .PMCID)
        try c.encodeIfPresent(URL, forKey: .URL)
        try c.encodeIfPresent(ISBN, forKey: .ISBN)
        try c.encode(status, forKey: .status)
        try c.encode(note, forKey: .note)
    }
}
