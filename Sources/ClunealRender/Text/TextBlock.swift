/// The measured box of a (possibly multi-line) label at one pixel size.
///
/// Layout rule shared by the raster, the SVG writer and the label placer: the box is as wide
/// as the widest line and as tall as `ascent + descent + (lines − 1) × lineHeight`; line `i`'s
/// baseline is `ascent + i × lineHeight` below the box top; each line is aligned on its own
/// (start, middle or end) at the anchor's x.
public struct TextMetrics: Hashable, Sendable {
    /// Advance width of each line, pixels.
    public var lineWidths: [Float]
    public var ascent: Float
    public var descent: Float
    public var lineHeight: Float

    public var width: Float { lineWidths.max() ?? 0 }
    public var height: Float { ascent + descent + Float(Swift.max(0, lineWidths.count - 1)) * lineHeight }
    public var size: PixelSize { PixelSize(width: width, height: height) }

    /// The box's top-left corner for text anchored at `anchor` with `alignment`.
    public func boxOrigin(anchor: PixelPoint, alignment: TextAlignment) -> PixelPoint {
        let x: Float
        switch alignment.horizontal {
        case .start: x = anchor.x
        case .middle: x = anchor.x - width / 2
        case .end: x = anchor.x - width
        }
        let y: Float
        switch alignment.vertical {
        case .baseline: y = anchor.y - ascent
        case .top: y = anchor.y
        case .middle: y = anchor.y - height / 2
        case .bottom: y = anchor.y - height
        }
        return PixelPoint(x, y)
    }

    /// The start of line `i`'s baseline for text anchored at `anchor`.
    func lineOrigin(_ i: Int, anchor: PixelPoint, alignment: TextAlignment) -> PixelPoint {
        let box = boxOrigin(anchor: anchor, alignment: alignment)
        let w = lineWidths[i]
        let x: Float
        switch alignment.horizontal {
        case .start: x = anchor.x
        case .middle: x = anchor.x - w / 2
        case .end: x = anchor.x - w
        }
        return PixelPoint(x, box.y + ascent + Float(i) * lineHeight)
    }
}

extension FontFace {
    /// Measures `lines` at `sizePx`.
    func metrics(lines: [String], sizePx: Float) throws(RenderError) -> TextMetrics {
        var widths: [Float] = []
        for line in lines { widths.append(try advance(of: line, sizePx: sizePx)) }
        return TextMetrics(lineWidths: widths, ascent: ascentPerEm * sizePx, descent: descentPerEm * sizePx,
                           lineHeight: Float(TextLabel.lineSpacing) * sizePx)
    }

    /// Measures a label's text at `sizePx`.
    public func measure(_ text: String, sizePx: Float) throws(RenderError) -> TextMetrics {
        try metrics(lines: text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init), sizePx: sizePx)
    }
}

/// A label's box in page millimetres (for laying out legends and title blocks).
public struct TextExtent: Hashable, Sendable {
    public var lineWidthsMm: [Double]
    public var ascentMm: Double
    public var descentMm: Double
    public var lineHeightMm: Double
    public var widthMm: Double { lineWidthsMm.max() ?? 0 }
    public var heightMm: Double { ascentMm + descentMm + Double(Swift.max(0, lineWidthsMm.count - 1)) * lineHeightMm }
}

extension FontFace {
    /// Measures `text` (lines separated by `\n`) at `fontSizeMm`, in millimetres. Advances are
    /// unhinted, so the result does not depend on any render resolution.
    public func extent(of text: String, fontSizeMm: Double) throws(RenderError) -> TextExtent {
        guard fontSizeMm.isFinite, fontSizeMm > 0 else {
            throw .invalidItem(id: text, reason: "font size \(fontSizeMm) mm must be finite and positive")
        }
        // Measure at 100 px per mm (clamped by FreeType's size limit), then scale back.
        let scale = Swift.min(100, 4096 / fontSizeMm)
        let m = try measure(text, sizePx: Float(fontSizeMm * scale))
        return TextExtent(lineWidthsMm: m.lineWidths.map { Double($0) / scale }, ascentMm: Double(m.ascent) / scale,
                          descentMm: Double(m.descent) / scale, lineHeightMm: Double(m.lineHeight) / scale)
    }
}
