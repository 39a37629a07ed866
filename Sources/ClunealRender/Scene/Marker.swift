/// The symbol a ``Marker`` draws.
public enum MarkerShape: String, Hashable, Sendable, CaseIterable {
    case dot, ring, square, diamond, triangle, cross, plus
    /// A ring with a dot in the middle (a bull's eye).
    case target
}

/// A symbol of fixed page size centred on a position (a site, a point of interest).
public struct Marker: Hashable, Sendable {
    public var position: ScenePosition
    public var shape: MarkerShape
    /// Overall diameter, page millimetres.
    public var sizeMm: Double
    public var style: Style

    public init(at position: ScenePosition, shape: MarkerShape, sizeMm: Double, style: Style) {
        self.position = position
        self.shape = shape
        self.sizeMm = sizeMm
        self.style = style
    }

    /// For the round shapes, the circles they are made of: radii as fractions of half the size,
    /// outermost first, each wound opposite to the one outside it (so a ring has a hole and a
    /// target a dot in its hole) under the non-zero rule. `nil` for the other shapes.
    var concentricCircles: [Double]? {
        switch shape {
        case .dot: [1]
        case .ring: [1, 0.55]
        case .target: [1, 0.7, 0.3]
        default: nil
        }
    }

    /// The symbol as page-space geometry centred on `centre`: every writer draws this (the PDF
    /// draws the ``concentricCircles`` as true arcs), so the outputs agree.
    func path(centredAt c: PagePoint) -> ScenePath {
        let r = sizeMm / 2
        func poly(_ pts: [(Double, Double)]) -> Subpath {
            Subpath(page: pts.map { PagePoint(c.x + $0.0 * r, c.y + $0.1 * r) }, closed: true)
        }
        func circle(_ radius: Double, reversed: Bool = false) -> Subpath {
            let n = 48
            var pts = (0..<n).map { i -> PagePoint in
                let t = Double(i) / Double(n) * 2 * Double.pi
                return PagePoint(c.x + radius * cos(t), c.y + radius * sin(t))
            }
            if reversed { pts.reverse() }
            return Subpath(page: pts, closed: true)
        }
        if let circles = concentricCircles {
            return ScenePath(circles.enumerated().map { circle(r * $0.element, reversed: $0.offset % 2 == 1) }, fillRule: .nonZero)
        }
        switch shape {
        case .dot, .ring, .target:
            return ScenePath([])
        case .square:
            return ScenePath([poly([(-0.8, -0.8), (0.8, -0.8), (0.8, 0.8), (-0.8, 0.8)])])
        case .diamond:
            return ScenePath([poly([(0, -1), (1, 0), (0, 1), (-1, 0)])])
        case .triangle:
            return ScenePath([poly([(0, -1), (0.866, 0.5), (-0.866, 0.5)])])
        case .cross:
            let k = 0.7071
            return ScenePath([Subpath(page: [PagePoint(c.x - k * r, c.y - k * r), PagePoint(c.x + k * r, c.y + k * r)], closed: false),
                              Subpath(page: [PagePoint(c.x - k * r, c.y + k * r), PagePoint(c.x + k * r, c.y - k * r)], closed: false)])
        case .plus:
            return ScenePath([Subpath(page: [PagePoint(c.x - r, c.y), PagePoint(c.x + r, c.y)], closed: false),
                              Subpath(page: [PagePoint(c.x, c.y - r), PagePoint(c.x, c.y + r)], closed: false)])
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
