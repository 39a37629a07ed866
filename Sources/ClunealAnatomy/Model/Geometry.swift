import BodyGeometry

/// The validated geometry of one atlas item, millimetres in the body frame.
public enum Geometry: Hashable, Sendable {
    case point(Point)
    case polyline(Polyline)
    case polygon(Polygon)
    case ribbon(Ribbon)

    /// Every defining point, in order.
    public var points: [Point] {
        switch self {
        case .point(let p): [p]
        case .polyline(let l): l.points
        case .polygon(let g): g.points
        case .ribbon(let r): r.centreline.points
        }
    }

    /// Distance from `p` to the item (0 inside a polygon or ribbon), millimetres.
    public func distance(to p: Point) -> Double {
        switch self {
        case .point(let q): q.distance(to: p)
        case .polyline(let l): l.distance(to: p)
        case .polygon(let g): g.distance(to: p)
        case .ribbon(let r): r.distance(to: p)
        }
    }

    /// The geometry mirrored to the other side (x → −x).
    public var mirrored: Geometry {
        // Mirroring keeps lengths and areas, so the failable inits cannot fail; fall back to self.
        mapped({ $0.mirrored }, widthScale: { _ in 1 }) ?? self
    }

    /// The geometry with every point passed through `transform`; widths are scaled by
    /// `widthScale` evaluated at each centreline point. `nil` if the result degenerates.
    public func mapped(_ transform: (Point) -> Point, widthScale: (Point) -> Double) -> Geometry? {
        switch self {
        case .point(let p):
            let q = transform(p)
            return q.isFinite ? .point(q) : nil
        case .polyline(let l):
            return l.mapped(transform).map(Geometry.polyline)
        case .polygon(let g):
            return g.mapped(transform).map(Geometry.polygon)
        case .ribbon(let r):
            guard let line = r.centreline.mapped(transform) else { return nil }
            let widths = zip(r.centreline.points, r.widths).map { $1 * widthScale($0) }
            return Ribbon(centreline: line, widths: widths).map(Geometry.ribbon)
        }
    }

    /// The geometry of an item of `laterality` on `side` (written for the left, mirrored to the
    /// right), or `nil` if the item does not exist on that side.
    public func placed(laterality: Laterality, side: Side) -> Geometry? {
        switch laterality {
        case .midline: self
        case .bilateral: side == .left ? self : mirrored
        case .left: side == .left ? self : nil
        case .right: side == .right ? self : nil
        }
    }

    /// The polyline this geometry runs along, for items used as curves.
    public var asPolyline: Polyline? {
        switch self {
        case .polyline(let l): l
        case .ribbon(let r): r.centreline
        case .point, .polygon: nil
        }
    }

    public var asPoint: Point? {
        if case .point(let p) = self { return p }
        return nil
    }

    /// A short word for messages and listings.
    public var kindName: String {
        switch self {
        case .point: "point"
        case .polyline: "polyline"
        case .polygon: "polygon"
        case .ribbon: "ribbon"
        }
    }
}
