import Foundation
import Testing

/// The teaching commands run as a trainee (or a script) would.
@Suite("cluneal palpate, quiz, guide")
struct TeachingCommandTests {
    static let notice = "For education and planning, not diagnosis"

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    // MARK: palpate

    @Test(arguments: ["superior", "middle", "inferior"])
    func palpatePrintsNumberedStepsWithSourcesAndTheNotice(nerve: String) throws {
        let r = try CLIRunner.run(["palpate", nerve])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("1. Position the person and yourself"))
        #expect(r.stdout.contains("What a diagnostic block shows"))
        #expect(r.stdout.contains("Reading the result: Positive if pain falls by at least 50 %"))
        #expect(r.stdout.contains("Sources:"))
        #expect(r.stdout.components(separatedBy: Self.notice).count == 2, "the notice should appear once")
        #expect(r.stdout.contains(" cm "))
    }

    @Test func palpateScalesToTheMeasurementsInJSON() throws {
        let r = try CLIRunner.run(["palpate", "superior", "--json", "--height", "187cm", "--side", "right"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try Self.json(r.stdout)
        #expect(object["side"] as? String == "right")
        let steps = try #require(object["steps"] as? [[String: Any]])
        let measures = steps.flatMap { ($0["measures"] as? [[String: Any]]) ?? [] }
        let psis = try #require(measures.first { $0["id"] as? String == "psis-from-midline" })
        #expect(abs((psis["millimetres"] as? Double ?? 0) - 44) < 1e-9)
        let crossing = try #require(measures.first { $0["id"] as? String == "medial-from-midline" })
        // Tubbs' medial crossing, 50 mm along the crest: 60.8 mm from the midline in the
        // reference adult, scaled by 187 / 170.
        #expect(abs((crossing["millimetres"] as? Double ?? 0) - 60.8 * 1.1) < 0.1)
        for step in steps {
            #expect(!((step["instruction"] as? String) ?? "{").contains("{"))
            #expect(step["itemIds"] is [String])
        }
        let sources = try #require(object["sources"] as? [[String: Any]])
        #expect(sources.contains { $0["id"] as? String == "loubser-sajaa" })
        #expect((object["scaling"] as? [String: Any])?["method"] as? String == "stature")
    }

    @Test func palpateInMillimetres() throws {
        let r = try CLIRunner.run(["palpate", "middle", "--units", "mm"])
        #expect(r.status == 0, "\(r.stderr)")
        let text = r.stdout.replacingOccurrences(of: "\n   ", with: " ")
        #expect(text.contains("each PSIS lies about 40 mm from the midline"))
        // A number and its unit always stay on one line.
        #expect(r.stdout.range(of: #"[0-9]\n *(mm|cm)\b"#, options: .regularExpression) == nil)
    }

    @Test(arguments: [
        (["palpate"], Int32(64), "nerve"),
        (["palpate", "lateral"], 64, "lateral"),
        (["palpate", "superior", "--side", "middle"], 64, "--side"),
        (["palpate", "inferior", "--height", "3m"], 64, "height"),
    ])
    func palpateRefusesBadInput(arguments: [String], status: Int32, mentions: String) throws {
        let r = try CLIRunner.run(arguments)
        #expect(r.status == status, "\(r.stderr)")
        #expect(r.stderr.contains(mentions), "\(r.stderr)")
    }

    // MARK: quiz

    /// The quiz's own answer key, read from a `--json` run with no answers.
    static func answerKey(seed: UInt64, count: Int, kinds: String? = nil) throws -> [[String: Any]] {
        var arguments = ["quiz", "--seed", "\(seed)", "--count", "\(count)", "--json"]
        if let kinds { arguments += ["--kinds", kinds] }
        let r = try CLIRunner.run(arguments, stdin: "")
        #expect(r.status == 0, "\(r.stderr)")
        return try #require(try Self.json(r.stdout)["questions"] as? [[String: Any]])
    }

    /// The right answer to a question as a trainee would type it.
    static func rightAnswer(_ q: [String: Any]) throws -> String {
        let answer = try #require(q["answer"] as? [String: Any])
        if let mm = answer["millimetres"] as? Double { return "\(mm)mm" }
        return try #require(answer["value"] as? String)
    }

    @Test("All right answers on stdin score full marks", arguments: [UInt64(1), 42, 987_654_321])
    func allRight(seed: UInt64) throws {
        let questions = try Self.answerKey(seed: seed, count: 9)
        #expect(questions.count == 9)
        let answers = try questions.map(Self.rightAnswer).joined(separator: "\n") + "\n"
        let r = try CLIRunner.run(["quiz", "--seed", "\(seed)", "--count", "9"], stdin: answers)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Score: 9 of 9 (9 right, 0 close, 0 wrong)."), "\(r.stdout.suffix(400))")
        #expect(r.stdout.components(separatedBy: "→ Right").count == 10)
        #expect(r.stdout.components(separatedBy: Self.notice).count == 2)
        for q in questions { #expect(r.stdout.contains(try #require(q["prompt"] as? String).prefix(60))) }
    }

    @Test func theSameSeedGivesTheSameQuestionsAndAnotherSeedOthers() throws {
        let a = try Self.answerKey(seed: 5, count: 6).map { $0["prompt"] as? String }
        let b = try Self.answerKey(seed: 5, count: 6).map { $0["prompt"] as? String }
        let c = try Self.answerKey(seed: 6, count: 6).map { $0["prompt"] as? String }
        #expect(a == b)
        #expect(a != c)
    }

    @Test func gradingRightCloseWrongAndTheScore() throws {
        let questions = try Self.answerKey(seed: 11, count: 3, kinds: "crest")
        var answers: [String] = []
        for (i, q) in questions.enumerated() {
            let answer = try #require(q["answer"] as? [String: Any])
            let truth = try #require(answer["millimetres"] as? Double), sd = try #require(answer["sdMillimetres"] as? Double)
            answers.append("\(truth + [0.5, 1.5, 3][i] * sd)mm")
        }
        let r = try CLIRunner.run(["quiz", "--seed", "11", "--count", "3", "--kinds", "crest", "--json"], stdin: answers.joined(separator: "\n"))
        #expect(r.status == 0, "\(r.stderr)")
        let object = try Self.json(r.stdout)
        let responses = try #require(object["responses"] as? [[String: Any]])
        #expect(responses.map { $0["grade"] as? String } == ["right", "close", "wrong"])
        let score = try #require(object["score"] as? [String: Any])
        #expect(score["points"] as? Double == 1.5)
        #expect(score["stoppedEarly"] as? Bool == false)
        for q in try #require(object["questions"] as? [[String: Any]]) {
            #expect(!((q["sourceIds"] as? [String]) ?? []).isEmpty)
            #expect(!((q["explanation"] as? String) ?? "").isEmpty)
        }
        #expect(object["seed"] as? UInt64 == 11)
    }

    @Test func endOfInputStopsTheQuizWithAPartialScore() throws {
        let questions = try Self.answerKey(seed: 3, count: 5)
        let r = try CLIRunner.run(["quiz", "--seed", "3", "--count", "5"], stdin: try Self.rightAnswer(questions[0]) + "\n")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Score: 1 of 1 (1 right, 0 close, 0 wrong). The answers ended after 1 of 5 questions"))
        let none = try CLIRunner.run(["quiz", "--seed", "3", "--count", "5", "--json"], stdin: "")
        let score = try #require(try Self.json(none.stdout)["score"] as? [String: Any])
        #expect(score["answered"] as? Int == 0)
        #expect(score["asked"] as? Int == 5)
        #expect(score["stoppedEarly"] as? Bool == true)
    }

    @Test func unreadableAnswersCountWrongWhenPiped() throws {
        let r = try CLIRunner.run(["quiz", "--seed", "4", "--count", "2", "--kinds", "nerve"], stdin: "banana\n\n")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Could not read \"banana\""))
        #expect(r.stdout.contains("Score: 0 of 2 (0 right, 0 close, 2 wrong)."))
        #expect(!r.stdout.contains("Try once more"))
    }

    @Test func measurementsFixThePerson() throws {
        let r = try CLIRunner.run(["quiz", "--seed", "2", "--count", "4", "--json", "--height", "181cm"], stdin: "")
        #expect(r.status == 0, "\(r.stderr)")
        let questions = try #require(try Self.json(r.stdout)["questions"] as? [[String: Any]])
        for q in questions {
            let person = try #require(q["person"] as? [String: Any])
            #expect(person["statureMillimetres"] as? Double == 1810)
            #expect(person["generated"] as? Bool == false)
        }
    }

    @Test func markerQuestionsComeWithTheirMap() throws {
        let r = try CLIRunner.run(["quiz", "--seed", "8", "--count", "2", "--kinds", "marker", "--json"], stdin: "")
        let object = try Self.json(r.stdout)
        let maps = try #require(object["maps"] as? [[String: Any]])
        #expect(maps.count == 1)
        let markers = try #require(maps[0]["markers"] as? [[String: Any]])
        let key = try #require(maps[0]["answerKey"] as? [[String: Any]])
        #expect(markers.count == key.count)
        #expect(markers.allSatisfy { $0["itemId"] == nil && $0["positionMillimetres"] is [Double] })
    }

    @Test(arguments: [
        (["quiz", "--count", "0"], "--count"),
        (["quiz", "--count", "51"], "--count"),
        (["quiz", "--kinds", "nerve,anatomy"], "--kinds"),
        (["quiz", "--kinds", ","], "--kinds"),
        (["quiz", "--seed", "-1"], "--seed"),
        (["quiz", "--units", "in"], "--units"),
    ])
    func quizRefusesBadOptions(arguments: [String], mentions: String) throws {
        let r = try CLIRunner.run(arguments, stdin: "")
        #expect(r.status == 64, "\(r.stderr)")
        #expect(r.stderr.contains(mentions), "\(r.stderr)")
    }

    // MARK: guide

    static let topics = ["causes", "which-nerve", "self-care", "physical-therapy", "when-conservative-care-fails", "red-flags"]

    @Test func guideWithoutATopicListsThem() throws {
        let r = try CLIRunner.run(["guide"])
        #expect(r.status == 0, "\(r.stderr)")
        for t in Self.topics { #expect(r.stdout.contains("  \(t): ")) }
        #expect(r.stdout.components(separatedBy: Self.notice).count == 2)
        let list = try CLIRunner.run(["guide", "--list"])
        #expect(list.stdout.split(separator: "\n").map { String($0.split(separator: " ").first ?? "") } == Self.topics)
    }

    @Test("Every topic cites its sources and ends with the red-flag pointer", arguments: topics)
    func everyTopicEndsWithRedFlags(topic: String) throws {
        let r = try CLIRunner.run(["guide", topic])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.last?.hasPrefix("Red flags: ") == true)
        #expect(lines.last?.contains("cluneal guide red-flags") == true)
        #expect(r.stdout.contains("\nSources:\n  ["))
        #expect(r.stdout.components(separatedBy: Self.notice).count == 2)
        let json = try Self.json(try CLIRunner.run(["guide", topic, "--json"]).stdout)
        let shown = try #require((json["topics"] as? [[String: Any]])?.first)
        #expect(!((shown["sources"] as? [Any]) ?? []).isEmpty)
    }

    @Test func anUnknownTopicExits64WithTheList() throws {
        let r = try CLIRunner.run(["guide", "sciatica"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("no guide topic \"sciatica\""))
        for t in Self.topics { #expect(r.stderr.contains(t)) }
    }

    static let fixtures = CLIRunner.root.appendingPathComponent("Tests/ClunealTeachingTests/Fixtures/guides")

    @Test(arguments: ["no-red-flags.guide.json", "unresolved-source.guide.json", "malformed.guide.json"])
    func aBrokenGuideExits65WithItsPlace(file: String) throws {
        let r = try CLIRunner.run(["guide", "--guide", Self.fixtures.appendingPathComponent(file).path])
        #expect(r.status == 65, "\(r.stderr)")
        #expect(r.stderr.hasPrefix("cluneal: error: \(Self.fixtures.appendingPathComponent(file).path):"))
        #expect(r.stdout.isEmpty)
    }

    @Test func aMissingGuideExits66() throws {
        let r = try CLIRunner.run(["guide", "--guide", "/nonexistent/guide.json"])
        #expect(r.status == 66)
    }
}

/// Quiz answers are read in bounded memory (the review's `quiz < /dev/zero` grew past 2.6 GB).
@Suite("Quiz input bounds")
struct QuizInputBoundTests {
    @Test func anEndlessAnswerLineIsRefusedInOneLine() throws {
        let r = try CLIRunner.run(["quiz", "--count", "2", "--seed", "1"], stdin: String(repeating: "7", count: 10_000))
        #expect(r.status == 65)
        #expect(r.stderr == "cluneal: error: standard input: answer line 1 is longer than 4096 bytes\n")
    }

    @Test func devZeroEndsTheQuizAt65() throws {
        let r = try CLIRunner.run(["quiz", "--count", "1", "--seed", "1"], standardInputPath: "/dev/zero")
        #expect(r.status == 65 && r.stderr.contains("longer than 4096 bytes"), "\(r.stderr)")
    }

    @Test func ordinaryAnswersStillWork() throws {
        let r = try CLIRunner.run(["quiz", "--count", "2", "--seed", "1", "--json"], stdin: "skip\r\nskip")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("\"responses\""))
    }
}
