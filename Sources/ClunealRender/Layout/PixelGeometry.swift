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

    /// The shortest distance from the rectangle to a chain of points (a single point, an open
    /// polyline), pixels; 0 when they touch. Infinite for an empty chain.
    public func distance(to chain: [PixelPoint]) -> Float {
        guard let first = chain.first else { return .infinity }
        var best = first.distance(to: nearestPoint(to: first))
        for (a, b) in zip(chain, chain.dropFirst()) {
            best = Swift.min(best, distance(toSegmentFrom: a, to: b))
            if best == 0 { return 0 }
        }
        return best
    }

    private func distance(toSegmentFrom a: PixelPoint, to b: PixelPoint) -> Float {
        // Zero when the segment enters the box; else the nearest of the segment's ends to the
        // box and the box's corners to the segment.
        if contains(a) || contains(b) { return 0 }
        let corners = [PixelPoint(minX, minY), PixelPoint(maxX, minY), PixelPoint(maxX, maxY), PixelPoint(minX, maxY)]
        func cross(_ o: PixelPoint, _ p: PixelPoint, _ q: PixelPoint) -> Float { (p.x - o.x) * (q.y - o.y) - (p.y - o.y) * (q.x - o.x) }
        for (c, d) in zip(corners, corners.dropFirst() + [corners[0]]) {
            let d1 = cross(a, b, c), d2 = cross(a, b, d), d3 = cross(c, d, a), d4 = cross(c, d, b)
            if (d1 > 0) != (d2 > 0), (d3 > 0) != (d4 > 0) { return 0 }
        }
        var best = Swift.min(a.distance(to: nearestPoint(to: a)), b.distance(to: nearestPoint(to: b)))
        let dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy
        for c in corners where len2 > 0 {
            let t = Swift.min(1, Swift.max(0, ((c.x - a.x) * dx + (c.y - a.y) * dy) / len2))
            best = Swift.min(best, c.distance(to: PixelPoint(a.x + t * dx, a.y + t * dy)))
        }
        return best
    }
}

/// A straight line between two pixel points (leader lines).
public struct PixelSegment: Hashable, Sendable {
    public var start: PixelPoint
    public var end: PixelPoint
    public init(_ start: PixelPoint, _ end: PixelPoint) { self.start = start; self.end = end }
    public var length: Float { start.distance(to: end) }
}
