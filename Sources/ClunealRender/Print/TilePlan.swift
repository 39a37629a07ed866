/// How a life-size figure is cut into sheets of office paper.
///
/// Tiles are named like a spreadsheet read in rows: a row letter (A at the top) and a column
/// number (1 on the left), so the first row is A1, A2, … Neighbouring tiles share a glue
/// overlap of ``overlapMm``: tile (r, c) shows the figure from
/// `c × (contentWidth − overlap)` across and `r × (contentHeight − overlap)` down, in
/// figure millimetres, and the figure is never scaled. Orientation (portrait or landscape)
/// is the one that needs fewer sheets, portrait on a tie.
public struct TilePlan: Hashable, Sendable {
    public struct Tile: Hashable, Sendable {
        public var row: Int
        public var column: Int
        /// The part of the figure this tile shows, figure millimetres (it may run past the
        /// figure's right or bottom edge on the last column or row).
        public var figureRect: PageRect
        /// "A1", "B3", …
        public var name: String { TilePlan.name(row: row, column: column) }
    }

    public let paper: Paper
    public let sheetSize: PageSize
    public let figureSize: PageSize
    /// Glue overlap between neighbouring tiles, millimetres.
    public let overlapMm: Double
    /// Where the figure goes on every sheet, sheet millimetres.
    public let contentRect: PageRect
    public let rows: Int
    public let columns: Int
    public let tiles: [Tile]

    /// Default glue overlap, millimetres.
    public static let defaultOverlapMm = 10.0
    /// Height of the strip under the figure on every sheet (check square, tile name, notes), millimetres.
    public static let footerMm = 62.0

    /// Plans the tiles of a `figureSize` figure on `paper`. The footer strip and the margins
    /// leave a content area on each sheet; a figure larger than the limit of 26 rows or
    /// columns is refused (`nil`).
    public init?(figureSize: PageSize, paper: Paper, overlapMm: Double = TilePlan.defaultOverlapMm) {
        guard figureSize.width.isFinite, figureSize.height.isFinite, figureSize.width > 0, figureSize.height > 0,
              overlapMm.isFinite, overlapMm >= 0 else { return nil }
        func plan(_ sheet: PageSize) -> (content: PageRect, rows: Int, columns: Int)? {
            let m = Paper.marginMm
            let content = PageRect(x: m, y: m, width: sheet.width - 2 * m, height: sheet.height - 2 * m - Self.footerMm)
            guard content.width > 2 * overlapMm, content.height > 2 * overlapMm else { return nil }
            let columns = Swift.max(1, Int(((figureSize.width - overlapMm) / (content.width - overlapMm)).rounded(.up)))
            let rows = Swift.max(1, Int(((figureSize.height - overlapMm) / (content.height - overlapMm)).rounded(.up)))
            return (content, rows, columns)
        }
        let options = [paper.portrait, paper.landscape].compactMap { sheet in plan(sheet).map { (sheet, $0) } }
        guard let best = options.min(by: { $0.1.rows * $0.1.columns < $1.1.rows * $1.1.columns }),
              best.1.rows <= 26, best.1.columns <= 26 else { return nil }
        self.paper = paper
        self.sheetSize = best.0
        self.figureSize = figureSize
        self.overlapMm = overlapMm
        self.contentRect = best.1.content
        self.rows = best.1.rows
        self.columns = best.1.columns
        let stepX = best.1.content.width - overlapMm, stepY = best.1.content.height - overlapMm
        var tiles: [Tile] = []
        for r in 0..<best.1.rows {
            for c in 0..<best.1.columns {
                tiles.append(Tile(row: r, column: c, figureRect: PageRect(x: Double(c) * stepX, y: Double(r) * stepY,
                                                                          width: best.1.content.width, height: best.1.content.height)))
            }
        }
        self.tiles = tiles
    }

    public var isLandscape: Bool { sheetSize.width > sheetSize.height }

    /// "A1" for row 0, column 0; rows are letters (at most 26), columns numbers.
    public static func name(row: Int, column: Int) -> String {
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        return "\(letters[Swift.min(25, Swift.max(0, row))])\(column + 1)"
    }

    /// The tile at (`row`, `column`), if any.
    public func tile(row: Int, column: Int) -> Tile? {
        guard (0..<rows).contains(row), (0..<columns).contains(column) else { return nil }
        return tiles[row * columns + column]
    }

    /// The part of a tile's content area that holds figure (not blank paper past its edge),
    /// sheet millimetres.
    public func visibleContent(of tile: Tile) -> PageRect {
        let w = Swift.min(contentRect.width, figureSize.width - tile.figureRect.x)
        let h = Swift.min(contentRect.height, figureSize.height - tile.figureRect.y)
        return PageRect(x: contentRect.x, y: contentRect.y, width: w, height: h)
    }
}
