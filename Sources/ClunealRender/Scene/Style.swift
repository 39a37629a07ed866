/// How two stroked segments meet at a corner.
public enum LineJoin: String, Hashable, Sendable, CaseIterable {
    /// Sharp corner, cut to a bevel when longer than the miter limit.
    case miter
    case round
    case bevel
}

/// How an open stroke ends.
public enum LineCap: String, Hashable, Sendable, CaseIterable {
    /// Ends exactly at the end point.
    case butt
    /// A half disc of the stroke's half width beyond the end point.
    case round
    /// A half square of the stroke's half width beyond the end point.
    case square
}

/// On/off lengths along a stroke, millimetres (page), with SVG semantics: an odd list is
/// repeated to make it even; `offset` shifts the pattern's start along the path.
public struct DashPattern: Hashable, Sendable {
    public let lengthsMm: [Double]
    public let offsetMm: Double

    /// Fails when a length is negative or not finite, or when all lengths are zero.
    public init?(_ lengthsMm: [Double], offsetMm: Double = 0) {
        guard !lengthsMm.isEmpty, offsetMm.isFinite,
              lengthsMm.allSatisfy({ $0.isFinite && $0 >= 0 }),
              lengthsMm.reduce(0, +) > 0 else { return nil }
        self.lengthsMm = lengthsMm.count % 2 == 1 ? lengthsMm + lengthsMm : lengthsMm
        self.offsetMm = offsetMm
    }
}

/// The outline of a shape: colour, width (page millimetres), joins, caps and dashes.
public struct StrokeStyle: Hashable, Sendable {
    public var color: Color
    /// Multiplies the colour's alpha (0...1).
    public var opacity: Double
    /// Full stroke width, page millimetres.
    public var widthMm: Double
    public var join: LineJoin
    public var cap: LineCap
    /// Longest miter allowed, as a multiple of the stroke width (SVG `stroke-miterlimit`, ≥ 1).
    public var miterLimit: Double
    public var dash: DashPattern?

    public init(color: Color, widthMm: Double, opacity: Double = 1, join: LineJoin = .round,
                cap: LineCap = .round, miterLimit: Double = 4, dash: DashPattern? = nil) {
        self.color = color
        self.opacity = opacity
        self.widthMm = widthMm
        self.join = join
        self.cap = cap
        self.miterLimit = miterLimit
        self.dash = dash
    }

    /// The colour with ``opacity`` folded into its alpha.
    public var effectiveColor: Color { color.multipliedAlpha(opacity) }
}

/// Paint for a shape: an optional fill and an optional stroke (drawn after the fill).
public struct Style: Hashable, Sendable {
    public var fill: Color?
    /// Multiplies the fill colour's alpha (0...1).
    public var fillOpacity: Double
    public var stroke: StrokeStyle?

    public init(fill: Color? = nil, fillOpacity: Double = 1, stroke: StrokeStyle? = nil) {
        self.fill = fill
        self.fillOpacity = fillOpacity
        self.stroke = stroke
    }

    public static func fill(_ color: Color, opacity: Double = 1) -> Style {
        Style(fill: color, fillOpacity: opacity)
    }

    public static func stroke(_ color: Color, widthMm: Double, opacity: Double = 1, join: LineJoin = .round,
                              cap: LineCap = .round, dash: DashPattern? = nil) -> Style {
        Style(stroke: StrokeStyle(color: color, widthMm: widthMm, opacity: opacity, join: join, cap: cap, dash: dash))
    }

    /// The fill colour with ``fillOpacity`` folded into its alpha.
    public var effectiveFill: Color? { fill?.multipliedAlpha(fillOpacity) }

    func validate(id: String) throws(RenderError) {
        guard fillOpacity.isFinite, (0...1).contains(fillOpacity) else {
            throw .invalidItem(id: id, reason: "fill opacity \(fillOpacity) is not within 0...1")
        }
        if let stroke {
            guard stroke.widthMm.isFinite, stroke.widthMm >= 0 else {
                throw .invalidItem(id: id, reason: "stroke width \(stroke.widthMm) mm is not a finite, non-negative number")
            }
            guard stroke.opacity.isFinite, (0...1).contains(stroke.opacity) else {
                throw .invalidItem(id: id, reason: "stroke opacity \(stroke.opacity) is not within 0...1")
            }
            guard stroke.miterLimit.isFinite, stroke.miterLimit >= 1 else {
                throw .invalidItem(id: id, reason: "miter limit \(stroke.miterLimit) must be finite and at least 1")
            }
        }
    }
}
