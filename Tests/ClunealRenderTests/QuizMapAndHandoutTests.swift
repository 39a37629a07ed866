import BodyGeometry
import ClunealAnatomy
import Testing
@testable import ClunealRender

@Suite("Blank quiz maps and the self-care handout")
struct QuizMapAndHandoutTests {
    static func markers(_ model: BodyModel) -> [MapOptions.NumberedMarker] {
        // Every point landmark on the left, as a quiz would pick them.
        model.landmarks.compactMap { l -> (String, Point)? in
            guard l.side != .right, let p = l.geometry.asPoint else { return nil }
            return (l.entry.names.en, p)
        }.enumerated().map { MapOptions.NumberedMarker(number: $0.offset + 1, position: $0.element.1, answer: $0.element.0) }
    }

    @Test(arguments: MapComposerTests.people)
    func aBlankMapNamesNothingAndHidesItsAnswers(person: String) throws {
        let model = try MapComposerTests.model(person)
        var options = MapOptions(theme: .standard)
        options.quizMarkers = Self.markers(model)
        let scene = MapComposer(model: model, options: options).compose()
        let visibleText = scene.layers.filter { !$0.isHidden }.flatMap(\.items).compactMap { item -> String? in
            if case .text(let label) = item.content { return label.text }
            return nil
        }
        var names = Set<String>()
        for item in model.atlas.items {
            if let n = item.names { names.insert(n.en); if let s = n.short { names.insert(s) } }
        }
        for text in visibleText {
            for name in names where text.localizedCaseInsensitiveContains(name) {
                Issue.record("\(person): visible text \"\(text)\" names \(name)")
            }
        }
        #expect(scene[layer: .zone] == nil && scene[layer: .injection] == nil && scene[layer: .label] == nil)
        let answers = try #require(scene[layer: MapComposer.answersLayer])
        #expect(answers.isHidden)
        #expect(answers.items.count == options.quizMarkers.count)
        for m in options.quizMarkers {
            #expect(visibleText.contains("\(m.number)"), "marker \(m.number) has no number")
            #expect(answers.items.contains { if case .text(let l) = $0.content { l.text == "\(m.number): \(m.answer)" } else { false } })
        }
        // The answers survive label placement (hidden labels are placed too, for the SVG).
        let renderer = try SceneRenderer.withSystemFonts()
        let resolved = try renderer.resolvingLabels(scene, pxPerMm: 2)
        #expect(resolved.dropped.isEmpty, "\(resolved.dropped)")
    }

    @Test(arguments: MapComposerTests.people, MapTheme.Name.allCases)
    func theHandoutMarksEveryEntrapmentSiteAndKeepsOffTheSpine(person: String, theme: MapTheme.Name) throws {
        let model = try MapComposerTests.model(person)
        let scene = HandoutComposer(model: model, theme: .named(theme)).compose()
        let avoid = try #require(scene[layer: "avoid"]).items
        for zone in model.zones where zone.isDefault && !zone.isDisputed {
            let spot = avoid.first { $0.id == "avoid-\(zone.site.id)-\(zone.side.rawValue)" }
            guard case .ellipse(let e, _)? = spot?.content, case .body(let c) = e.centre else {
                Issue.record("\(person): no do-not-press spot for \(zone.id) \(zone.side)"); continue
            }
            #expect(c == zone.centre)
            #expect(e.radiusXMm >= 15)
        }
        for item in try #require(scene[layer: "ok"]).items where item.id.hasPrefix("ok-low-back") {
            guard case .path(let path, _) = item.content else { continue }
            for sub in path.subpaths {
                for p in sub.points {
                    if case .body(let b) = p { #expect(abs(b.x) >= HandoutComposer.midlineClearance - 1e-9) }
                }
            }
        }
        let words = scene.layers.flatMap(\.items).compactMap { item -> String? in
            if case .text(let l) = item.content { return l.text }
            return nil
        }.joined(separator: " ")
        #expect(words.contains("Do not press"))
        #expect(words.contains("urgent"))
        #expect(words.contains(EducationNotice.text))
    }
}
