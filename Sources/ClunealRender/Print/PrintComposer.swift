import BodyGeometry

/// Lays a finished figure out on office paper, as PDF pages.
///
/// - ``tiledPages(_:plan:)``: a first sheet with the layout and the printing steps, then one
///   sheet per tile at life size, each with its name, crop marks at the figure's corners,
///   the glue overlap shaded where the neighbour goes on top, alignment targets in every
///   overlap (drawn in figure coordinates, so they meet when the sheets are laid over each
///   other), and a 5 × 5 cm check square with its size printed.
/// - ``fittedPage(_:plan:)``: the figure scaled onto one sheet, with the scale stated and a
///   bar of 5 body centimetres.
public enum PrintComposer {
    /// Side of the check square, millimetres.
    public static let checkSquareMm = 50.0
    /// Id of the check square's path (tests find it by this).
    public static let checkSquareID = "check-square"

    static let ink = Color(rgb: 0x1E1E1E)
    static let muted = Color(rgb: 0x555555)
    static let glueTint = Color(rgb: 0x808080, alpha: 60)
    static let bodyTextMm = 3.4
    static let smallTextMm = 2.8

    // MARK: - Tiles

    /// The overview sheet, then every tile in reading order (A1, A2, …, B1, …).
    public static func tiledPages(_ figure: Scene, plan: TilePlan) -> [PDFPage] {
        let sheetCount = plan.tiles.count + 1
        var pages = [overviewPage(figure, plan: plan, sheetCount: sheetCount)]
        let marks = alignmentMarks(plan: plan)
        for (i, tile) in plan.tiles.enumerated() {
            let visible = plan.visibleContent(of: tile)
            let origin = PagePoint(plan.contentRect.x - tile.figureRect.x, plan.contentRect.y - tile.figureRect.y)
            var sheet = furnitureScene(size: plan.sheetSize, title: "Tile \(tile.name)")
            addGlueBands(for: tile, plan: plan, visible: visible, to: &sheet)
            addCropMarks(around: visible, to: &sheet)
            addEdgeNotes(for: tile, plan: plan, visible: visible, to: &sheet)
            addTileFooter(for: tile, plan: plan, figureTitle: figure.title, sheetNumber: i + 2, sheetCount: sheetCount, to: &sheet)
            pages.append(PDFPage(size: plan.sheetSize, placements: [
                PDFPlacement(scene: figure, origin: origin, clip: visible),
                PDFPlacement(scene: marks, origin: origin, clip: visible),
                PDFPlacement(scene: sheet),
            ]))
        }
        return pages
    }

    /// A page-furniture scene (everything at page positions).
    static func furnitureScene(size: PageSize, title: String) -> Scene {
        Scene(layout: PageLayout(pageSize: size, bodyViewport: Bounds(min: Point(0, 0), max: Point(size.width, size.height)),
                                 viewportOrigin: .zero),
              background: .clear, title: title)
    }

    static func text(_ s: String, _ x: Double, _ y: Double, size: Double = bodyTextMm, weight: FontWeight = .regular,
                     color: Color = ink, alignment: TextAlignment = .start, halo: Halo? = nil) -> TextLabel {
        TextLabel(s, at: .page(PagePoint(x, y)), fontSizeMm: size, color: color, weight: weight, halo: halo, alignment: alignment)
    }

    /// Registration targets in the middle of every overlap, figure millimetres: both sheets of
    /// an overlap show the same targets, which meet when one is laid over the other.
    static func alignmentMarks(plan: TilePlan) -> Scene {
        var scene = furnitureScene(size: plan.figureSize, title: "Alignment marks")
        let o = plan.overlapMm
        let stepX = plan.contentRect.width - o, stepY = plan.contentRect.height - o
        var centres: [PagePoint] = []
        for c in 0..<(plan.columns - 1) {
            let x = Double(c + 1) * stepX + o / 2
            for r in 0..<plan.rows {
                let top = Double(r) * stepY + o, height = Swift.min(plan.figureSize.height - Double(r) * stepY, plan.contentRect.height) - 2 * o
                guard height > 0 else { continue }
                centres += [PagePoint(x, top + height * 0.25), PagePoint(x, top + height * 0.75)]
            }
        }
        for r in 0..<(plan.rows - 1) {
            let y = Double(r + 1) * stepY + o / 2
            for c in 0..<plan.columns {
                let left = Double(c) * stepX + o, width = Swift.min(plan.figureSize.width - Double(c) * stepX, plan.contentRect.width) - 2 * o
                guard width > 0 else { continue }
                centres += [PagePoint(left + width * 0.25, y), PagePoint(left + width * 0.75, y)]
            }
        }
        let r = o * 0.3
        for (i, p) in centres.enumerated() {
            let style = Style.stroke(.black, widthMm: 0.25)
            scene.add(.ellipse("align-\(i)-halo", .circle(centre: .page(p), radiusMm: r), style: Style(fill: Color(rgb: 0xFFFFFF, alpha: 200))),
                      to: "alignment", title: "Alignment marks")
            scene.add(.ellipse("align-\(i)-ring", .circle(centre: .page(p), radiusMm: r), style: style), to: "alignment", title: "Alignment marks")
            scene.add(.path("align-\(i)-cross", ScenePath([Subpath(page: [PagePoint(p.x - o * 0.45, p.y), PagePoint(p.x + o * 0.45, p.y)], closed: false),
                                                           Subpath(page: [PagePoint(p.x, p.y - o * 0.45), PagePoint(p.x, p.y + o * 0.45)], closed: false)]),
                            style: style), to: "alignment", title: "Alignment marks")
        }
        return scene
    }

    /// The overlap the next sheet covers (right and bottom), shaded and marked "glue".
    static func addGlueBands(for tile: TilePlan.Tile, plan: TilePlan, visible: PageRect, to sheet: inout Scene) {
        let o = plan.overlapMm
        var bands: [PageRect] = []
        if tile.column < plan.columns - 1 {
            bands.append(PageRect(x: visible.maxX - o, y: visible.y, width: o, height: visible.height))
        }
        if tile.row < plan.rows - 1 {
            bands.append(PageRect(x: visible.x, y: visible.maxY - o, width: visible.width, height: o))
        }
        for (i, band) in bands.enumerated() {
            sheet.add(.path("glue-\(i)", ScenePath(pageRect: band), style: Style(fill: glueTint, stroke: StrokeStyle(color: muted, widthMm: 0.2, dash: DashPattern([1.5, 1.5])))),
                      to: "glue", title: "Glue overlap")
            let vertical = band.height > band.width
            let length = vertical ? band.height : band.width
            // Between the alignment marks (which sit at a quarter and three quarters along).
            for (j, f) in [0.08, 0.5, 0.92].enumerated() {
                let d = length * f
                let p = vertical ? PagePoint(band.x + band.width / 2, band.y + d) : PagePoint(band.x + d, band.y + band.height / 2)
                sheet.add(.text("glue-\(i)-\(j)", text("glue", p.x, p.y, size: smallTextMm, weight: .bold, color: muted,
                                                       alignment: .centred, halo: Halo(color: .white, widthMm: 0.5))),
                          to: "glue", title: "Glue overlap")
            }
        }
    }

    /// Crop marks: short lines in the margin continuing each edge of the figure on this sheet.
    static func addCropMarks(around r: PageRect, to sheet: inout Scene) {
        let gap = 1.5, length = 6.0
        let style = Style.stroke(.black, widthMm: 0.25, cap: .butt)
        var i = 0
        for (x, dx) in [(r.minX, -1.0), (r.maxX, 1.0)] {
            for (y, dy) in [(r.minY, -1.0), (r.maxY, 1.0)] {
                sheet.add(.path("crop-\(i)-h", .pageLine(from: PagePoint(x + dx * gap, y), to: PagePoint(x + dx * (gap + length), y)), style: style),
                          to: "marks", title: "Crop marks")
                sheet.add(.path("crop-\(i)-v", .pageLine(from: PagePoint(x, y + dy * gap), to: PagePoint(x, y + dy * (gap + length))), style: style),
                          to: "marks", title: "Crop marks")
                i += 1
            }
        }
    }

    /// Notes in the margin: which edge to cut and which sheet joins there.
    static func addEdgeNotes(for tile: TilePlan.Tile, plan: TilePlan, visible: PageRect, to sheet: inout Scene) {
        let y = visible.minY - 3.5
        if tile.row > 0, let above = plan.tile(row: tile.row - 1, column: tile.column) {
            sheet.add(.text("note-top", text("✂ cut off this margin along the crop marks; lay this edge over \(above.name)", visible.minX, y,
                                             size: smallTextMm, color: muted)), to: "marks", title: "Notes")
        } else {
            sheet.add(.text("note-top", text("top edge of the figure", visible.minX, y, size: smallTextMm, color: muted)), to: "marks", title: "Notes")
        }
    }

    /// Where this sheet joins its neighbours, in words.
    static func joinNotes(for tile: TilePlan.Tile, plan: TilePlan) -> [String] {
        var notes: [String] = []
        if tile.column > 0, let left = plan.tile(row: tile.row, column: tile.column - 1) {
            notes.append("Cut off the left margin along the crop marks and lay that edge over \(left.name).")
        }
        if tile.row > 0, let above = plan.tile(row: tile.row - 1, column: tile.column) {
            notes.append("Cut off the top margin along the crop marks and lay that edge over \(above.name).")
        }
        var covers: [String] = []
        if tile.column < plan.columns - 1, let next = plan.tile(row: tile.row, column: tile.column + 1) {
            covers.append("\(next.name) goes over the grey band on the right")
        }
        if tile.row < plan.rows - 1, let below = plan.tile(row: tile.row + 1, column: tile.column) {
            covers.append("\(below.name) over the one at the bottom")
        }
        if !covers.isEmpty { notes.append(covers.joined(separator: "; ") + ".") }
        return notes
    }

    /// The check square with its size, and the sheet's name and place.
    static func addCheckSquare(at origin: PagePoint, to sheet: inout Scene) {
        let s = checkSquareMm
        sheet.add(.path(checkSquareID, ScenePath(pageRect: PageRect(x: origin.x, y: origin.y, width: s, height: s)),
                        style: Style.stroke(.black, widthMm: 0.3, join: .miter, cap: .butt),
                        title: "Check square, 5 × 5 cm", metadata: ["size-mm": "50"]),
                  to: "check", title: "Check square")
        // Centimetre ticks along two sides.
        for i in 1..<5 {
            let d = Double(i) * 10
            sheet.add(.path("check-tick-x\(i)", .pageLine(from: PagePoint(origin.x + d, origin.y + s), to: PagePoint(origin.x + d, origin.y + s - 2)),
                            style: .stroke(.black, widthMm: 0.2, cap: .butt)), to: "check", title: "Check square")
            sheet.add(.path("check-tick-y\(i)", .pageLine(from: PagePoint(origin.x, origin.y + d), to: PagePoint(origin.x + 2, origin.y + d)),
                            style: .stroke(.black, widthMm: 0.2, cap: .butt)), to: "check", title: "Check square")
        }
        sheet.add(.text("check-label", text("5 cm × 5 cm", origin.x + s / 2, origin.y + s / 2 - 3, size: 4.2, weight: .bold,
                                            alignment: .centred)), to: "check", title: "Check square")
        sheet.add(.text("check-label-2", text("Measure me: each side\nmust be 5.0 cm.", origin.x + s / 2, origin.y + s / 2 + 5,
                                              size: smallTextMm, color: muted, alignment: .centred)), to: "check", title: "Check square")
    }

    static func addTileFooter(for tile: TilePlan.Tile, plan: TilePlan, figureTitle: String?, sheetNumber: Int, sheetCount: Int,
                              to sheet: inout Scene) {
        let top = plan.contentRect.maxY + 8
        let m = Paper.marginMm
        addCheckSquare(at: PagePoint(m, top), to: &sheet)
        let x = m + checkSquareMm + 8
        sheet.add(.text("tile-name", text(tile.name, x, top, size: 14, weight: .bold, alignment: .topLeft)), to: "footer", title: "Sheet")
        var lines = [
            "Sheet \(sheetNumber) of \(sheetCount): row \(tile.name.prefix(1)), column \(tile.column + 1) of a \(plan.rows)-row × \(plan.columns)-column poster.",
            "Print at \u{201C}Actual size\u{201D} or 100 % (not \u{201C}Fit\u{201D}), then check the square.",
        ]
        lines += joinNotes(for: tile, plan: plan)
        lines.append("Assembled, the figure is \(centimetres(plan.figureSize.width)) × \(centimetres(plan.figureSize.height)) cm: life size.")
        var y = top + 18
        for (i, line) in lines.enumerated() {
            sheet.add(.text("tile-line-\(i)", text(line, x, y, size: smallTextMm + 0.2, alignment: .topLeft)), to: "footer", title: "Sheet")
            y += 4.7
        }
        if let figureTitle {
            sheet.add(.text("tile-figure", text(figureTitle, x, y + 0.5, size: smallTextMm, color: muted, alignment: .topLeft)),
                      to: "footer", title: "Sheet")
        }
    }

    static func centimetres(_ mm: Double) -> String {
        let cm = mm / 10
        return cm == cm.rounded() ? "\(Int(cm))" : DecimalText.fixed(cm, 1)
    }

    /// The first sheet: the layout, the steps, and a check square.
    static func overviewPage(_ figure: Scene, plan: TilePlan, sheetCount: Int) -> PDFPage {
        let size = plan.sheetSize
        let m = Paper.marginMm
        var sheet = furnitureScene(size: size, title: "How to print life size")
        let figureName = figure.title ?? "the figure"
        sheet.add(.text("title", text("Life-size print: \(figureName)", m, m, size: 6.2, weight: .bold, alignment: .topLeft)),
                  to: "text", title: "Instructions")
        sheet.add(.text("subtitle", text("\(plan.tiles.count) sheets of \(plan.paper.displayName) (\(plan.isLandscape ? "landscape" : "portrait")) plus this one; assembled \(centimetres(plan.figureSize.width)) × \(centimetres(plan.figureSize.height)) cm.",
                                         m, m + 9, size: bodyTextMm, color: muted, alignment: .topLeft)), to: "text", title: "Instructions")
        // The layout: the whole figure, small, with the tiles drawn over it.
        let boxTop = m + 17
        let box = PageRect(x: m, y: boxTop, width: size.width - 2 * m, height: size.height - boxTop - m - TilePlan.footerMm - 46)
        let scale = Swift.min(box.width / plan.figureSize.width, box.height / plan.figureSize.height)
        let origin = PagePoint(m + (box.width - plan.figureSize.width * scale) / 2, box.y)
        var grid = furnitureScene(size: plan.figureSize, title: "Tile layout")
        grid.add(.path("layout-frame", ScenePath(pageRect: PageRect(x: 0, y: 0, width: plan.figureSize.width, height: plan.figureSize.height)),
                       style: Style(fill: Color(rgb: 0xFFFFFF, alpha: 110))), to: "layout", title: "Tile layout")
        for tile in plan.tiles {
            let r = tile.figureRect
            let clipped = PageRect(x: r.x, y: r.y, width: Swift.min(r.width, plan.figureSize.width - r.x), height: Swift.min(r.height, plan.figureSize.height - r.y))
            grid.add(.path("layout-\(tile.name)", ScenePath(pageRect: clipped), style: .stroke(Color(rgb: 0x0050A0), widthMm: 0.35 / scale)),
                     to: "layout", title: "Tile layout")
            grid.add(.text("layout-\(tile.name)-name", text(tile.name, clipped.x + clipped.width / 2, clipped.y + clipped.height / 2,
                                                            size: 6 / scale, weight: .bold, color: Color(rgb: 0x0050A0), alignment: .centred,
                                                            halo: Halo(color: .white, widthMm: 0.8 / scale))),
                     to: "layout", title: "Tile layout")
        }
        var y = box.maxY + 5
        let steps = [
            "1. Print every page at \u{201C}Actual size\u{201D} or \u{201C}100 %\u{201D}. Do not choose \u{201C}Fit\u{201D}, \u{201C}Shrink\u{201D} or \u{201C}Scale to paper\u{201D}.",
            "2. Measure the check square on each sheet with a ruler: every side must be 5.0 cm. If it is not,",
            "    the printer changed the size: fix the setting and print again.",
            "3. Lay the sheets out as above. Cut off the left and top margins along the crop marks wherever",
            "    the sheet has a neighbour on that side (the sheet says which).",
            "4. Lay each sheet over its neighbour so the picture and the round alignment marks meet exactly,",
            "    and glue it on the grey \u{201C}glue\u{201D} band underneath. Work along row A first, then row B, and so on.",
            "5. Check the result: 1 grid square of the figure measures 1 cm.",
        ]
        for (i, line) in steps.enumerated() {
            sheet.add(.text("step-\(i)", text(line, m, y, size: 3.0, alignment: .topLeft)), to: "text", title: "Instructions")
            y += 4.6
        }
        sheet.add(.text("footer-title", text("Overview", m + checkSquareMm + 8, plan.contentRect.maxY + 8, size: 14, weight: .bold, alignment: .topLeft)),
                  to: "footer", title: "Sheet")
        sheet.add(.text("footer-line", text("Sheet 1 of \(sheetCount). This sheet is printed at 100 % too: measure the square.",
                                            m + checkSquareMm + 8, plan.contentRect.maxY + 27, size: smallTextMm + 0.2, alignment: .topLeft)),
                  to: "footer", title: "Sheet")
        addCheckSquare(at: PagePoint(m, plan.contentRect.maxY + 8), to: &sheet)
        return PDFPage(size: size, placements: [
            PDFPlacement(scene: figure, scale: scale, origin: origin),
            PDFPlacement(scene: grid, scale: scale, origin: origin),
            PDFPlacement(scene: sheet),
        ])
    }

    // MARK: - Fit to one sheet

    /// The figure scaled onto one sheet, the scale stated and a 5 cm body scale bar beneath.
    public static func fittedPage(_ figure: Scene, plan: FitPlan) -> PDFPage {
        let size = plan.sheetSize
        let m = Paper.marginMm
        var sheet = furnitureScene(size: size, title: "Scale")
        let s = plan.scale
        let top = plan.origin.y + plan.figureSize.height * s + 5
        let statement = plan.isLifeSize
            ? "Life size: printed at \u{201C}Actual size\u{201D} / 100 %, \(PrintScale.ratioText(1))."
            : "Scaled to \(PrintScale.percentText(s)) of life size to fit one \(plan.paper.displayName) sheet: \(PrintScale.ratioText(s))."
        sheet.add(.text("scale-statement", text(statement, m, top, size: 3.2, weight: .bold, alignment: .topLeft)), to: "scale", title: "Scale")
        sheet.add(.text("scale-note", text("The grid numbers and this bar are true body centimetres; measure with them, not with a ruler.",
                                           m, top + 5, size: smallTextMm, color: muted, alignment: .topLeft)), to: "scale", title: "Scale")
        let barY = top + 12, bar = 50 * s
        let stroke = Style.stroke(.black, widthMm: 0.4, cap: .butt)
        sheet.add(.path("fit-scale-bar", .pageLine(from: PagePoint(m, barY), to: PagePoint(m + bar, barY)), style: stroke,
                        title: "5 cm on the body"), to: "scale", title: "Scale")
        for i in 0...5 {
            let x = m + Double(i) * bar / 5
            sheet.add(.path("fit-scale-tick-\(i)", .pageLine(from: PagePoint(x, barY - (i % 5 == 0 ? 2 : 1.2)), to: PagePoint(x, barY)), style: stroke),
                      to: "scale", title: "Scale")
        }
        sheet.add(.text("fit-scale-label", text("5 cm on the body", m + bar + 3, barY, size: smallTextMm, alignment: TextAlignment(.start, .middle))),
                  to: "scale", title: "Scale")
        return PDFPage(size: size, placements: [PDFPlacement(scene: figure, scale: s, origin: plan.origin), PDFPlacement(scene: sheet)])
    }
}
