import ClunealAnatomy
import ClunealTeaching
import Testing

@Suite("Care-pathway guide")
struct GuideTests {
    static let requiredTopics = ["causes", "self-care", "physical-therapy", "when-conservative-care-fails", "red-flags"]
    /// The default guide's topics (empty if it does not load, which another test reports).
    static var topicIds: [String] { (try? TestFiles.defaultGuide().topicIds) ?? [] }

    @Test func theDefaultGuideHasEveryTopicAndRedFlags() throws {
        let guide = try TestFiles.defaultGuide()
        for id in Self.requiredTopics { #expect(guide.topicIds.contains(id), "missing topic \(id)") }
        let redFlags = try guide.topic(Guide.redFlagsTopic)
        let text = redFlags.sections.flatMap(\.items).map(\.text).joined(separator: " ").lowercased()
        for phrase in ["bladder", "bowel", "saddle", "both legs", "fever", "weight loss", "cancer"] {
            #expect(text.contains(phrase), "red flags do not mention \(phrase)")
        }
        #expect(!guide.document.redFlagSummary.isEmpty)
    }

    @Test("Every item of every topic cites a source in the bibliography",
          arguments: topicIds)
    func everyItemIsSourced(topicId: String) throws {
        let guide = try TestFiles.defaultGuide()
        let topic = try guide.topic(topicId)
        #expect(!topic.sections.isEmpty)
        for item in topic.sections.flatMap(\.items) {
            #expect(!item.sources.isEmpty, "\(item.text)")
            for id in item.sources { #expect(guide.source(id) != nil, "unknown source \(id)") }
        }
        let text = guide.text(of: topic)
        for id in guide.sourceIds(of: topic) {
            #expect(text.contains("[\(id)]"))
            let source = try #require(guide.source(id))
            #expect(text.contains(source.citation.prefix(20)))
        }
    }

    @Test func theRedFlagSourcesAreThoseOfTheReference() throws {
        let guide = try TestFiles.defaultGuide()
        let cited = Set(guide.sourceIds(of: try guide.topic(Guide.redFlagsTopic)))
        for id in ["bmj-best-practice-ces", "nice-ces-pathway", "ahcpr-red-flags", "verhagen-2016"] {
            #expect(cited.contains(id), "red flags do not cite \(id)")
        }
    }

    @Test func theGuideSharesTheAtlasBibliography() throws {
        let guide = try TestFiles.defaultGuide()
        let atlas = try TestFiles.defaultAtlas()
        #expect(guide.sources.map(\.id) == atlas.sources.map(\.id))
    }

    @Test func overviewAndListNameEveryTopic() throws {
        let guide = try TestFiles.defaultGuide()
        let overview = guide.overviewText()
        let list = guide.listText()
        for t in guide.topics {
            #expect(overview.contains(t.id) && overview.contains(t.title))
            #expect(list.contains(t.id))
        }
        #expect(list.split(separator: "\n").count == guide.topics.count)
    }

    @Test func anUnknownTopicNamesTheKnownOnes() throws {
        let guide = try TestFiles.defaultGuide()
        #expect(throws: TeachingError.unknownTopic("sciatica", known: guide.topicIds)) { _ = try guide.topic("sciatica") }
    }

    @Test func aValidFixtureLoads() throws {
        let guide = try TestFiles.loadGuide(TestFiles.guideFixtures.appendingPathComponent("valid.guide.json"))
        #expect(guide.topicIds == ["causes", "red-flags"])
    }

    @Test("A broken guide is refused with file, line and JSON path", arguments: TestFiles.brokenGuides)
    func brokenGuidesAreRefused(_ c: TestFiles.BrokenGuide) throws {
        let url = TestFiles.guideFixtures.appendingPathComponent(c.file)
        do {
            _ = try TestFiles.loadGuide(url)
            Issue.record("\(c.file) was accepted")
        } catch let error as TeachingError {
            guard case .invalidGuide(let errors) = error, let first = errors.first else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(first.location.file == url.path)
            #expect(first.location.line != nil, "\(first)")
            #expect(first.message.contains(c.expect), "\(first)")
            if let path = c.path { #expect(first.location.path?.description == path, "\(first)") }
        }
    }
}
