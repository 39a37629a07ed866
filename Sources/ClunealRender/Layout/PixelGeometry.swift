/// A point on the raster, pixels, origin at the top-left corner of the top-left pixel, y down.
///
/// A different type from body ``BodyGeometry/Point`` and ``PagePoint`` (millimetres) so the
/// two can never be mixed; ``MapTransform`` is the only bridge.
public struct PixelPoint: Hashable, Sendable {
    public var x: Float
    public var y: Float
    public init(x: Float, y: Float) { self.x = x; self.y = y }
    public init(_ x: Float, _ y: Float) { self.init(x: x, y: y) }
    public var isFinite: Bool { x.isFinite && y.isFinite }

    public func distance(to other: PixelPoint) -> Float {
        let dx = other.x - x, dy = other.y - y
        return (dx * dx + dy * dy).squareRoot()
    }
}

/// A size in pixels.
public struct PixelSize: Hashable, Sendable {
    public var width: Float
    public var height: Float
    public init(width: Float, height: Float) { self.width = width; self.height = height }
}

/// An axis-aligned rectangle in pixels (y down).
public struct PixelRect: Hashable, Sendable {
    public var x: Float
    public var y: Float
    public var width: Float
    public var height: Float

    public init(x: Float, y: Float, width: Float, height: Float) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }

    public init(origin: PixelPoint, size: PixelSize) {
        self.init(x: origin.x, y: origin.y, width: size.width, height: size.height)
    }

    public var minX: Float { x }
    public var minY: Float { y }
    public var maxX: Float { x + width }
    public var maxY: Float { y + height }
    public var centre: PixelPoint { PixelPoint(x + width / 2, y + height / 2) }

    /// True when the rectangles share interior area (touching edges do not count).
    public func intersects(_ other: PixelRect) -> Bool {
        minX < other.maxX && other.minX < maxX && minY < other.maxY && other.minY < maxY
    }

    /// True when `other` lies entirely inside (edges may touch).
    public func contains(_ other: PixelRect) -> Bool {
        other.minX >= minX && other.maxX <= maxX && other.minY >= minY && other.maxY <= maxY
    }

    public func contains(_ p: PixelPoint) -> Bool {
        p.x >= minX && p.x <= maxX && p.y >= minY && p.y <= maxY
    }

    /// Grown by `d` on every side (shrunk for negative `d`).
    public func outset(by d: Float) -> PixelRect {
        PixelRect(x: x - d, y: y - d, width: width + 2 * d, height: height + 2 * d)
    }

    /// The point of the rectangle (boundary or inside) nearest to `p`.
    public func nearestPoint(to p: PixelPoint) -> PixelPoint {
        PixelPoint(Swift.min(Swift.max(p.x, minX), maxX), Swift.min(Swift.max(p.y, minY), maxY))
    }
}

/// A straight line between two pixel points (leader lines).
public struct PixelSegment: Hashable, Sendable {
    public var start: PixelPoint
    public var end: PixelPoint
    public init(_ start: PixelPoint, _ end: PixelPoint) { self.start = start; self.end = end }
    public var length: Float { start.distance(to: end) }
}
