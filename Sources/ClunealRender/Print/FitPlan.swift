/// How a figure is scaled onto one sheet of paper.
///
/// The figure keeps its proportions and is never enlarged: a figure that fits the sheet's
/// printable area (inside ``Paper/marginMm``, above a ``footerMm`` strip for the scale note)
/// stays life size. The orientation is the one giving the larger scale, portrait on a tie.
public struct FitPlan: Hashable, Sendable {
    public let paper: Paper
    public let sheetSize: PageSize
    public let figureSize: PageSize
    /// Sheet millimetres per figure millimetre, in (0, 1].
    public let scale: Double
    /// Where the figure's top-left corner goes, sheet millimetres (centred across).
    public let origin: PagePoint

    /// Height of the strip under the figure (scale statement and bar), millimetres.
    public static let footerMm = 20.0

    public init?(figureSize: PageSize, paper: Paper) {
        guard figureSize.width.isFinite, figureSize.height.isFinite, figureSize.width > 0, figureSize.height > 0 else { return nil }
        func scale(on sheet: PageSize) -> Double {
            let m = Paper.marginMm
            return Swift.min(1, (sheet.width - 2 * m) / figureSize.width, (sheet.height - 2 * m - Self.footerMm) / figureSize.height)
        }
        let portrait = scale(on: paper.portrait), landscape = scale(on: paper.landscape)
        let sheet = landscape > portrait ? paper.landscape : paper.portrait
        let s = Swift.max(portrait, landscape)
        guard s > 0 else { return nil }
        self.paper = paper
        self.sheetSize = sheet
        self.figureSize = figureSize
        self.scale = s
        self.origin = PagePoint((sheet.width - figureSize.width * s) / 2, Paper.marginMm)
    }

    /// True when the figure fits at life size.
    public var isLifeSize: Bool { scale >= 1 }

    /// Body centimetres per centimetre on the sheet ("2.33").
    public var bodyCentimetresPerSheetCentimetre: Double { 1 / scale }
}
