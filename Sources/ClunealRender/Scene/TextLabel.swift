/// Regular or bold DejaVu Sans.
public enum FontWeight: String, Hashable, Sendable, CaseIterable {
    case regular
    case bold
}

/// Where the anchor sits relative to the text.
public struct TextAlignment: Hashable, Sendable {
    public enum Horizontal: String, Hashable, Sendable { case start, middle, end }
    public enum Vertical: String, Hashable, Sendable {
        /// The anchor is on the first line's baseline.
        case baseline
        /// The anchor is at the top of the text box (first line's ascent).
        case top
        /// The anchor is at the middle of the text box.
        case middle
        /// The anchor is at the bottom of the text box (last line's descent).
        case bottom
    }

    public var horizontal: Horizontal
    public var vertical: Vertical

    public init(_ horizontal: Horizontal = .start, _ vertical: Vertical = .baseline) {
        self.horizontal = horizontal
        self.vertical = vertical
    }

    public static let start = TextAlignment(.start, .baseline)
    public static let centred = TextAlignment(.middle, .middle)
    public static let topLeft = TextAlignment(.start, .top)
}

/// A contrasting outline drawn beneath text so it stays legible over a busy map.
public struct Halo: Hashable, Sendable {
    public var color: Color
    /// How far the halo reaches beyond the glyph edges, page millimetres.
    public var widthMm: Double
    public init(color: Color = .white, widthMm: Double = 0.4) {
        self.color = color
        self.widthMm = widthMm
    }
}

/// How a label finds its place.
public enum LabelPlacement: Hashable, Sendable {
    /// The text sits at its anchor, aligned by ``TextLabel/alignment``.
    case fixed
    /// The label placer picks a spot around the anchor that overlaps no other label and stays
    /// on the page; a leader line is drawn when the label ends up away from the anchor. A label
    /// that fits nowhere is dropped and reported, never drawn over another.
    case automatic(AutomaticPlacement)
}

public struct AutomaticPlacement: Hashable, Sendable {
    /// Higher priorities are placed first (and so get the best spots).
    public var priority: Int
    /// Distance between the anchor and the nearest label corner or edge at the first ring,
    /// page millimetres.
    public var gapMm: Double
    /// The leader line's style when displaced; `nil` draws none.
    public var leader: StrokeStyle?
    /// The item the label names, as a chain of points (one point for a point item). When set,
    /// the label must lie nearer to it than to any of `rivals`, and its leader always runs from
    /// the label to the anchor, which should lie on the item.
    public var target: [ScenePosition]
    /// Other items of the same kind (the neighbouring branches, zones or structures) that the
    /// label must not sit nearer to than to its own.
    public var rivals: [[ScenePosition]]

    public init(priority: Int = 0, gapMm: Double = 1.2, leader: StrokeStyle? = StrokeStyle(color: Color(rgb: 0x404040), widthMm: 0.2),
                target: [ScenePosition] = [], rivals: [[ScenePosition]] = []) {
        self.priority = priority
        self.gapMm = gapMm
        self.leader = leader
        self.target = target
        self.rivals = rivals
    }

    /// True when the label must be tied to its item (a target is given).
    public var isTied: Bool { !target.isEmpty }
}

/// A text label. Multiple lines are separated by `\n`.
public struct TextLabel: Hashable, Sendable {
    public var text: String
    public var anchor: ScenePosition
    /// Font size (the em), page millimetres.
    public var fontSizeMm: Double
    public var color: Color
    public var weight: FontWeight
    public var halo: Halo?
    public var alignment: TextAlignment
    public var placement: LabelPlacement

    public init(_ text: String, at anchor: ScenePosition, fontSizeMm: Double, color: Color = .black,
                weight: FontWeight = .regular, halo: Halo? = Halo(), alignment: TextAlignment = .start,
                placement: LabelPlacement = .fixed) {
        self.text = text
        self.anchor = anchor
        self.fontSizeMm = fontSizeMm
        self.color = color
        self.weight = weight
        self.halo = halo
        self.alignment = alignment
        self.placement = placement
    }

    /// Line height as a multiple of the font size.
    public static let lineSpacing = 1.2

    var lines: [String] { text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
}

extension TextLabel {
    /// The label as a fixed one: an automatic label not resolved by the placer sits at its
    /// first candidate spot (north-east of its anchor, by its gap), as the vector writers draw it.
    func fixedAtFirstCandidate(layout: PageLayout) -> TextLabel {
        guard case .automatic(let auto) = placement else { return self }
        var label = self
        let p = layout.pagePoint(anchor)
        let d = auto.gapMm * 0.70710678
        label.anchor = .page(PagePoint(p.x + d, p.y - d))
        label.alignment = TextAlignment(.start, .bottom)
        label.placement = .fixed
        return label
    }

    /// The page y of each line's baseline for a fixed label, with font ascent and descent given
    /// per em (the layout rule of ``TextMetrics``).
    func baselines(layout: PageLayout, ascentPerEm: Double, descentPerEm: Double) -> [Double] {
        let anchor = layout.pagePoint(self.anchor)
        let ascent = ascentPerEm * fontSizeMm, descent = descentPerEm * fontSizeMm
        let lineHeight = Self.lineSpacing * fontSizeMm
        let count = lines.count
        let height = ascent + descent + Double(count - 1) * lineHeight
        let top: Double
        switch alignment.vertical {
        case .baseline: top = anchor.y - ascent
        case .top: top = anchor.y
        case .middle: top = anchor.y - height / 2
        case .bottom: top = anchor.y - height
        }
        return (0..<count).map { top + ascent + Double($0) * lineHeight }
    }
}
