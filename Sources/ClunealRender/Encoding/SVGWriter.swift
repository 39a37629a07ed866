import BodyGeometry

/// Writes a ``Scene`` as SVG 1.1 text.
///
/// - The page in millimetres: `width`/`height` in `mm`, `viewBox` in millimetres, so one user
///   unit is one millimetre and a print at 100 % is life size.
/// - One top-level `<g>` per layer with `inkscape:groupmode="layer"` and `inkscape:label`
///   (hidden layers get `style="display:none"`).
/// - Every item keeps its id (made a valid XML name and unique, in document order), its
///   `<title>`, and its metadata as `data-*` attributes (keys sorted).
/// - Coordinates are absolute page millimetres; body coordinates (z up) are converted by the
///   scene's ``PageLayout``, the one place where z-up becomes y-down.
/// - Output is deterministic: fixed attribute order, numbers rounded to 0.001 mm.
///
/// Automatic labels should be resolved first (``SceneRenderer/resolvingLabels(_:pxPerMm:)``)
/// so the SVG matches the PNG; an unresolved one is written at its first candidate spot
/// (north-east of its anchor).
public struct SVGWriter: Sendable {
    /// CSS font list for `font-family`.
    public var fontFamily: String
    /// Font ascent and descent per em, for vertical text alignment (DejaVu Sans by default).
    public var ascentPerEm: Double
    public var descentPerEm: Double

    public init(fontFamily: String = "'DejaVu Sans', Verdana, sans-serif", ascentPerEm: Double = 0.928,
                descentPerEm: Double = 0.236) {
        self.fontFamily = fontFamily
        self.ascentPerEm = ascentPerEm
        self.descentPerEm = descentPerEm
    }

    /// A writer whose vertical text metrics match `fonts.regular`.
    public init(matching fonts: FontSet) {
        self.init(ascentPerEm: Double(fonts.regular.ascentPerEm), descentPerEm: Double(fonts.regular.descentPerEm))
    }

    public func write(_ scene: Scene) throws(RenderError) -> String {
        try scene.validate()
        var w = Writer(layout: scene.layout)
        let size = scene.layout.pageSize
        w.line(#"<?xml version="1.0" encoding="UTF-8" standalone="no"?>"#)
        var root: [(String, String)] = [
            ("xmlns", "http://www.w3.org/2000/svg"),
            ("xmlns:inkscape", "http://www.inkscape.org/namespaces/inkscape"),
            ("version", "1.1"),
            ("width", SVGNumber.format(size.width) + "mm"),
            ("height", SVGNumber.format(size.height) + "mm"),
            ("viewBox", "0 0 \(SVGNumber.format(size.width)) \(SVGNumber.format(size.height))"),
        ]
        root += w.dataAttributes(scene.metadata)
        w.open("svg", root)
        if let title = scene.title { w.line("<title>\(XML.text(title))</title>", indent: 1) }
        if scene.background.alpha > 0 {
            w.empty("rect", [("id", w.uniqueID("background")), ("x", "0"), ("y", "0"),
                             ("width", SVGNumber.format(size.width)), ("height", SVGNumber.format(size.height))]
                    + paint(fill: scene.background, rule: nil), indent: 1)
        }
        for layer in scene.layers {
            var attributes: [(String, String)] = [
                ("id", w.uniqueID(layer.id.rawValue)),
                ("inkscape:groupmode", "layer"),
                ("inkscape:label", layer.title),
            ]
            if layer.isHidden { attributes.append(("style", "display:none")) }
            attributes.append(("data-layer", layer.id.rawValue))
            attributes += w.dataAttributes(layer.metadata)
            w.open("g", attributes, indent: 1)
            for item in layer.items { write(item, to: &w) }
            w.close("g", indent: 1)
        }
        w.close("svg")
        return w.output
    }

    private func write(_ item: SceneItem, to w: inout Writer) {
        var common: [(String, String)] = [("id", w.uniqueID(item.id))]
        let data = w.dataAttributes(item.metadata)
        switch item.content {
        case .path(let path, let style):
            common.append(("d", w.pathData(path)))
            w.element("path", common + paint(style, rule: path.fillRule) + data, title: item.title)
        case .ellipse(let e, let style):
            let c = w.layout.pagePoint(e.centre)
            let rx = w.layout.pageLength(e.radiusXMm, at: e.centre), ry = w.layout.pageLength(e.radiusYMm, at: e.centre)
            var attributes = common
            let name: String
            if rx == ry {
                name = "circle"
                attributes += [("cx", SVGNumber.format(c.x)), ("cy", SVGNumber.format(c.y)), ("r", SVGNumber.format(rx))]
            } else {
                name = "ellipse"
                attributes += [("cx", SVGNumber.format(c.x)), ("cy", SVGNumber.format(c.y)),
                               ("rx", SVGNumber.format(rx)), ("ry", SVGNumber.format(ry))]
                if e.rotationDegrees != 0 {
                    // SVG's rotate() turns clockwise on the y-down page; ours is counter-clockwise as seen.
                    attributes.append(("transform", "rotate(\(SVGNumber.format(-e.rotationDegrees)) \(SVGNumber.format(c.x)) \(SVGNumber.format(c.y)))"))
                }
            }
            w.element(name, attributes + paint(style, rule: nil) + data, title: item.title)
        case .marker(let m):
            let path = m.path(centredAt: w.layout.pagePoint(m.position))
            common.append(("d", w.pathData(path)))
            common.append(("data-marker", m.shape.rawValue))
            w.element("path", common + paint(m.style, rule: path.fillRule) + data, title: item.title)
        case .text(let label):
            writeText(label, attributes: common, data: data, title: item.title, to: &w)
        }
    }

    private func writeText(_ label: TextLabel, attributes common: [(String, String)], data: [(String, String)],
                           title: String?, to w: inout Writer) {
        let label = label.fixedAtFirstCandidate(layout: w.layout)
        let anchor = w.layout.pagePoint(label.anchor)
        let size = label.fontSizeMm
        let lines = label.lines
        let baselines = label.baselines(layout: w.layout, ascentPerEm: ascentPerEm, descentPerEm: descentPerEm)
        let textAnchor: String
        switch label.alignment.horizontal {
        case .start: textAnchor = "start"
        case .middle: textAnchor = "middle"
        case .end: textAnchor = "end"
        }
        var attributes = common + [
            ("x", SVGNumber.format(anchor.x)),
            ("y", SVGNumber.format(baselines[0])),
            ("font-family", fontFamily),
            ("font-size", SVGNumber.format(size)),
            ("font-weight", label.weight == .bold ? "bold" : "normal"),
            ("text-anchor", textAnchor),
            ("xml:space", "preserve"),
        ]
        attributes += paint(fill: label.color, rule: nil)
        if let halo = label.halo, halo.widthMm > 0, halo.color.alpha > 0 {
            attributes += [("stroke", halo.color.hexRGB)]
            if halo.color.alpha < 255 { attributes.append(("stroke-opacity", SVGNumber.format(halo.color.opacity))) }
            attributes += [("stroke-width", SVGNumber.format(2 * halo.widthMm)), ("stroke-linejoin", "round"),
                           ("paint-order", "stroke")]
        }
        attributes += data
        var body = ""
        if let title { body += "<title>\(XML.text(title))</title>" }
        if lines.count == 1 {
            body += XML.text(lines[0])
        } else {
            for (i, line) in lines.enumerated() {
                body += "<tspan x=\"\(SVGNumber.format(anchor.x))\" y=\"\(SVGNumber.format(baselines[i]))\">\(XML.text(line))</tspan>"
            }
        }
        w.line("<text\(Writer.attributeString(attributes))>\(body)</text>", indent: 2)
    }

    private func paint(_ style: Style, rule: FillRule?) -> [(String, String)] {
        var out = paint(fill: style.effectiveFill, rule: rule)
        guard let stroke = style.stroke, stroke.widthMm > 0, stroke.effectiveColor.alpha > 0 else { return out }
        let color = stroke.effectiveColor
        out.append(("stroke", color.hexRGB))
        if color.alpha < 255 { out.append(("stroke-opacity", SVGNumber.format(color.opacity))) }
        out.append(("stroke-width", SVGNumber.format(stroke.widthMm)))
        out.append(("stroke-linejoin", stroke.join.rawValue))
        out.append(("stroke-linecap", stroke.cap.rawValue))
        if stroke.join == .miter { out.append(("stroke-miterlimit", SVGNumber.format(stroke.miterLimit))) }
        if let dash = stroke.dash {
            out.append(("stroke-dasharray", dash.lengthsMm.map(SVGNumber.format).joined(separator: " ")))
            if dash.offsetMm != 0 { out.append(("stroke-dashoffset", SVGNumber.format(dash.offsetMm))) }
        }
        return out
    }

    private func paint(fill: Color?, rule: FillRule?) -> [(String, String)] {
        guard let fill, fill.alpha > 0 else { return [("fill", "none")] }
        var out = [("fill", fill.hexRGB)]
        if fill.alpha < 255 { out.append(("fill-opacity", SVGNumber.format(fill.opacity))) }
        if let rule { out.append(("fill-rule", rule == .evenOdd ? "evenodd" : "nonzero")) }
        return out
    }
}

/// Accumulates the document and hands out unique ids.
private struct Writer {
    let layout: PageLayout
    var output = ""
    var usedIDs = Set<String>()

    init(layout: PageLayout) { self.layout = layout }

    mutating func line(_ s: String, indent: Int = 0) {
        output += String(repeating: "  ", count: indent) + s + "\n"
    }

    static func attributeString(_ attributes: [(String, String)]) -> String {
        attributes.map { " \($0.0)=\"\(XML.attribute($0.1))\"" }.joined()
    }

    mutating func open(_ name: String, _ attributes: [(String, String)], indent: Int = 0) {
        line("<\(name)\(Self.attributeString(attributes))>", indent: indent)
    }

    mutating func close(_ name: String, indent: Int = 0) { line("</\(name)>", indent: indent) }

    mutating func empty(_ name: String, _ attributes: [(String, String)], indent: Int) {
        line("<\(name)\(Self.attributeString(attributes))/>", indent: indent)
    }

    /// An element at item depth, with a `<title>` child when there is a title.
    mutating func element(_ name: String, _ attributes: [(String, String)], title: String?) {
        if let title {
            line("<\(name)\(Self.attributeString(attributes))><title>\(XML.text(title))</title></\(name)>", indent: 2)
        } else {
            empty(name, attributes, indent: 2)
        }
    }

    /// A valid, unique XML id for `raw`: characters outside `[A-Za-z0-9._-]` become `_`, a
    /// leading non-letter gets a `_` prefix, repeats get `-2`, `-3`, ...
    mutating func uniqueID(_ raw: String) -> String {
        var base = String(raw.unicodeScalars.map { s -> Character in
            let v = s.value
            let ok = (65...90).contains(v) || (97...122).contains(v) || (48...57).contains(v) || s == "_" || s == "-" || s == "."
            return ok ? Character(s) : "_"
        })
        if base.isEmpty { base = "_" }
        if let first = base.unicodeScalars.first, !((65...90).contains(first.value) || (97...122).contains(first.value) || first == "_") {
            base = "_" + base
        }
        var candidate = base
        var n = 2
        while usedIDs.contains(candidate) {
            candidate = "\(base)-\(n)"
            n += 1
        }
        usedIDs.insert(candidate)
        return candidate
    }

    /// `data-*` attributes, keys lower-cased and restricted to `[a-z0-9._-]`, sorted.
    func dataAttributes(_ metadata: [String: String]) -> [(String, String)] {
        var used = Set<String>()
        var out: [(String, String)] = []
        for key in metadata.keys.sorted() {
            var name = String(key.lowercased().unicodeScalars.map { s -> Character in
                let v = s.value
                return (97...122).contains(v) || (48...57).contains(v) || s == "_" || s == "-" || s == "." ? Character(s) : "-"
            })
            if name.isEmpty || name.hasPrefix("xml") { name = "k" + name }
            var candidate = name
            var n = 2
            while used.contains(candidate) {
                candidate = "\(name)-\(n)"
                n += 1
            }
            used.insert(candidate)
            out.append(("data-" + candidate, metadata[key] ?? ""))
        }
        return out
    }

    func pathData(_ path: ScenePath) -> String {
        var parts: [String] = []
        func xy(_ p: Point) -> String { "\(SVGNumber.format(p.x)) \(SVGNumber.format(p.z))" }
        for sub in path.subpaths where !sub.points.isEmpty {
            // Page millimetres (x right, y down) as plain points for the spline.
            let page = sub.points.map { position -> Point in
                let p = layout.pagePoint(position)
                return Point(p.x, p.y)
            }
            if sub.isSmooth, page.count >= 3 {
                let segments = SmoothCurve.segments(through: page, closed: sub.isClosed)
                parts.append("M" + xy(page[0]))
                for s in segments {
                    parts.append("C" + xy(s.control1) + " " + xy(s.control2) + " " + xy(s.end))
                }
            } else {
                for (i, p) in page.enumerated() { parts.append((i == 0 ? "M" : "L") + xy(p)) }
            }
            if sub.isClosed { parts.append("Z") }
        }
        return parts.joined(separator: " ")
    }
}

/// Deterministic decimal formatting for SVG: at most three decimals, no trailing zeros,
/// no exponent, no negative zero.
enum SVGNumber {
    static func format(_ v: Double) -> String {
        let scaled = (v * 1000).rounded()
        guard scaled.isFinite, abs(scaled) < 9e15 else { return "0" }
        var i = Int64(scaled)
        if i == 0 { return "0" }
        let negative = i < 0
        i = abs(i)
        var s = String(i / 1000)
        let fraction = i % 1000
        if fraction != 0 {
            var f = String(fraction).leftPadded(to: 3)
            while f.hasSuffix("0") { f.removeLast() }
            s += "." + f
        }
        return negative ? "-" + s : s
    }
}

/// XML escaping; characters XML 1.0 forbids are replaced with U+FFFD.
enum XML {
    static func text(_ s: String) -> String { escape(s, quotes: false) }
    static func attribute(_ s: String) -> String { escape(s, quotes: true) }

    private static func escape(_ s: String, quotes: Bool) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where quotes: out += "&quot;"
            case "'" where quotes: out += "&apos;"
            case "\n" where quotes: out += "&#10;"
            case "\t" where quotes: out += "&#9;"
            case "\r": out += "&#13;"
            default:
                let v = scalar.value
                let allowed = v == 0x9 || v == 0xA || (0x20...0xD7FF).contains(v) || (0xE000...0xFFFD).contains(v) || v >= 0x10000
                out.unicodeScalars.append(allowed ? scalar : "\u{FFFD}")
            }
        }
        return out
    }
}
