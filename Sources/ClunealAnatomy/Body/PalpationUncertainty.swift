import BodyGeometry

/// How exactly a tender point is known when it was found with fingers and placed with a tape
/// from palpated landmarks: one SD of its error along each body axis, millimetres on the person.
///
/// Scores add it in quadrature to each zone's anatomical spread (``PlacedZone/spread(adding:)``),
/// so a point one palpation error from a zone is not called atypical because a cadaver series
/// happened to be tight. Zero gives anatomy-only scores. The default comes from the atlas
/// (`reference.palpationErrorMillimetres`, with its sources and derivation).
///
/// Invariant: both SDs finite and within ``range``.
public struct PalpationUncertainty: Hashable, Sendable {
    /// One SD across (body x), millimetres.
    public let lateralMillimetres: Double
    /// One SD up and down (body z), millimetres.
    public let verticalMillimetres: Double

    /// The values a user or an atlas may give, millimetres.
    public static let range: ClosedRange<Double> = 0...50

    /// Anatomy-only: the zones' own spreads, as if the point were exact.
    public static let anatomyOnly = PalpationUncertainty(uncheckedLateral: 0, vertical: 0)

    /// The same SD on both axes; `nil` outside ``range`` or not finite.
    public init?(millimetres: Double) {
        self.init(lateral: millimetres, vertical: millimetres)
    }

    /// `nil` when either SD is outside ``range`` or not finite.
    public init?(lateral: Double, vertical: Double) {
        guard lateral.isFinite, vertical.isFinite, Self.range.contains(lateral), Self.range.contains(vertical) else { return nil }
        self.init(uncheckedLateral: lateral, vertical: vertical)
    }

    private init(uncheckedLateral lateral: Double, vertical: Double) {
        lateralMillimetres = lateral
        verticalMillimetres = vertical
    }

    /// The atlas's default (its `reference.palpationErrorMillimetres`), or anatomy-only when the
    /// atlas gives none.
    public static func atlasDefault(_ atlas: Atlas) -> PalpationUncertainty {
        atlas.document.reference.palpationErrorMillimetres.flatMap { PalpationUncertainty(millimetres: $0.value) } ?? .anatomyOnly
    }

    /// True when both SDs are zero.
    public var isAnatomyOnly: Bool { lateralMillimetres == 0 && verticalMillimetres == 0 }

    /// "10 mm per axis", "anatomy only (0 mm)", "8 mm across, 12 mm vertically".
    public var summary: String {
        if isAnatomyOnly { return "0 mm (anatomy-only scores)" }
        func mm(_ v: Double) -> String { LengthUnit.fixed(v, v.rounded() == v ? 0 : 1) + " mm" }
        if lateralMillimetres == verticalMillimetres { return "\(mm(lateralMillimetres)) per axis" }
        return "\(mm(lateralMillimetres)) across, \(mm(verticalMillimetres)) vertically"
    }
}

/// A symmetric 2 × 2 covariance in body axes (x, z), square millimetres.
public struct Spread2D: Hashable, Sendable {
    public let xx: Double
    public let xz: Double
    public let zz: Double

    public init(xx: Double, xz: Double, zz: Double) {
        self.xx = xx
        self.xz = xz
        self.zz = zz
    }

    public var determinant: Double { xx * zz - xz * xz }

    /// Rows of the inverse (`q` with score² = qxx·dx² + 2·qxz·dx·dz + qzz·dz²), or `nil` when
    /// the spread is degenerate.
    public var inverse: (qxx: Double, qxz: Double, qzz: Double)? {
        let det = determinant
        guard det > 1e-12, det.isFinite else { return nil }
        return (zz / det, -xz / det, xx / det)
    }

    /// The Mahalanobis distance of the offset `d`; infinite when degenerate.
    public func standardScore(of d: Vector) -> Double {
        guard let q = inverse else { return .infinity }
        let s = q.qxx * d.dx * d.dx + 2 * q.qxz * d.dx * d.dz + q.qzz * d.dz * d.dz
        return Swift.max(0, s).squareRoot()
    }

    /// The lower-triangular square root (Cholesky factor) as its two columns: the body
    /// displacements for one SD along two conjugate axes. `nil` when degenerate.
    public var conjugateSteps: (Vector, Vector)? {
        guard xx > 0 else { return nil }
        let c11 = xx.squareRoot()
        let c21 = xz / c11
        let rest = zz - c21 * c21
        guard rest > 0 else { return nil }
        return (Vector(c11, c21), Vector(0, rest.squareRoot()))
    }
}
