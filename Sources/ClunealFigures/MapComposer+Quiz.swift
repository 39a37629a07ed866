import BodyGeometry
import ClunealAnatomy
import ClunealRender

/// Blank maps for "which structure is marker N?": numbered discs, and the answers in a hidden
/// layer a teacher can reveal in the SVG.
extension MapComposer {
    static let answersLayer: LayerID = "answers"
    static let markersLayer: LayerID = "quiz-markers"

    func addQuizMarkers(to scene: inout Scene) {
        for m in options.quizMarkers {
            let id = "quiz-marker-\(m.number)"
            let size = 3.2 * options.labelScale
            scene.add(.ellipse(id, .circle(centre: .body(m.position), radiusMm: size),
                               style: Style(fill: theme.background, stroke: StrokeStyle(color: theme.text, widthMm: 0.45)),
                               title: "Marker \(m.number)", metadata: ["kind": "quiz-marker", "number": "\(m.number)"]),
                      to: Self.markersLayer, title: "Quiz markers")
            scene.add(.text(id + "-number", TextLabel("\(m.number)", at: .body(m.position), fontSizeMm: size, color: theme.text,
                                                      weight: .bold, halo: nil, alignment: .centred)),
                      to: Self.markersLayer, title: "Quiz markers")
        }
        var answers = Layer(id: Self.answersLayer, title: "Answers (hidden)", isHidden: true)
        for m in options.quizMarkers {
            answers.add(.text("quiz-answer-\(m.number)", label("\(m.number): \(m.answer)", at: m.position, priority: 100)))
        }
        scene.layers.append(answers)
    }

    func addQuizInstructions(to scene: inout Scene) {
        let r = scene.layout.viewportRect
        let k = furnitureScale
        let x0 = r.maxX + 6 * k
        var y = r.minY + (2 + Self.cranialRowMm) * k
        let lines = [
            ("Quiz", 3.6, FontWeight.bold),
            ("Name the structure or site", 2.8, .regular),
            ("under each numbered marker.", 2.8, .regular),
            ("", 2.8, .regular),
            ("\(options.quizMarkers.count) markers. The answer key", 2.8, .regular),
            ("is printed beside this map", 2.8, .regular),
            ("(.key.md); in the SVG the", 2.8, .regular),
            ("answers are a hidden layer.", 2.8, .regular),
            ("", 2.8, .regular),
            ("Grid: 1 cm squares; numbers", 2.5, .regular),
            ("in cm from the midline and", 2.5, .regular),
            ("from the zero line.", 2.5, .regular),
        ]
        for (i, line) in lines.enumerated() where !line.0.isEmpty {
            scene.add(.text("quiz-instructions-\(i)", TextLabel(line.0, at: .page(PagePoint(x0, y)), fontSizeMm: line.1 * k, color: theme.text,
                                                                weight: line.2, halo: nil, alignment: TextAlignment(.start, .middle))),
                      to: .legend, title: "Instructions")
            y += (line.1 > 3 ? 6 : 3.8) * k
        }
        scene.labelObstacles.append(PageRect(x: x0 - 2 * k, y: r.minY, width: margins.right - 6 * k, height: y - r.minY + 2 * k))
    }
}
