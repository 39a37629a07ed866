/// The rule for a complete bibliography entry, in one place: the decoder refuses an entry
/// that breaks it, and the tests run it over the shipped bibliography.
extension SourceEntry {
    /// One way an entry is incomplete: the CSL field and what is wrong with it.
    public struct Problem: Hashable, Sendable, CustomStringConvertible {
        /// The CSL-JSON key (`container-title`, `author`, `DOI`...).
        public let field: String
        public let message: String
        public var description: String { "\(field): \(message)" }
    }

    /// Text that stands in for a missing fact. Matched case-insensitively in every citation
    /// field (not in `note`, which says what is missing); titles also may not contain brackets
    /// (a bracketed title is a description, not the publication's title).
    public static let placeholderPhrases = [
        "not given", "not stated", "not known", "not shown", "not found", "not displayed", "unknown", "et al",
        "n.d.", "todo", "tbd", "recalled", "placeholder", "untitled", "anonymous", "...", "\u{2026}",
    ]

    /// The fields a verified entry of each type needs beyond title, author, a date and an
    /// identifier. A verified journal article also needs its volume, unless the publication
    /// showed none and the entry says when it was read (`accessed`).
    public static func requiredFields(of type: CSLItemType) -> [String] {
        switch type {
        case .articleJournal, .chapter, .paperConference, .entryEncyclopedia, .webpage: ["container-title"]
        case .book, .report, .dataset: ["publisher"]
        case .thesis: ["publisher", "genre"]
        }
    }

    /// Every problem with this entry; empty when it is complete for its status.
    public var problems: [Problem] {
        var out: [Problem] = []
        func fail(_ field: String, _ message: String) { out.append(Problem(field: field, message: message)) }
        let text: [(String, String?)] = [
            ("title", title), ("container-title", containerTitle), ("collection-title", collectionTitle),
            ("volume", volume), ("issue", issue), ("page", page), ("edition", edition), ("publisher", publisher),
            ("publisher-place", publisherPlace), ("genre", genre), ("number", number),
        ]
        func present(_ field: String) -> Bool {
            if field == "URL" { return !(URL ?? "").trimmed.isEmpty }
            return text.contains { $0.0 == field && !($0.1 ?? "").trimmed.isEmpty }
        }
        if id.trimmed.isEmpty { fail("id", "is empty") }
        for name in (author ?? []) + (editor ?? []) {
            let parts = [name.family, name.given, name.literal].compactMap { $0 }
            if (name.family ?? name.literal ?? "").trimmed.isEmpty { fail("author", "a name is empty") }
            for p in parts where Self.placeholder(in: p) != nil { fail("author", "\"\(p)\" is a placeholder, not a name (list every author)") }
        }
        if let author, author.isEmpty { fail("author", "is an empty list (leave it out, or name the authors)") }
        if let title, title.contains("[") || title.contains("]") {
            fail("title", "has brackets: a bracketed title is a description; give the publication's own title")
        }
        for (field, value) in text {
            guard let value else { continue }
            if value.trimmed.isEmpty { fail(field, "is empty (leave it out instead)") }
            if let phrase = Self.placeholder(in: value, isTitle: field == "title") { fail(field, "\"\(phrase)\" is placeholder text, not a citation field") }
            if ["volume", "issue", "page", "number"].contains(field), value.contains("?") { fail(field, "\"\(value)\" is a guess") }
        }
        if status == .verified {
            if !present("title") { fail("title", "a verified source needs its title") }
            if (author ?? []).isEmpty { fail("author", "a verified source needs its authors (a person, or an institution as \"literal\")") }
            if issued == nil, accessed == nil { fail("issued", "a verified source needs its date of issue, or \"accessed\" when the publication shows none") }
            for field in Self.requiredFields(of: type) where !present(field) {
                fail(field, "a verified \(type.rawValue) needs \"\(field)\"")
            }
            if type == .articleJournal, !present("volume"), accessed == nil {
                fail("volume", "a verified article needs its volume, or \"accessed\" when the journal's page shows none")
            }
        }
        let identifiers = [DOI, PMID, PMCID, URL, ISBN].compactMap { $0 }.filter { !$0.trimmed.isEmpty }
        if identifiers.isEmpty { fail("DOI", "needs at least one identifier a reader can follow: DOI, PMID, PMCID, URL or ISBN") }
        if let DOI, !(DOI.hasPrefix("10.") && DOI.contains("/") && !DOI.contains(" ")) { fail("DOI", "\"\(DOI)\" is not a DOI (10.xxxx/..., without \"doi:\" or https://doi.org/)") }
        if let PMID, PMID.isEmpty || !PMID.allSatisfy({ $0.isASCII && $0.isNumber }) { fail("PMID", "\"\(PMID)\" is not a PubMed id (digits only)") }
        if let PMCID, !(PMCID.hasPrefix("PMC") && PMCID.count > 3 && PMCID.dropFirst(3).allSatisfy({ $0.isASCII && $0.isNumber })) {
            fail("PMCID", "\"\(PMCID)\" is not a PubMed Central id (PMC followed by digits)")
        }
        if let URL {
            let rest = URL.hasPrefix("https://") ? URL.dropFirst(8) : URL.hasPrefix("http://") ? URL.dropFirst(7) : nil
            let host = rest.map { $0.prefix { $0 != "/" } } ?? ""
            if rest == nil || !host.contains(".") || URL.contains(" ") { fail("URL", "\"\(URL)\" is not a full http(s) address") }
        }
        if let ISBN {
            let digits = ISBN.filter { $0 != "-" && $0 != " " }
            if ![10, 13].contains(digits.count) || !digits.allSatisfy({ ($0.isASCII && $0.isNumber) || $0 == "X" }) { fail("ISBN", "\"\(ISBN)\" is not a 10- or 13-digit ISBN") }
        }
        if note.trimmed.isEmpty { fail("note", "must say what the atlas takes from the source and what was checked") }
        return out
    }

    /// Words a real title may contain ("...as an unknown cause of low back pain") that are
    /// placeholders anywhere else.
    static let titleWords = ["unknown", "not known", "not found", "anonymous"]

    /// The first placeholder phrase in `text`, if any.
    static func placeholder(in text: String, isTitle: Bool = false) -> String? {
        let lower = Array(text.lowercased())
        return zip(placeholderPhrases, placeholderCharacters).first { phrase, characters in
            !(isTitle && titleWords.contains(phrase)) && containsWord(characters, in: lower)
        }?.0
    }

    /// ``placeholderPhrases`` as characters, for ``containsWord(_:in:)``.
    private static let placeholderCharacters = placeholderPhrases.map { Array($0) }

    /// True when `phrase` occurs in `text` not as part of a longer word ("todo" is not in "Todorov").
    static func containsWord(_ phrase: String, in text: String) -> Bool {
        containsWord(Array(phrase), in: Array(text))
    }

    /// ``containsWord(_:in:)`` on characters (compared as Swift compares them, by canonical
    /// equivalence): a plain search, run for every citation field of every source at each
    /// atlas load, so it stays off Foundation's locale-aware string search.
    static func containsWord(_ phrase: [Character], in text: [Character]) -> Bool {
        guard let first = phrase.first, phrase.count <= text.count else { return false }
        let wordy = first.isLetter
        for start in 0...(text.count - phrase.count) where text[start] == first {
            let end = start + phrase.count
            guard text[start..<end].elementsEqual(phrase) else { continue }
            let before = start == 0 ? nil : text[start - 1]
            let after = end == text.count ? nil : text[end]
            if !wordy || (!(before?.isLetter ?? false) && !(after?.isLetter ?? false)) { return true }
        }
        return false
    }
}
