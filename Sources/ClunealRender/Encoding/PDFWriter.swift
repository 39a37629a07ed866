import BodyGeometry
/// The document information of a PDF (its Info dictionary).
public struct PDFMetadata: Hashable, Sendable {
    public var title: String
    public var author: String
    /// What the document is and the education notice.
    public var subject: String
    /// Atlas id and version, scaling and print scale, `;`-separated.
    public var keywords: String
    /// The program that made it.
    public var creator: String
    /// When the document was made, seconds since 1970-01-01 00:00 UTC; `nil`: the time of
    /// writing (Cairo's default). A fixed time makes the same figure give the same bytes.
    public var creationTime: Int64?

    public init(title: String, author: String = "ClunealMap", subject: String = "", keywords: String = "", creator: String = "",
                creationTime: Int64? = nil) {
        self.title = title
        self.author = author
        self.subject = subject
        self.keywords = keywords
        self.creator = creator
        self.creationTime = creationTime
    }

    /// The creation times a PDF can carry: 1970-01-01 00:00:00 to 9999-12-31 23:59:59 UTC.
    public static let creationTimes: Range<Int64> = 0..<253_402_300_800

    /// `seconds` since 1970-01-01 00:00 UTC as ISO 8601 in UTC ("2026-12-07T01:28:02Z"), the
    /// form Cairo reads for the PDF's dates; `nil` outside the years 1970...9999.
    public static func isoDate(_ seconds: Int64) -> String? {
        guard creationTimes.contains(seconds) else { return nil }
        let days = seconds / 86_400, rest = seconds % 86_400
        // Civil date from days since 1970-01-01 (H. Hinnant's days_from_civil, inverted).
        let z = days + 719_468
        let era = z / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(year)-\(two(month))-\(two(day))T\(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60))Z"
    }
}

/// A scene drawn on a PDF page: scaled by ``scale`` about its own top-left corner, that corner
/// put at ``origin``, and everything outside ``clip`` (output page millimetres) cut away.
public struct PDFPlacement: Hashable, Sendable {
    public var scene: Scene
    /// Output millimetres per scene millimetre (1 = life size for a map).
    public var scale: Double
    /// Where the scene's top-left corner lands, output page millimetres.
    public var origin: PagePoint
    public var clip: PageRect?

    public init(scene: Scene, scale: Double = 1, origin: PagePoint = .zero, clip: PageRect? = nil) {
        self.scene = scene
        self.scale = scale
        self.origin = origin
        self.clip = clip
    }
}

/// One page of a PDF: its size and the scenes drawn on it, in order.
public struct PDFPage: Hashable, Sendable {
    /// Millimetres; the page is written at exactly this size (`mm × 72 / 25.4` points).
    public var size: PageSize
    public var placements: [PDFPlacement]

    public init(size: PageSize, placements: [PDFPlacement]) {
        self.size = size
        self.placements = placements
    }
}

/// Writes scenes as a vector PDF through Cairo's PDF surface.
///
/// - A lone scene becomes one page of the scene's size, so a map printed at 100 % ("actual
///   size") is life size by construction.
/// - The drawing follows the raster's order: visible layers in order, shapes first, then the
///   text of every visible layer; hidden layers are left out.
/// - Text is real text in embedded, subset DejaVu Sans (the faces of the ``FontSet``); glyphs
///   are placed with the same advances and kerning the raster and the label placer measure,
///   and halos are the glyph outlines stroked beneath.
/// - Automatic labels should be resolved first (``SceneRenderer/resolvingLabels(_:pxPerMm:)``)
///   so the PDF matches the PNG; an unresolved one is drawn at its first candidate spot.
///
/// Not `Sendable` (it holds font faces); make one per task.
public struct PDFWriter {
    public let fonts: FontSet

    public init(fonts: FontSet) {
        self.fonts = fonts
    }

    /// One page the size of `scene`, life size.
    public func write(_ scene: Scene, metadata: PDFMetadata) throws(RenderError) -> [UInt8] {
        try write(pages: [PDFPage(size: scene.pageSize, placements: [PDFPlacement(scene: scene)])], metadata: metadata)
    }

    /// Any number of pages.
    public func write(pages: [PDFPage], metadata: PDFMetadata) throws(RenderError) -> [UInt8] {
        guard let first = pages.first else { throw .invalidPageSize(width: 0, height: 0) }
        for page in pages {
            for placement in page.placements {
                try placement.scene.validate()
                guard placement.scale.isFinite, placement.scale > 0, placement.origin.isFinite,
                      placement.clip?.isFinite ?? true else {
                    throw .invalidItem(id: placement.scene.title ?? "placement", reason: "scale \(placement.scale) or origin not finite and positive")
                }
            }
        }
        let document = try CairoPDFDocument(firstPageSize: first.size)
        // Cairo gets faces of its own: it sets their size, which must not disturb our measuring.
        try document.register(fonts.regular.reopened(), for: .regular)
        try document.register(fonts.bold.reopened(), for: .bold)
        document.setMetadata(.title, metadata.title)
        document.setMetadata(.author, metadata.author)
        if !metadata.subject.isEmpty { document.setMetadata(.subject, metadata.subject) }
        if !metadata.keywords.isEmpty { document.setMetadata(.keywords, metadata.keywords) }
        if !metadata.creator.isEmpty { document.setMetadata(.creator, metadata.creator) }
        if let t = metadata.creationTime, let date = PDFMetadata.isoDate(t) { document.setMetadata(.creationDate, date) }
        for (i, page) in pages.enumerated() {
            if i > 0 { try document.nextPage(size: page.size) }
            for placement in page.placements {
                document.save()
                if let clip = placement.clip { document.clip(to: clip) }
                document.translate(placement.origin.x, placement.origin.y)
                document.scale(placement.scale)
                try draw(placement.scene, on: document)
                document.restore()
            }
        }
        return try document.finish()
    }

    private func draw(_ scene: Scene, on document: CairoPDFDocument) throws(RenderError) {
        let layout = scene.layout
        if scene.background.alpha > 0 {
            document.newPath()
            document.rectangle(PageRect(x: 0, y: 0, width: scene.pageSize.width, height: scene.pageSize.height))
            document.fill(scene.background, rule: .nonZero, preserve: false)
        }
        let layers = scene.layers.filter { !$0.isHidden }
        for layer in layers {
            for item in layer.items {
                switch item.content {
                case .path(let path, let style):
                    add(path, layout: layout, to: document)
                    paint(style, rule: path.fillRule, on: document)
                case .ellipse(let e, let style):
                    document.newPath()
                    document.ellipse(centre: layout.pagePoint(e.centre), radiusX: layout.pageLength(e.radiusXMm, at: e.centre),
                                     radiusY: layout.pageLength(e.radiusYMm, at: e.centre),
                                     rotationDegrees: e.rotationDegrees)
                    paint(style, rule: .nonZero, on: document)
                case .marker(let m):
                    let centre = layout.pagePoint(m.position)
                    if let circles = m.concentricCircles {
                        // True arcs: the same circles the polygons approximate, in far fewer bytes.
                        document.newPath()
                        for (i, f) in circles.enumerated() {
                            document.circle(centre: centre, radius: m.sizeMm / 2 * f, reversed: i % 2 == 1)
                        }
                        paint(m.style, rule: .nonZero, on: document)
                    } else {
                        let path = m.path(centredAt: centre)
                        add(path, layout: layout, to: document)
                        paint(m.style, rule: path.fillRule, on: document)
                    }
                case .text:
                    continue
                }
            }
        }
        for layer in layers {
            for item in layer.items {
                guard case .text(let label) = item.content else { continue }
                try drawText(label.fixedAtFirstCandidate(layout: layout), layout: layout, on: document)
            }
        }
    }

    private func add(_ path: ScenePath, layout: PageLayout, to document: CairoPDFDocument) {
        document.newPath()
        for sub in path.subpaths where !sub.points.isEmpty {
            let page = sub.points.map { layout.pagePoint($0) }
            if sub.isSmooth, page.count >= 3 {
                // The same ``SmoothCurve`` the SVG writes and the rasteriser flattens.
                document.move(to: page[0])
                for s in SmoothCurve.segments(through: page.map { Point($0.x, $0.y) }, closed: sub.isClosed) {
                    document.curve(to: PagePoint(s.end.x, s.end.z), control1: PagePoint(s.control1.x, s.control1.z),
                                   control2: PagePoint(s.control2.x, s.control2.z))
                }
            } else {
                for (i, p) in page.enumerated() {
                    if i == 0 { document.move(to: p) } else { document.line(to: p) }
                }
            }
            if sub.isClosed { document.closePath() }
        }
    }

    /// Fill, then stroke, of the current path.
    private func paint(_ style: Style, rule: FillRule, on document: CairoPDFDocument) {
        let stroke = style.stroke.flatMap { $0.widthMm > 0 && $0.effectiveColor.alpha > 0 ? $0 : nil }
        if let fill = style.effectiveFill, fill.alpha > 0 {
            document.fill(fill, rule: rule, preserve: stroke != nil)
        }
        if let stroke {
            document.stroke(stroke.effectiveColor, widthMm: stroke.widthMm, join: stroke.join, cap: stroke.cap,
                            miterLimit: stroke.miterLimit, dash: stroke.dash)
        } else {
            document.newPath()
        }
    }

    /// Lines laid out with the ``FontFace`` the raster uses (advances and kerning measured at
    /// a large size and scaled to millimetres), aligned on their own at the anchor's x.
    private func drawText(_ label: TextLabel, layout: PageLayout, on document: CairoPDFDocument) throws(RenderError) {
        let face = fonts.face(label.weight)
        let size = label.fontSizeMm
        let measureScale = Swift.min(100, 4096 / size)
        let baselines = label.baselines(layout: layout, ascentPerEm: Double(face.ascentPerEm), descentPerEm: Double(face.descentPerEm))
        let anchorX = layout.pagePoint(label.anchor).x
        var runs: [CairoPDFDocument.GlyphRun] = []
        for (i, line) in label.lines.enumerated() where !line.isEmpty {
            let laid = try face.layoutLine(line, sizePx: Float(size * measureScale))
            let width = Double(laid.advance) / measureScale
            let x0: Double
            switch label.alignment.horizontal {
            case .start: x0 = anchorX
            case .middle: x0 = anchorX - width / 2
            case .end: x0 = anchorX - width
            }
            runs.append(CairoPDFDocument.GlyphRun(text: line, glyphs: laid.glyphs.map { (index: $0.glyph, x: x0 + Double($0.x) / measureScale, y: baselines[i]) }))
        }
        if let halo = label.halo, halo.widthMm > 0, halo.color.alpha > 0 {
            for run in runs {
                document.strokeGlyphOutlines(run, weight: label.weight, sizeMm: size, color: halo.color, widthMm: 2 * halo.widthMm)
            }
        }
        for run in runs {
            document.showText(run, weight: label.weight, sizeMm: size, color: label.color)
        }
    }
}
