/// The CSL item types this bibliography uses (a subset of CSL 1.0.2's types).
public enum CSLItemType: String, Codable, Hashable, Sendable, CaseIterable {
    case articleJournal = "article-journal"
    case book
    case chapter
    case thesis
    case webpage
    case report
    case paperConference = "paper-conference"
    case entryEncyclopedia = "entry-encyclopedia"
    case dataset
}
