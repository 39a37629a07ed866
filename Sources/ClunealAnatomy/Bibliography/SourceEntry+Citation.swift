/// The citation of a source as text, built from its CSL fields (Vancouver style, as in
/// PubMed): what text output, teaching material and exports print.
extension SourceEntry {
    /// Authors listed before "et al." in a printed citation (Vancouver lists six).
    public static let printedAuthorLimit = 6

    /// `Tubbs RS, Levin MR, ... Title. J Neurosurg Spine. 2010;13(3):356-9. doi:10.3171/...`
    public var citation: String {
        var parts: [String] = []
        parts.append(Self.sentence(Self.nameList(author ?? [], limit: Self.printedAuthorLimit)))
        parts.append(Self.sentence(title ?? ""))
        let year = issued.map { String($0.year) } ?? ""
        switch type {
        case .articleJournal:
            var numbers = year
            if let volume { numbers += (numbers.isEmpty ? "" : ";") + volume }
            if let issue { numbers += "(\(issue))" }
            if let page { numbers += ":" + page }
            parts.append(Self.sentence(containerTitle ?? ""))
            if !numbers.isEmpty { parts.append(numbers + ".") }
        case .chapter, .entryEncyclopedia, .paperConference:
            var where_ = "In: "
            if let editor, !editor.isEmpty { where_ += Self.nameList(editor, limit: Self.printedAuthorLimit) + ", editor\(editor.count == 1 ? "" : "s"). " }
            where_ += Self.sentence(containerTitle ?? "")
            parts.append(where_)
            if let edition { parts.append(Self.ordinal(edition) + " ed.") }
            parts.append(Self.imprint(publisherPlace, publisher, year))
            if let page { parts.append("p. \(page).") }
        case .book, .report, .dataset:
            if let edition { parts.append(Self.ordinal(edition) + " ed.") }
            if let collectionTitle { parts.append(Self.sentence(collectionTitle)) }
            parts.append(Self.imprint(publisherPlace, publisher, year))
            if let number { parts.append("Report No.: \(number).") }
        case .thesis:
            parts.append(Self.sentence(genre ?? "Thesis"))
            parts.append(Self.imprint(publisherPlace, publisher, year))
        case .webpage:
            parts.append(Self.sentence(containerTitle ?? ""))
            if !year.isEmpty { parts.append(year + ".") }
        }
        if let ISBN { parts.append("ISBN \(ISBN).") }
        if let DOI { parts.append("doi:\(DOI).") }
        if let PMID { parts.append("PMID: \(PMID).") }
        if let PMCID { parts.append("PMCID: \(PMCID).") }
        if DOI == nil, PMID == nil, PMCID == nil, let URL { parts.append(URL) }
        if let accessed { parts.append("Accessed \(Self.isoDate(accessed)).") }
        if status == .unverified { parts.append("(Unverified.)") }
        return parts.filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// `Konno et al. 2017`, `Loubser 2017`, `Fortin & Falco 1997`, `WikiMSK 2023`: first
    /// author (surname or institution), "et al." for three or more, and the year.
    public var shortCitation: String {
        func name(_ n: CSLName) -> String { n.literal ?? n.family ?? "" }
        let author = author ?? []
        let who: String
        switch author.count {
        case 0: who = ""
        case 1: who = name(author[0])
        case 2: who = "\(name(author[0])) & \(name(author[1]))"
        default: who = "\(name(author[0])) et al."
        }
        let year = issued.map { String($0.year) }
        let container = containerTitle ?? ""
        switch (who.isEmpty, year) {
        case (false, let y?): return "\(who) \(y)"
        case (false, nil): return who
        case (true, let y?): return container.isEmpty ? y : "\(container) \(y)"
        case (true, nil): return container.isEmpty ? id : container
        }
    }

    /// `Tubbs RS, Levin MR, et al` (no closing full stop: the caller ends the sentence).
    static func nameList(_ names: [CSLName], limit: Int) -> String {
        guard !names.isEmpty else { return "" }
        var list = names.prefix(limit).map(\.vancouver).joined(separator: ", ")
        if names.count > limit { list += ", et al" }
        return list
    }

    /// The text with a full stop unless it already ends a sentence.
    static func sentence(_ text: String) -> String {
        let t = text.trimmed
        guard let last = t.last else { return "" }
        return ".?!".contains(last) ? t : t + "."
    }

    static func imprint(_ place: String?, _ publisher: String?, _ year: String) -> String {
        let s = [place.map { $0 + ":" }, publisher].compactMap { $0 }.joined(separator: " ")
        switch (s.isEmpty, year.isEmpty) {
        case (true, true): return ""
        case (true, false): return year + "."
        case (false, true): return s + "."
        case (false, false): return s + "; " + year + "."
        }
    }

    /// `20` → `20th`; other text unchanged.
    static func ordinal(_ edition: String) -> String {
        guard let n = Int(edition) else { return edition }
        let suffix = (11...13).contains(n % 100) ? "th" : [1: "st", 2: "nd", 3: "rd"][n % 10] ?? "th"
        return "\(n)\(suffix)"
    }

    /// `2026-12-06` (or `2026-12`, `2026`).
    static func isoDate(_ d: CSLDate) -> String {
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : String(v) }
        return ([String(d.year)] + [d.month, d.day].compactMap { $0 }.map(two)).joined(separator: "-")
    }
}
