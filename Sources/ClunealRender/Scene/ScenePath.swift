import BodyGeometry

/// One connected run of points; closed subpaths join their last point to the first.
///
/// Each point says which frame it is in, so a path may even run from a body point to a page
/// point (a leader from a structure to a legend entry). A smooth subpath is the curve through
/// its points built by ``SmoothCurve`` (cubic Béziers in the SVG, the same curve flattened in
/// the raster); otherwise the points are joined by straight lines.
public struct Subpath: Hashable, Sendable {
    public var points: [ScenePosition]
    public var isClosed: Bool
    public var isSmooth: Bool

    public init(points: [ScenePosition], closed: Bool, smooth: Bool = false) {
        self.points = points
        self.isClosed = closed
        self.isSmooth = smooth
    }

    public init(body points: [Point], closed: Bool, smooth: Bool = false) {
        self.init(points: points.map(ScenePosition.body), closed: closed, smooth: smooth)
    }

    public init(page points: [PagePoint], closed: Bool) {
        self.init(points: points.map(ScenePosition.page), closed: closed)
    }
}

/// A path: any number of subpaths filled together under one fill rule.
public struct ScenePath: Hashable, Sendable {
    public var subpaths: [Subpath]
    public var fillRule: FillRule

    public init(_ subpaths: [Subpath], fillRule: FillRule = .nonZero) {
        self.subpaths = subpaths
        self.fillRule = fillRule
    }

    /// A closed body outline.
    public init(polygon: Polygon, fillRule: FillRule = .nonZero) {
        self.init([Subpath(body: polygon.points, closed: true)], fillRule: fillRule)
    }

    /// Several closed body outlines, filled together (holes by even-odd or by opposite winding).
    public init(polygons: [Polygon], fillRule: FillRule = .evenOdd) {
        self.init(polygons.map { Subpath(body: $0.points, closed: true) }, fillRule: fillRule)
    }

    /// An open body chain (straight pieces, or the smooth curve through its points).
    public init(polyline: Polyline, smooth: Bool = false) {
        self.init([Subpath(body: polyline.points, closed: false, smooth: smooth)])
    }

    /// A closed body outline drawn as the smooth curve through its vertices.
    public init(smoothPolygon polygon: Polygon, fillRule: FillRule = .nonZero) {
        self.init([Subpath(body: polygon.points, closed: true, smooth: true)], fillRule: fillRule)
    }

    /// A rectangle on the page.
    public init(pageRect r: PageRect) {
        self.init([Subpath(page: [PagePoint(r.minX, r.minY), PagePoint(r.maxX, r.minY),
                                  PagePoint(r.maxX, r.maxY), PagePoint(r.minX, r.maxY)], closed: true)])
    }

    /// A straight line on the page.
    public static func pageLine(from a: PagePoint, to b: PagePoint) -> ScenePath {
        ScenePath([Subpath(page: [a, b], closed: false)])
    }

    var isFinite: Bool { subpaths.allSatisfy { $0.points.allSatisfy(\.isFinite) } }
}
