import BodyGeometry
import ClunealAnatomy
import Testing
@testable import ClunealFigures
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

    /// 12 pt and 14 pt in millimetres.
    static let bodyTextRange = (12 * 25.4 / 72)...(14 * 25.4 / 72)

    @Test("The handout is one page of the paper, 12–14 pt body text, seen from behind with L and R, no commands",
          arguments: [Paper.a4, .letter], MapTheme.Name.allCases)
    func theHandoutFitsOnePageAPatientCanRead(paper: Paper, theme: MapTheme.Name) throws {
        let scene = HandoutComposer(model: try MapComposerTests.model("reference"), theme: .named(theme), paper: paper).compose()
        #expect(scene.pageSize == paper.portrait)
        let r = scene.layout.viewportRect
        #expect(r.minX >= 0 && r.minY >= 0 && r.maxX <= scene.pageSize.width && r.maxY <= scene.pageSize.height)
        let fonts = try FontSet.dejaVuSans()
        var labels: [(id: String, label: TextLabel)] = []
        for item in scene.layers.flatMap(\.items) {
            if case .text(let l) = item.content { labels.append((item.id, l)) }
        }
        let body = labels.filter { $0.id.hasPrefix("intro-") || $0.id.hasPrefix("outro-") }
        #expect(body.count >= 4)
        for (id, label) in body {
            #expect(Self.bodyTextRange.contains(label.fontSizeMm), "\(id) is \(label.fontSizeMm * 72 / 25.4) pt")
            // Wrapped inside the margins.
            let width = try fonts.face(label.weight).extent(of: label.text, fontSizeMm: label.fontSizeMm).widthMm
            #expect(width <= scene.pageSize.width - 2 * HandoutComposer.marginMm + 1e-6, "\(id) is \(width) mm wide")
        }
        let words = labels.map(\.label.text).joined(separator: "\n")
        #expect(words.contains("seen from behind"))
        #expect(labels.contains { $0.id == "side-left" && $0.label.text == "L" })
        #expect(labels.contains { $0.id == "side-right" && $0.label.text == "R" })
        #expect(words.contains("Get urgent help"))
        #expect(!words.contains("cluneal ") && !words.contains("--"), "a command line on a patient's handout")
        // The patient's left is on the page's left: the left L sits left of every right-side spot.
        let left = try #require(labels.first { $0.id == "side-left" }).label
        let rightSpot = try #require(scene[layer: "avoid"]?.items.first { $0.metadata["side"] == "right" })
        if case .page(let l) = left.anchor, case .ellipse(let e, _) = rightSpot.content {
            #expect(l.x < scene.layout.pagePoint(e.centre).x)
        }
    }

    @Test("Nothing drawn on the handout's body runs out of its drawing into the text below", arguments: MapComposerTests.people, [Paper.a4, .letter])
    func theHandoutDrawingStaysInItsBox(person: String, paper: Paper) throws {
        let scene = HandoutComposer(model: try MapComposerTests.model(person), paper: paper).compose()
        let box = scene.layout.bodyViewport.expanded(by: 1e-6)
        var checked = 0
        for item in scene.layers.flatMap(\.items) {
            guard case .path(let path, _) = item.content else { continue }
            for p in path.subpaths.flatMap(\.points) {
                guard case .body(let q) = p else { continue }
                #expect(box.contains(q), "\(person) \(paper): \(item.id) reaches \(q), outside the drawing \(scene.layout.bodyViewport)")
                checked += 1
            }
        }
        #expect(checked > 100)
    }
}
