/// A similarity of the plane: uniform scaling and rotation about the origin, then a
/// translation, millimetres. No reflection.
///
/// ```
/// x' = s·(x·cos θ − z·sin θ) + tx
/// z' = s·(x·sin θ + z·cos θ) + tz
/// ```
///
/// It keeps shapes: angles are preserved and every length is multiplied by ``scale``.
/// Invariant: none for a value made by hand (a zero scale collapses the plane, a negative one
/// adds a half turn); ``fit(_:)`` gives a finite ``scale`` ≥ 0 and a ``rotationRadians`` in
/// (−π, π].
public struct SimilarityTransform: Hashable, Sendable, PlanarWarp {
    /// Uniform scale factor, dimensionless (image length ÷ reference length).
    public var scale: Double
    /// Rotation, radians, counter-clockwise with z up (x turns toward z).
    public var rotationRadians: Double
    /// Translation applied after scaling and rotating, millimetres.
    public var translation: Vector

    public init(scale: Double = 1, rotationRadians: Double = 0, translation: Vector = .zero) {
        self.scale = scale
        self.rotationRadians = rotationRadians
        self.translation = translation
    }

    public static let identity = SimilarityTransform()

    /// The same map as an ``AffineMap``.
    public var asAffine: AffineMap {
        let sc = scale * cosine(rotationRadians), ss = scale * sine(rotationRadians)
        return AffineMap(a: sc, b: -ss, c: ss, d: sc, tx: translation.dx, tz: translation.dz)
    }

    public func apply(_ p: Point) -> Point { asAffine.apply(p) }

    /// The image of a displacement (translation does not act on it), millimetres.
    public func apply(_ v: Vector) -> Vector { asAffine.apply(v) }

    /// `|scale|`, the same everywhere.
    public func localScale(at p: Point) -> Double { abs(scale) }

    /// The inverse map, or `nil` when ``scale`` is zero or anything is not finite.
    public var inverted: SimilarityTransform? {
        guard scale != 0, scale.isFinite, rotationRadians.isFinite,
              translation.dx.isFinite, translation.dz.isFinite else { return nil }
        let inverse = SimilarityTransform(scale: 1 / scale, rotationRadians: -rotationRadians)
        let back = inverse.apply(translation)
        let result = SimilarityTransform(scale: inverse.scale, rotationRadians: inverse.rotationRadians,
                                         translation: -back)
        return result.scale.isFinite && back.dx.isFinite && back.dz.isFinite ? result : nil
    }
}
