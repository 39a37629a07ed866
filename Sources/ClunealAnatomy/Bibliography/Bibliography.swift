import Foundation

/// The bibliography written in the formats reference managers read. One function per
/// format; each returns the whole file as text (no I/O here).
public enum Bibliography {
    /// The formats `cluneal atlas sources --format` writes.
    public enum Format: String, CaseIterable, Sendable {
        case bibtex, ris
        case cslJSON = "csl-json"
    }

    /// The sources in `format`.
    public static func export(_ sources: [SourceEntry], as format: Format) throws -> String {
        switch format {
        case .bibtex: bibTeX(sources)
        case .ris: ris(sources)
        case .cslJSON: try cslJSON(sources)
        }
    }

    /// CSL-JSON: a pretty-printed array of the items, exactly as `Atlas/sources.json` holds
    /// them (our `status` and `note` included), so it decodes back to the same entries.
    public static func cslJSON(_ sources: [SourceEntry]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(sources), as: UTF8.self) + "\n"
    }

    // MARK: - BibTeX

    /// BibTeX (also read by biblatex): one entry per source, keyed by the source id.
    public static func bibTeX(_ sources: [SourceEntry]) -> String {
        sources.map(bibTeXEntry).joined(separator: "\n")
    }

    static func bibTeXEntry(_ s: SourceEntry) -> String {
        let kind: String
        switch s.type {
        case .articleJournal: kind = "article"
        case .book: kind = "book"
        case .chapter, .entryEncyclopedia: kind = "incollection"
        case .paperConference: kind = "inproceedings"
        case .report: kind = "techreport"
        case .thesis: kind = (s.genre ?? "").lowercased().contains("phd") || (s.genre ?? "").lowercased().contains("doctor") ? "phdthesis" : "mastersthesis"
        case .webpage, .dataset: kind = "misc"
        }
        var fields: [(String, String)] = []
        func add(_ key: String, _ value: String?, braced: Bool = false) {
            guard let value, !value.isEmpty else { return }
            let escaped = bibTeXEscape(value)
            fields.append((key, braced ? "{\(escaped)}" : escaped))
        }
        if let author = s.author, !author.isEmpty { fields.append(("author", author.map(bibTeXName).joined(separator: " and "))) }
        if let editor = s.editor, !editor.isEmpty { fields.append(("editor", editor.map(bibTeXName).joined(separator: " and "))) }
        add("title", s.title, braced: true)
        switch s.type {
        case .articleJournal: add("journal", s.containerTitle)
        case .chapter, .entryEncyclopedia, .paperConference: add("booktitle", s.containerTitle)
        case .webpage, .dataset: add("howpublished", s.containerTitle)
        case .book, .report, .thesis: break
        }
        add("series", s.collectionTitle)
        if let issued = s.issued {
            add("year", String(issued.year))
            if let m = issued.month { add("month", String(m)) }
        }
        if let accessed = s.accessed { add("urldate", risDate(accessed).replacingOccurrences(of: "/", with: "-").trimmingCharacters(in: CharacterSet(charactersIn: "-"))) }
        add("volume", s.volume)
        add("number", s.type == .report ? s.number : s.issue)
        add("pages", s.page.map { $0.replacingOccurrences(of: "\u{2013}", with: "--").replacingOccurrences(of: "-", with: "--").replacingOccurrences(of: "----", with: "--") })
        add("edition", s.edition)
        switch s.type {
        case .thesis: add("school", s.publisher)
        case .report: add("institution", s.publisher)
        default: add("publisher", s.publisher)
        }
        add("address", s.publisherPlace)
        add("type", s.type == .thesis || s.type == .report ? s.genre : nil)
        add("doi", s.DOI)
        add("pmid", s.PMID)
        add("pmcid", s.PMCID)
        add("isbn", s.ISBN)
        if let url = s.URL { fields.append(("url", url.replacingOccurrences(of: "%", with: "\\%"))) }
        add("note", "Atlas source status: \(s.status.rawValue)")
        let body = fields.map { "  \($0.0) = {\($0.1)}" }.joined(separator: ",\n")
        return "@\(kind){\(s.id),\n\(body)\n}\n"
    }

    /// `Family, Given`, or an institution in braces so BibTeX does not split it.
    static func bibTeXName(_ n: CSLName) -> String {
        if let literal = n.literal { return "{\(bibTeXEscape(literal))}" }
        let family = bibTeXEscape(n.family ?? "")
        // A multi-word surname ("Van Schoor") is braced so it is not read as given names.
        let braced = family.contains(" ") ? "{\(family)}" : family
        guard let given = n.given, !given.isEmpty else { return braced }
        return "\(braced), \(bibTeXEscape(given))"
    }

    /// Escapes the characters TeX treats specially. UTF-8 letters are kept (biblatex and
    /// modern BibTeX read them).
    static func bibTeXEscape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "\\": out += "\\textbackslash{}"
            case "{", "}", "&", "%", "$", "#", "_": out += "\\\(c)"
            case "~": out += "\\textasciitilde{}"
            case "^": out += "\\textasciicircum{}"
            default: out.append(c)
            }
        }
        return out
    }

    // MARK: - RIS

    /// RIS (Zotero, EndNote, Mendeley): one record per source from `TY` to `ER`; the source
    /// id is the record's `ID`.
    public static func ris(_ sources: [SourceEntry]) -> String {
        sources.map(risRecord).joined(separator: "\n")
    }

    static func risRecord(_ s: SourceEntry) -> String {
        let kind: String
        switch s.type {
        case .articleJournal: kind = "JOUR"
        case .book: kind = "BOOK"
        case .chapter: kind = "CHAP"
        case .entryEncyclopedia: kind = "ENCYC"
        case .paperConference: kind = "CONF"
        case .report: kind = "RPRT"
        case .thesis: kind = "THES"
        case .webpage: kind = "ELEC"
        case .dataset: kind = "DATA"
        }
        var lines: [(String, String)] = [("TY", kind), ("ID", s.id)]
        func add(_ tag: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            // A record is line-based: a line break inside a value would end the field.
            lines.append((tag, value.split(whereSeparator: \.isNewline).joined(separator: " ")))
        }
        for a in s.author ?? [] { add("AU", risName(a)) }
        for e in s.editor ?? [] { add("A2", risName(e)) }
        add("TI", s.title)
        add("T2", s.containerTitle)
        add("T3", s.collectionTitle)
        add("PY", s.issued.map { String($0.year) })
        add("DA", s.issued.map(risDate))
        add("VL", s.volume)
        add("IS", s.type == .report ? s.number : s.issue)
        if let page = s.page {
            let ends = page.split(whereSeparator: { $0 == "-" || $0 == "\u{2013}" }).map(String.init)
            add("SP", ends.first)
            if ends.count > 1 { add("EP", ends.last) }
        }
        add("ET", s.edition)
        add("PB", s.publisher)
        add("CY", s.publisherPlace)
        add("M3", s.genre)
        add("DO", s.DOI)
        add("SN", s.ISBN)
        add("AN", s.PMID.map { "PMID:\($0)" })
        add("C2", s.PMCID)
        add("UR", s.URL)
        if let accessed = s.accessed { add("Y2", risDate(accessed)) }
        add("N1", "Atlas source status: \(s.status.rawValue). \(s.note)")
        lines.append(("ER", ""))
        return lines.map { "\($0.0)  - \($0.1)" }.joined(separator: "\n") + "\n"
    }

    static func risName(_ n: CSLName) -> String {
        if let literal = n.literal { return literal }
        guard let given = n.given, !given.isEmpty else { return n.family ?? "" }
        return "\(n.family ?? ""), \(given)"
    }

    /// `YYYY/MM/DD/` with empty parts left empty, as RIS writes dates.
    static func risDate(_ d: CSLDate) -> String {
        func two(_ v: Int?) -> String { v.map { $0 < 10 ? "0\($0)" : String($0) } ?? "" }
        return "\(d.year)/\(two(d.month))/\(two(d.day))/"
    }
}
