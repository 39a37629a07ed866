import BodyGeometry
import ClunealAnatomy
import ClunealFigures
import ClunealTeaching
import Testing

@Suite("Seeded generator")
struct SplitMix64Tests {
    @Test func matchesTheReferenceSequence() {
        // SplitMix64 from seed 0: the published first outputs.
        var g = SplitMix64(seed: 0)
        #expect(g.next() == 0xE220_A839_7B1D_CDAF)
        #expect(g.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(g.next() == 0x06C4_5D18_8009_454F)
    }

    @Test(arguments: [UInt64(1), 42, 0xFFFF_FFFF_FFFF_FFFF])
    func drawsStayInRangeAndRepeat(seed: UInt64) {
        var a = SplitMix64(seed: seed), b = SplitMix64(seed: seed)
        for n in [1, 2, 3, 7, 100] {
            for _ in 0..<200 {
                let i = a.index(below: n)
                #expect(i == b.index(below: n))
                #expect((0..<n).contains(i))
            }
        }
        #expect(a.index(below: 0) == 0)
        for _ in 0..<1000 {
            let u = a.unit()
            #expect(u >= 0 && u < 1)
            #expect(a.normal().isFinite)
        }
        let items = Array(0..<20)
        #expect(a.shuffled(items).sorted() == items)
    }

    @Test func normalDrawsHaveUnitSpread() {
        var g = SplitMix64(seed: 2024)
        let draws = (0..<20_000).map { _ in g.normal() }
        let mean = draws.reduce(0, +) / Double(draws.count)
        let variance = draws.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(draws.count)
        #expect(abs(mean) < 0.03)
        #expect(abs(variance - 1) < 0.05)
    }
}

@Suite("Tender-point rule")
struct TenderPointRuleTests {
    let model: BodyModel

    init() throws { model = try BodyModel(atlas: try TestFiles.defaultAtlas()) }

    @Test func theCentreOfEveryUndisputedZoneFitsItsNerve() {
        for zone in model.zones where !zone.isDisputed {
            let fit = TenderPointRule.classify(zone.centre, side: zone.side, in: model)
            #expect(fit.nerve == zone.site.nerve, "\(zone.id) on the \(zone.side)")
            #expect(fit.best?.standardScore == 0 || fit.best?.zone.site.nerve == zone.site.nerve)
        }
    }

    @Test func farFromEveryZoneItIsNone() throws {
        let fit = TenderPointRule.classify(Point(20, 150), side: .left, in: model)
        #expect(fit.nerve == nil)
        #expect(fit.best == nil)
        #expect(try #require(fit.nearestUndisputed).standardScore > 2)
    }

    @Test func aPointOnTheOtherSideDoesNotCount() throws {
        let zone = try #require(model.zones.first { $0.entry.site == "scn-medial-tunnel" && $0.side == .left && $0.isDefault })
        #expect(TenderPointRule.classify(zone.centre, side: .right, in: model).nerve == nil)
    }

    @Test func disputedZonesNeverDecide() throws {
        let disputed = try #require(model.zones.first { $0.isDisputed && $0.side == .left })
        let fit = TenderPointRule.classify(disputed.centre, side: .left, in: model)
        #expect(fit.best?.zone.isDisputed != true)
        #expect(fit.withinLimit.allSatisfy { !$0.zone.isDisputed })
        #expect(fit.nerve != .superior, "the article's 3-4 cm point is not a superior cluneal point")
    }

    @Test func theLimitIsTwoStandardDeviations() throws {
        let zone = try #require(model.zones.first { $0.entry.id == "icn-gluteal-border.pfcn-hamstring-cadaver" && $0.side == .left })
        // Straight down from the inferior zone, away from everything else.
        let inside = zone.centre + zone.verticalAxis * (-1.99 * zone.verticalSD)
        let outside = zone.centre + zone.verticalAxis * (-2.01 * zone.verticalSD)
        // Anatomy-only: the zone's own SD.
        #expect(TenderPointRule.classify(inside, side: .left, in: model, error: .anatomyOnly).nerve == .inferior)
        let far = TenderPointRule.classify(outside, side: .left, in: model, error: .anatomyOnly)
        #expect(far.withinLimit.allSatisfy { $0.zone.id != zone.id })
        // With the atlas's palpation error the same limit lies at 2 SDs of the combined spread
        // (about √(13.6² + 10²) mm straight down; the border's slope adds a little correlation).
        let error = PalpationUncertainty.atlasDefault(model.atlas)
        let combined = 1 / zone.standardScore(of: zone.centre + zone.verticalAxis * -1, error: error)
        #expect(combined > zone.verticalSD + 2)
        let withError = TenderPointRule.classify(zone.centre + zone.verticalAxis * (-1.99 * combined), side: .left, in: model)
        #expect(withError.withinLimit.contains { $0.zone.id == zone.id })
        let beyond = TenderPointRule.classify(zone.centre + zone.verticalAxis * (-2.01 * combined), side: .left, in: model)
        #expect(beyond.withinLimit.allSatisfy { $0.zone.id != zone.id })
    }
}

@Suite("Quiz")
struct QuizTests {
    let atlas: Atlas

    init() throws { atlas = try TestFiles.defaultAtlas() }

    static let seeds: [UInt64] = [0, 1, 42, 2024, 0xFFFF_FFFF_FFFF_FFFF]

    @Test("The same seed gives the same quiz", arguments: seeds)
    func repeatable(seed: UInt64) throws {
        let a = try Quiz.generate(atlas: atlas, seed: seed, count: 12, kinds: QuizKind.allCases)
        let b = try Quiz.generate(atlas: atlas, seed: seed, count: 12, kinds: QuizKind.allCases)
        #expect(a == b)
        let other = try Quiz.generate(atlas: atlas, seed: seed &+ 1, count: 12, kinds: QuizKind.allCases)
        #expect(a.questions.map(\.prompt) != other.questions.map(\.prompt))
    }

    @Test("Count and kinds are honoured", arguments: [1, 3, 7, 50])
    func countAndKinds(count: Int) throws {
        let quiz = try Quiz.generate(atlas: atlas, seed: 9, count: count, kinds: QuizKind.allCases)
        #expect(quiz.questions.count == count)
        #expect(quiz.questions.map(\.number) == Array(1...count))
        if count >= 3 { #expect(Set(quiz.questions.map(\.kind)) == Set(QuizKind.allCases)) }
        let crestOnly = try Quiz.generate(atlas: atlas, seed: 9, count: count, kinds: [.crest])
        #expect(crestOnly.questions.allSatisfy { $0.kind == .crest })
        #expect(crestOnly.maps.isEmpty)
    }

    @Test("Tender-point answers follow the rule on the person's own body", arguments: seeds)
    func nerveAnswersFollowTheRule(seed: UInt64) throws {
        let quiz = try Quiz.generate(atlas: atlas, seed: seed, count: 30, kinds: [.nerve])
        var answers: Set<String> = []
        for q in quiz.questions {
            let tender = try #require(q.tenderPoint)
            let model = try BodyModel(atlas: atlas, measurements: q.person.measurements)
            #expect(model.scaling == q.person.scaling)
            let fit = TenderPointRule.classify(tender.pointMillimetres, side: tender.side, in: model)
            #expect(q.answer.value == (fit.nerve?.rawValue ?? "none"))
            #expect(q.choices.map(\.label) == ["superior", "middle", "inferior", "none"])
            #expect(q.choices.first { $0.number == q.answer.choice }?.value == q.answer.value)
            // The prompt shows the point the rule was applied to, rounded to whole millimetres.
            #expect(tender.pointMillimetres.x == tender.pointMillimetres.x.rounded())
            #expect(q.prompt.contains(TeachingText.position(tender.pointMillimetres, unit: .centimetres)))
            #expect(!q.sourceIds.isEmpty)
            answers.insert(q.answer.value ?? "")
        }
        #expect(answers.count >= 3, "thirty cases should cover most answers: \(answers)")
    }

    @Test("Crest answers are the default zone's distance from the midline", arguments: seeds)
    func crestAnswersComeFromTheModel(seed: UInt64) throws {
        let quiz = try Quiz.generate(atlas: atlas, seed: seed, count: 12, kinds: [.crest])
        for q in quiz.questions {
            let crossing = try #require(q.crossing)
            let model = try BodyModel(atlas: atlas, measurements: q.person.measurements)
            let zone = try #require(model.zones.first { $0.entry.site == crossing.siteId && $0.side == crossing.side && $0.isDefault })
            #expect(crossing.zoneId == zone.id)
            let truth = try #require(q.answer.millimetres), sd = try #require(q.answer.sdMillimetres)
            #expect(abs(truth - abs(zone.centre.x)) < 1e-9)
            #expect(abs(sd - zone.sdFromMidline) < 1e-9)
            #expect(q.choices.isEmpty)
            #expect(q.sourceIds.contains(zone.entry.source))
        }
    }

    @Test("A fixed person is used for every question")
    func fixedPerson() throws {
        let m = Measurements(stature: .centimetres(181), psisFromMidline: .centimetres(4.4))
        let quiz = try Quiz.generate(atlas: atlas, seed: 5, count: 9, kinds: QuizKind.allCases, people: .fixed(m))
        #expect(quiz.questions.allSatisfy { $0.person.statureMillimetres == 1810 && !$0.person.generated })
        #expect(quiz.questions.allSatisfy { $0.person.measurements == m })
    }

    @Test("Distances are graded against the zone's SD")
    func distanceGrading() throws {
        let quiz = try Quiz.generate(atlas: atlas, seed: 3, count: 1, kinds: [.crest])
        let q = try #require(quiz.questions.first)
        let truth = try #require(q.answer.millimetres), sd = try #require(q.answer.sdMillimetres)
        func graded(_ mm: Double) throws -> QuizGrade { try q.grade("\(mm)mm").grade }
        #expect(try graded(truth) == .right)
        #expect(try graded(truth + 0.9 * sd) == .right)
        #expect(try graded(truth - 1.5 * sd) == .close)
        #expect(try graded(truth + 2.5 * sd) == .wrong)
        // Centimetres by default; another unit when the quiz prints another.
        #expect(try q.grade(LengthUnit.fixed(truth / 10, 2)).grade == .right)
        #expect(try q.grade(LengthUnit.fixed(truth, 1), unit: .millimetres).grade == .right)
        #expect(QuizGrade.close.points == 0.5)
        #expect(throws: TeachingError.self) { _ = try q.grade("seven") }
        #expect(throws: TeachingError.self) { _ = try q.grade("-7cm") }
        #expect(throws: TeachingError.self) { _ = try q.grade("7,5") }
        #expect(try q.grade("skip").grade == .wrong)
    }

    @Test("Choice answers accept numbers, names, aliases and clear beginnings", arguments: [
        ("superior", "superior"), ("s", "superior"), ("1", "superior"), ("Superior cluneal nerve", "superior"), ("SCN", "superior"),
        ("middle.", "middle"), ("m", "middle"), ("2", "middle"), ("mcn", "middle"),
        ("inferior", "inferior"), ("inf", "inferior"), ("3", "inferior"), ("  ICN ", "inferior"),
        ("none", "none"), ("n", "none"), ("4", "none"), ("neither", "none"),
    ])
    func choiceReading(text: String, value: String) throws {
        let quiz = try Quiz.generate(atlas: atlas, seed: 1, count: 1, kinds: [.nerve])
        let q = try #require(quiz.questions.first)
        guard case .choice(let c) = try q.read(text) else { Issue.record("\(text) not read as a choice"); return }
        #expect(c.value == value)
        let response = try q.grade(text)
        #expect(response.grade == (value == q.answer.value ? .right : .wrong))
    }

    @Test(arguments: ["", "   ", "5", "0", "banana", "7cm"])
    func unreadableChoicesThrow(text: String) throws {
        let q = try #require(try Quiz.generate(atlas: atlas, seed: 1, count: 1, kinds: [.nerve]).questions.first)
        #expect(throws: TeachingError.self) { _ = try q.grade(text) }
        let wrong = q.unreadable(text, reason: "test")
        #expect(wrong.grade == .wrong && wrong.reading == nil && wrong.points == 0)
    }

    @Test("The score counts right, close and wrong, and notes an early stop")
    func scoring() throws {
        let quiz = try Quiz.generate(atlas: atlas, seed: 8, count: 4, kinds: [.crest])
        let q = quiz.questions
        let truth = { (i: Int) throws -> Double in try #require(q[i].answer.millimetres) }
        let sd = { (i: Int) throws -> Double in try #require(q[i].answer.sdMillimetres) }
        let responses = [
            try q[0].grade("\(try truth(0))mm"),
            try q[1].grade("\(try truth(1) + 1.5 * (try sd(1)))mm"),
            try q[2].grade("1mm"),
        ]
        let score = QuizScore(responses: responses, asked: 4)
        #expect(score.right == 1 && score.close == 1 && score.wrong == 1)
        #expect(score.points == 1.5 && score.possible == 3 && score.answered == 3)
        #expect(score.stoppedEarly)
        #expect(score.text.hasPrefix("Score: 1.5 of 3 (1 right, 1 close, 1 wrong)."))
        #expect(!QuizScore(responses: responses, asked: 3).stoppedEarly)
    }
}

@Suite("Marker maps")
struct MarkerMapTests {
    let atlas: Atlas

    init() throws { atlas = try TestFiles.defaultAtlas() }

    @Test("Markers are numbered, apart, and keyed to atlas items at their model positions", arguments: Person.all)
    func markersMatchTheModel(person: Person) throws {
        let model = try BodyModel(atlas: atlas, measurements: person.measurements)
        var rng = SplitMix64(seed: 77)
        let map = MarkerMap.make(model: model, person: QuizPerson(person.measurements, generated: false, scaling: model.scaling),
                                 count: 6, rng: &rng)
        #expect(map.markers.count == 6)
        #expect(map.markers.map(\.number) == Array(1...6))
        #expect(map.answerKey.map(\.number) == Array(1...6))
        #expect(map.choiceOrder.sorted() == Array(1...6))
        #expect(Set(map.answerKey.map(\.itemId)).count == 6, "an item appears twice")
        for (i, a) in map.markers.enumerated() {
            for b in map.markers.dropFirst(i + 1) {
                #expect(a.positionMillimetres.distance(to: b.positionMillimetres) >= MarkerMap.minimumSeparationMillimetres)
            }
        }
        for key in map.answerKey {
            #expect(atlas.item(key.itemId) != nil)
            #expect(!key.sourceIds.isEmpty)
            let expected: Point
            switch key.itemKind {
            case .landmark:
                expected = try #require(model.point(ofLandmark: key.itemId, side: key.side ?? .left))
            case .entrapmentSite:
                let side = try #require(key.side)
                expected = try #require(model.zones.first { $0.entry.site == key.itemId && $0.side == side && $0.isDefault }).centre
                #expect(key.placedFrom == atlas.site(key.itemId)?.defaultZone)
            case .lookAlike:
                let side = try #require(key.side)
                expected = try #require(model.lookAlikes.first { $0.entry.id == key.itemId && $0.side == side }).point
            }
            #expect(key.positionMillimetres == expected, "\(key.itemId)")
            #expect(map.markers[key.number - 1].positionMillimetres == expected)
        }
        // The map survives JSON and rebuilds the same body.
        #expect(try BodyModel(atlas: atlas, measurements: map.person.measurements).scaling == model.scaling)
    }

    @Test func aSeededMapRepeats() throws {
        let model = try BodyModel(atlas: atlas, measurements: Measurements(stature: .centimetres(175)))
        let a = MarkerMap.make(model: model, count: 5, seed: 12)
        #expect(a == MarkerMap.make(model: model, count: 5, seed: 12))
        #expect(a.markers.count == 5)
        #expect(a.person.measurements == model.measurements)
    }

    @Test("A blank map draws each marker at its key's position, the answer naming the side")
    func numberedMarkersFollowTheKey() throws {
        let model = try BodyModel(atlas: atlas)
        let map = MarkerMap.make(model: model, count: 6, seed: 3)
        let drawn = map.numberedMarkers
        #expect(drawn.map(\.number) == map.answerKey.map(\.number))
        for (marker, key) in zip(drawn, map.answerKey) {
            #expect(marker.position == key.positionMillimetres)
            #expect(marker.answer.hasPrefix(key.name))
            #expect(marker.answer.hasSuffix(key.side.map { "(\($0.rawValue))" } ?? key.name), "\(marker.answer)")
        }
    }

    @Test func candidatesKeepOneMarkerPerPlace() throws {
        let candidates = MarkerMap.candidates(in: try BodyModel(atlas: atlas))
        for (i, a) in candidates.enumerated() {
            for b in candidates.dropFirst(i + 1) {
                #expect(a.position.distance(to: b.position) >= MarkerMap.minimumSeparationMillimetres, "\(a.itemId) / \(b.itemId)")
            }
        }
        // Each entrapment site with a default zone is a candidate on both sides, except the
        // intermediate and lateral superior crossings, which lie within a centimetre or so of
        // the medial one.
        for site in ["scn-medial-tunnel", "mcn-ldsl", "icn-gluteal-border"] {
            #expect(candidates.filter { $0.itemId == site }.count == 2, "\(site)")
        }
        #expect(candidates.contains { $0.itemId == "psis" })
    }

    @Test("Marker questions ask each marker of a map once, with the map's names as choices", arguments: QuizTests.seeds)
    func markerQuestions(seed: UInt64) throws {
        let quiz = try Quiz.generate(atlas: atlas, seed: seed, count: 9, kinds: [.marker])
        #expect(quiz.maps.count == 2)
        var asked: [Int: [Int]] = [:]
        for q in quiz.questions {
            let ref = try #require(q.marker)
            let map = quiz.maps[ref.mapIndex]
            let key = try #require(map.key(for: ref.markerNumber))
            #expect(q.answer.value == key.itemId)
            #expect(Set(q.choices.map(\.value)) == Set(map.answerKey.map(\.itemId)))
            #expect(q.choices.first { $0.number == q.answer.choice }?.value == key.itemId)
            let choice = try #require(q.answer.choice)
            #expect(try q.grade("\(choice)").grade == .right)
            #expect(try q.grade(key.itemId).grade == .right)
            #expect(q.prompt.contains("Marker \(ref.markerNumber) sits \(TeachingText.position(key.positionMillimetres, unit: .centimetres))"))
            asked[ref.mapIndex, default: []].append(ref.markerNumber)
        }
        #expect(asked[0]?.sorted() == Array(1...6))
        #expect(asked[1]?.count == 3)
    }
}
