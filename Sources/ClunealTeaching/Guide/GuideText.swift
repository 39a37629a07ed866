extension Guide {
    /// The overview and the list of topics.
    public func overviewText(width: Int = 88) -> String {
        var out = document.title + "\n\n"
        out += TeachingText.wrap(document.overview, width: width) + "\n\nTopics:\n"
        for t in topics {
            out += "  \(t.id): \(t.title)\n"
            out += TeachingText.wrap(t.summary, width: width, indent: "      ") + "\n"
        }
        return out
    }

    /// Topic ids and titles, one a line.
    public func listText() -> String {
        let idWidth = topicIds.map(\.count).max() ?? 0
        return topics.map { $0.id + String(repeating: " ", count: idWidth - $0.id.count) + "  " + $0.title }.joined(separator: "\n") + "\n"
    }

    /// One topic: title, summary, sections with each item's source ids, then the citations.
    public func text(of topic: GuideTopic, width: Int = 88) -> String {
        var out = topic.title + "\n" + String(repeating: "=", count: topic.title.count) + "\n\n"
        out += TeachingText.wrap(topic.summary, width: width) + "\n"
        for section in topic.sections {
            out += "\n"
            if let h = section.heading { out += h + "\n" }
            for item in section.items {
                let cited = item.text + " [" + item.sources.joined(separator: ", ") + "]"
                switch item.kind {
                case .bullet: out += TeachingText.wrap(cited, width: width, indent: "    ", firstIndent: "  - ") + "\n"
                case .paragraph: out += TeachingText.wrap(cited, width: width, indent: "  ", firstIndent: "  ") + "\n"
                }
            }
        }
        out += "\nSources:\n"
        for id in sourceIds(of: topic) {
            out += TeachingText.wrap("[\(id)] \(source(id)?.citation ?? "(not in the bibliography)")", width: width, indent: "    ", firstIndent: "  ") + "\n"
        }
        return out
    }
}
