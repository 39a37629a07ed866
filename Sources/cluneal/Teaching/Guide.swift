import ArgumentParser
import ClunealAnatomy
import ClunealTeaching

/// `cluneal guide [TOPIC]`: the care pathway in plain words, with sources.
struct GuideCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "guide",
        abstract: "The care pathway for cluneal nerve entrapment in plain words, with sources: causes, self-care, physical therapy, when conservative care fails, red flags.",
        discussion: """
            Without a topic: the overview and the list of topics. The text is data (Atlas/guide.json) \
            and can be corrected without touching code. Every topic ends with a pointer to the red flags.
            """)

    @Argument(help: ArgumentHelp("The topic to read (see --list).", valueName: "topic"))
    var topic: String?

    @Flag(help: "List the topic ids and titles, one a line.")
    var list = false

    @Option(name: .customLong("guide"), help: ArgumentHelp(
        "Guide file to use instead of the default.",
        discussion: "Without it: $CLUNEAL_GUIDE, then guide.json beside the default atlas.",
        valueName: "file"))
    var guidePath: String?

    @Flag(help: "Print JSON for programs instead of text for people.")
    var json = false

    func validate() throws {
        if let guidePath, guidePath.isEmpty { throw ValidationError("--guide needs a file path, not an empty string.") }
        if list, topic != nil { throw ValidationError("--list takes no topic; give either --list or a topic.") }
    }

    struct TopicView: Encodable {
        var topic: GuideTopic
        var sources: [SourceEntry]
    }

    struct GuideView: Encodable {
        var guide: String
        var version: String
        var title: String
        var overview: String?
        var topics: [TopicView]
        var redFlagSummary: String
        var notice: String
    }

    func run() throws {
        try reportingErrors {
            let guide = try GuideFiles.load(path: try guidePath ?? GuideFiles.defaultGuidePath())
            let pointer = "Red flags: \(guide.document.redFlagSummary) (`cluneal guide \(Guide.redFlagsTopic)`)."
            if list {
                if json {
                    let topics = guide.topics.map { TopicView(topic: $0, sources: []) }
                    try StandardOutput.write(try JSONOutput.encode(GuideView(guide: guide.document.id, version: guide.document.version, title: guide.document.title,
                                                                         topics: topics, redFlagSummary: guide.document.redFlagSummary, notice: Notice.text)))
                } else {
                    try StandardOutput.write(guide.listText())
                }
                return
            }
            guard let topic else {
                if json {
                    let topics = guide.topics.map { TopicView(topic: $0, sources: guide.sourceIds(of: $0).compactMap(guide.source)) }
                    try StandardOutput.write(try JSONOutput.encode(GuideView(guide: guide.document.id, version: guide.document.version, title: guide.document.title,
                                                                         overview: guide.document.overview, topics: topics,
                                                                         redFlagSummary: guide.document.redFlagSummary, notice: Notice.text)))
                } else {
                    try StandardOutput.write(Notice.text + "\n\n" + guide.overviewText() + "\nRead one with `cluneal guide TOPIC`.\n\n\(pointer)\n")
                }
                return
            }
            let chosen: GuideTopic
            do throws(TeachingError) { chosen = try guide.topic(topic) } catch { throw CLIError(error) }
            if json {
                let view = TopicView(topic: chosen, sources: guide.sourceIds(of: chosen).compactMap(guide.source))
                try StandardOutput.write(try JSONOutput.encode(GuideView(guide: guide.document.id, version: guide.document.version, title: guide.document.title,
                                                                     topics: [view], redFlagSummary: guide.document.redFlagSummary, notice: Notice.text)))
                return
            }
            try StandardOutput.write(Notice.text + "\n\n" + guide.text(of: chosen) + "\n\(pointer)\n")
        }
    }
}
