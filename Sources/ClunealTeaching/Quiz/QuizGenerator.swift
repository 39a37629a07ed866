import BodyGeometry
import ClunealAnatomy

/// Where the quiz's people come from.
public enum QuizPeople: Hashable, Sendable {
    /// A new person for every question (and every marker map): sex, height and sometimes the
    /// PSIS distance and crest height drawn at random.
    case generated
    /// The same measured person throughout.
    case fixed(Measurements)
}

extension Quiz {
    /// The most questions one quiz asks.
    public static let countLimit = 1...50
    /// Markers per map.
    public static let markersPerMap = 6

    /// A quiz of `count` questions of the given kinds, the same for the same seed, atlas and
    /// people. `unit` is the unit its texts use.
    /// `palpationError` is added to every zone's spread when tender points are graded (`nil`:
    /// the atlas's default).
    public static func generate(atlas: Atlas, seed: UInt64, count: Int, kinds: [QuizKind], people: QuizPeople = .generated,
                                unit: LengthUnit = .centimetres, palpationError: PalpationUncertainty? = nil) throws(TeachingError) -> Quiz {
        var generator = QuizGenerator(atlas: atlas, rng: SplitMix64(seed: seed), people: people, unit: unit,
                                      error: palpationError ?? .atlasDefault(atlas))
        let chosenKinds = kinds.isEmpty ? QuizKind.allCases : TeachingText.unique(kinds.map(\.rawValue)).compactMap(QuizKind.init(rawValue:))
        let n = Swift.min(Swift.max(count, countLimit.lowerBound), countLimit.upperBound)
        // Every chosen kind comes up about equally often, in a random order.
        let plan = generator.rng.shuffled((0..<n).map { chosenKinds[$0 % chosenKinds.count] })
        var questions: [QuizQuestion] = []
        for (i, kind) in plan.enumerated() {
            switch kind {
            case .nerve: questions.append(try generator.nerveQuestion(number: i + 1))
            case .crest: questions.append(try generator.crestQuestion(number: i + 1))
            case .marker: questions.append(try generator.markerQuestion(number: i + 1))
            }
        }
        return Quiz(seed: seed, kinds: chosenKinds, questions: questions, maps: generator.maps)
    }
}

/// The nerve choices, in the order the quiz lists them.
enum NerveChoices {
    static let all: [QuizChoice] = [
        QuizChoice(number: 1, label: "superior", value: "superior", aliases: ["s", "sup", "scn", "superior cluneal"]),
        QuizChoice(number: 2, label: "middle", value: "middle", aliases: ["m", "mid", "mcn", "middle cluneal"]),
        QuizChoice(number: 3, label: "inferior", value: "inferior", aliases: ["i", "inf", "icn", "inferior cluneal"]),
        QuizChoice(number: 4, label: "none", value: "none", aliases: ["n", "no", "neither", "none of them"]),
    ]

    static func choice(for nerve: NerveGroup?) -> QuizChoice {
        let value = nerve?.rawValue ?? "none"
        return all.first { $0.value == value } ?? all[3]
    }
}

struct QuizGenerator {
    let atlas: Atlas
    var rng: SplitMix64
    let people: QuizPeople
    let unit: LengthUnit
    /// Added to every zone's spread when a tender point is graded.
    let error: PalpationUncertainty
    var maps: [MarkerMap] = []
    /// Markers of the newest map not asked about yet.
    var unaskedMarkers: [Int] = []
    var fixedPerson: (QuizPerson, BodyModel)?

    init(atlas: Atlas, rng: SplitMix64, people: QuizPeople, unit: LengthUnit, error: PalpationUncertainty) {
        self.atlas = atlas
        self.rng = rng
        self.people = people
        self.unit = unit
        self.error = error
    }

    // MARK: People

    mutating func person() throws(TeachingError) -> (QuizPerson, BodyModel) {
        switch people {
        case .fixed(let m):
            if let fixedPerson { return fixedPerson }
            let model: BodyModel
            do { model = try BodyModel(atlas: atlas, measurements: m) } catch { throw .measurements(error) }
            let made = (QuizPerson(m, generated: false, scaling: model.scaling), model)
            fixedPerson = made
            return made
        case .generated:
            let m = randomMeasurements()
            if let model = try? BodyModel(atlas: atlas, measurements: m) {
                return (QuizPerson(m, generated: true, scaling: model.scaling), model)
            }
            // A random fit the model refuses: fall back to the height alone, which always fits.
            let simple = Measurements(stature: m.stature, sex: m.sex)
            let model: BodyModel
            do { model = try BodyModel(atlas: atlas, measurements: simple) } catch { throw .measurements(error) }
            return (QuizPerson(simple, generated: true, scaling: model.scaling), model)
        }
    }

    /// Sex at random; height from a normal distribution per sex (means 163 and 176 cm, SD
    /// 7 cm: round figures for adult variety, not a sourced population); in half the cases the
    /// PSIS distance, and in some of those the crest height, as a trainee might measure them
    /// (by palpation, so above the bony summit by the atlas's palpated-crest offset).
    mutating func randomMeasurements() -> Measurements {
        let sex: Sex = rng.index(below: 2) == 0 ? .female : .male
        let mean = sex == .female ? 1630.0 : 1760.0
        let stature = clamp((mean + 70 * rng.normal()) / 10, 148, 198).rounded() * 10
        let ratio = stature / atlas.referenceStatureMillimetres
        var m = Measurements(stature: Length(millimetres: stature), sex: sex)
        if rng.index(below: 2) == 0, let psis = atlas.geometry[WellKnownId.psis.id]?.asPoint {
            m.psisFromMidline = Length(millimetres: clamp(abs(psis.x) * ratio + 3 * rng.normal(), 30, 55).rounded())
            if rng.index(below: 3) == 0, let summit = atlas.geometry[WellKnownId.crestSummit.id]?.asPoint {
                // As palpated: the bony summit plus the sex's palpated-crest offset (the body lowers it again).
                let palpated = (summit.z + (atlas.document.reference.palpatedCrestAboveImagedMillimetres?.value(for: sex) ?? 0)) * ratio
                m.crestSummitAbovePSIS = Length(millimetres: clamp(palpated + 8 * rng.normal(), 55, 130).rounded())
            }
        }
        return m
    }

    func clamp(_ v: Double, _ lo: Double, _ hi: Double) -> Double { Swift.min(Swift.max(v, lo), hi) }

    mutating func side() -> Side { rng.index(below: 2) == 0 ? .left : .right }

    func sources(_ itemIds: [String]) -> [String] {
        TeachingText.unique(itemIds.flatMap { atlas.item($0)?.sourceIds ?? [] })
    }

    // MARK: Which nerve?

    mutating func nerveQuestion(number: Int) throws(TeachingError) -> QuizQuestion {
        let (person, model) = try person()
        let side = side()
        let targets: [NerveGroup?] = [.superior, .middle, .inferior, nil]
        let target = rng.element(of: targets) ?? nil
        var drawnFromZone: String?
        var point: Point
        if let target, let zone = rng.element(of: model.zones.filter { $0.side == side && !$0.isDisputed && $0.site.nerve == target }) {
            // A draw from the zone's distribution, kept within 1.8 SD so that most cases are
            // clear-cut; the answer is still whatever the rule says about the rounded point.
            var a = 0.0, b = 0.0
            for _ in 0..<50 {
                a = rng.normal()
                b = rng.normal()
                if a * a + b * b <= 1.8 * 1.8 { break }
                a = 0
                b = 0
            }
            point = zone.centre + zone.lateralAxis * (a * zone.lateralSD) + zone.verticalAxis * (b * zone.verticalSD)
            drawnFromZone = zone.id
        } else {
            point = farPoint(side: side, model: model)
        }
        point = Point(point.x.rounded(), point.z.rounded())
        let fit = TenderPointRule.classify(point, side: side, in: model, error: error)
        let right = NerveChoices.choice(for: fit.nerve)
        let prompt = "Question \(number): \(person.description(unit: unit)). The most tender point is \(TeachingText.position(point, unit: unit)), and pressing it brings on the usual pain. Which cluneal nerve does it fit?"
        var explanation: String
        var sourceItems: [String] = []
        if let best = fit.best {
            explanation = "It lies \(score(best.standardScore)) SD from \(zoneWords(best.zone)), the nearest undisputed zone on that side and within the rule's \(score(TenderPointRule.standardScoreLimit)) SD, so it fits the \(TeachingText.nerveName(fit.nerve))."
            sourceItems.append(best.zone.id)
            let others = fit.withinLimit.dropFirst().filter { $0.zone.site.nerve != best.zone.site.nerve }
            if let other = others.first {
                explanation += " It is also within reach of \(zoneWords(other.zone)) (\(score(other.standardScore)) SD): a case to examine carefully."
                sourceItems.append(other.zone.id)
            }
        } else if let nearest = fit.nearestUndisputed {
            explanation = "No undisputed zone on that side lies within the rule's \(score(TenderPointRule.standardScoreLimit)) SD: the nearest is \(zoneWords(nearest.zone)), \(score(nearest.standardScore)) SD away. So it fits none of the cluneal nerves; look for another cause."
            sourceItems.append(nearest.zone.id)
        } else {
            explanation = "The atlas has no zone on that side, so the rule answers none."
        }
        for l in fit.lookAlikes {
            explanation += " The point is also inside the \(l.entry.names.en) area (within \(unit.format(l.radius)) of its centre), so consider that source of pain too."
            sourceItems.append(l.entry.id)
        }
        let tender = TenderPointCase(side: side, pointMillimetres: point, drawnFrom: target?.rawValue ?? "none", drawnFromZone: drawnFromZone,
                                     zoneId: fit.best?.zone.id, standardScore: fit.best?.standardScore,
                                     nearestZoneId: fit.nearestUndisputed?.zone.id, nearestStandardScore: fit.nearestUndisputed?.standardScore,
                                     lookAlikeIds: fit.lookAlikes.map(\.entry.id))
        return QuizQuestion(number: number, kind: .nerve, prompt: prompt, choices: NerveChoices.all, person: person,
                            answer: QuizAnswerKey(text: right.label, choice: right.number, value: right.value),
                            explanation: explanation, sourceIds: sources(sourceItems), tenderPoint: tender)
    }

    /// A point well away from every undisputed zone on the side: more than 3 SD and 30 mm from
    /// each centre, anywhere from the waist to below the buttock crease.
    mutating func farPoint(side: Side, model: BodyModel) -> Point {
        let zones = model.zones.filter { $0.side == side && !$0.isDisputed }
        for _ in 0..<500 {
            let reference = Point(side.sign * rng.uniform(5, 150), rng.uniform(-170, 150))
            let p = model.warp.apply(reference)
            if zones.allSatisfy({ $0.standardScore(of: p, error: error) > 3 && $0.centre.distance(to: p) > 30 }) { return p }
        }
        // Practically unreachable; the upper lumbar paraspinal muscles are far from every zone.
        return model.warp.apply(Point(side.sign * 20, 150))
    }

    /// "0.8", "2", "12.3": standard scores with one decimal, whole numbers without.
    func score(_ s: Double) -> String { s == s.rounded() ? LengthUnit.fixed(s, 0) : LengthUnit.fixed(s, 1) }

    /// "Konno's zone [mcn-ldsl.konno-2017-mcn] for the middle cluneal nerves under or through
    /// the long dorsal sacroiliac ligament (centre 3.6 cm from the midline, 2.9 cm below the
    /// PSIS level for this person)".
    func zoneWords(_ z: PlacedZone) -> String {
        let centre = TeachingText.position(z.centre, unit: unit, withSide: false)
        return "\(TeachingText.sourceLabel(z.entry.source, in: atlas))'s zone [\(z.id)] for the \(MarkerMap.shortName(z.site.names.en).lowercasedFirst) (centre \(centre) for this person)"
    }

    // MARK: Where does it cross the crest?

    static let crestSites = [WellKnownId.scnMedialTunnel.id, WellKnownId.scnIntermediateCrest.id, WellKnownId.scnLateralCrest.id]

    mutating func crestQuestion(number: Int) throws(TeachingError) -> QuizQuestion {
        let (person, model) = try person()
        let side = side()
        let siteId = rng.element(of: Self.crestSites) ?? WellKnownId.scnMedialTunnel.id
        let lookup = ModelLookup(model: model, side: side, purpose: "the crest-crossing question")
        let zone = try lookup.defaultZone(ofSite: siteId)
        let crest = try lookup.curve(WellKnownId.iliacCrest.id)
        let psis = try lookup.landmark(WellKnownId.psis.id)
        let branch = atlas.nerve(zone.entry.branch)
        let branchName = branch.map { "\($0.branch) superior cluneal branch" } ?? zone.entry.branch
        let truth = abs(zone.centre.x)
        let sd = zone.sdFromMidline
        let along = crest.arcDistance(from: psis, to: zone.centre)
        let prompt = "Question \(number): \(person.description(unit: unit)). How far from the midline does the \(branchName) cross the iliac crest on the patient's \(side.rawValue) side? Answer with a length (7cm, 70mm; a bare number is in \(unit == .millimetres ? "mm" : "cm"))."
        let entry = zone.entry
        let frameWords: String
        switch entry.frame {
        case WellKnownId.crestFrame.id: frameWords = "from the midline on the crest"
        case WellKnownId.crestArcFrame.id: frameWords = "along the crest from the PSIS"
        case WellKnownId.bodyFrame.id: frameWords = "from the midline"
        default: frameWords = "in the \(entry.frame) frame"
        }
        let n = entry.lateral.n.map { ", n = \($0)" } ?? ""
        let spread = "\(unit.format(entry.lateral.mean).split(separator: " ").first ?? "") ± \(unit.format(entry.lateral.sd))"
        let referenceHeight = LengthUnit.fixed(atlas.referenceStatureMillimetres / 10, 0)
        let explanation = "The site's default zone [\(zone.id)] puts the \(branchName) \(spread) \(frameWords), in the atlas's \(referenceHeight) cm reference adult (\(TeachingText.sourceLabel(entry.source, in: atlas))\(n)). Scaled to this person, it crosses \(unit.format(truth)) from the midline, \(unit.format(abs(zone.centre.z))) \(TeachingText.aboveOrBelow(zone.centre.z)) the PSIS level and \(unit.format(along)) along the crest from the PSIS. One SD of the distance from the midline is \(unit.format(sd)) here: within 1 SD counts as right, within 2 SD as close."
        let crossing = CrossingCase(side: side, siteId: siteId, branchId: entry.branch, zoneId: zone.id, centreMillimetres: zone.centre, alongCrestMillimetres: along)
        return QuizQuestion(number: number, kind: .crest, prompt: prompt, choices: [], person: person,
                            answer: QuizAnswerKey(text: unit.format(truth), millimetres: truth, sdMillimetres: sd),
                            explanation: explanation, sourceIds: sources([zone.id]), crossing: crossing)
    }

    // MARK: Which structure is marker N?

    mutating func markerQuestion(number: Int) throws(TeachingError) -> QuizQuestion {
        if unaskedMarkers.isEmpty {
            let (person, model) = try person()
            let map = MarkerMap.make(model: model, person: person, count: Quiz.markersPerMap, rng: &rng)
            guard !map.answerKey.isEmpty else { throw .atlasLacks(item: "point landmarks or zones", neededFor: "a marker map") }
            maps.append(map)
            unaskedMarkers = rng.shuffled(map.answerKey.map(\.number))
        }
        let mapIndex = maps.count - 1
        guard let map = maps.last, let markerNumber = unaskedMarkers.first, let key = map.key(for: markerNumber) else {
            throw .atlasLacks(item: "point landmarks or zones", neededFor: "a marker question")
        }
        unaskedMarkers.removeFirst()
        let choices = map.choiceOrder.enumerated().compactMap { i, n in
            map.key(for: n).map { QuizChoice(number: i + 1, label: $0.name, value: $0.itemId, aliases: [$0.itemId]) }
        }
        let right = choices.first { $0.value == key.itemId }
        let prompt = "Question \(number): map \(mapIndex + 1) (\(map.person.description(unit: unit))) has \(map.markers.count) numbered markers. Marker \(markerNumber) sits \(TeachingText.position(key.positionMillimetres, unit: unit)). Which structure is it?"
        var explanation = "Marker \(markerNumber) is the \(key.name.lowercasedFirst) [\(key.itemId)]"
        switch key.itemKind {
        case .landmark: explanation += ", a landmark."
        case .entrapmentSite: explanation += ", placed at its default zone [\(key.placedFrom)]."
        case .lookAlike: explanation += ", a nearby pain generator that can be mistaken for a cluneal nerve."
        }
        if let palpation = atlas.landmark(key.itemId)?.palpation { explanation += " To find it: \(palpation)" }
        return QuizQuestion(number: number, kind: .marker, prompt: prompt, choices: choices, person: map.person,
                            answer: QuizAnswerKey(text: key.name, choice: right?.number, value: key.itemId),
                            explanation: explanation, sourceIds: key.sourceIds,
                            marker: MarkerQuestion(mapIndex: mapIndex, markerNumber: markerNumber))
    }
}

extension String {
    /// The string with its first letter lowercased, unless it starts an abbreviation ("PSIS",
    /// "S2").
    var lowercasedFirst: String {
        guard let first, first.isUppercase else { return self }
        let second = dropFirst().first
        if let second, second.isUppercase || second.isNumber { return self }
        return first.lowercased() + dropFirst()
    }
}
