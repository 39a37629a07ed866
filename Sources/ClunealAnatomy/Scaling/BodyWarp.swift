import BodyGeometry

/// How the reference body is bent onto one person: a stature scaling about the origin,
/// then (when landmarks were measured) a fitted warp.
public struct BodyWarp: Sendable, PlanarWarp {
    /// The fitted part, applied after the stature scaling.
    public enum Fit: Sendable {
        case none
        case similarity(SimilarityTransform)
        case affine(AffineMap)
        case thinPlateSpline(ThinPlateSpline)
    }

    /// Uniform scaling about the origin by stature / reference stature (1 without a height).
    public var statureRatio: Double
    public var fit: Fit

    public init(statureRatio: Double = 1, fit: Fit = .none) {
        self.statureRatio = statureRatio
        self.fit = fit
    }

    public static let identity = BodyWarp()

    public func apply(_ p: Point) -> Point {
        let q = Point(p.x * statureRatio, p.z * statureRatio)
        switch fit {
        case .none: return q
        case .similarity(let s): return s.apply(q)
        case .affine(let a): return a.apply(q)
        case .thinPlateSpline(let t): return t.apply(q)
        }
    }

    public func localScale(at p: Point) -> Double {
        let q = Point(p.x * statureRatio, p.z * statureRatio)
        let fitted: Double
        switch fit {
        case .none: fitted = 1
        case .similarity(let s): fitted = s.localScale(at: q)
        case .affine(let a): fitted = a.localScale(at: q)
        case .thinPlateSpline(let t): fitted = t.localScale(at: q)
        }
        return statureRatio * fitted
    }
}
