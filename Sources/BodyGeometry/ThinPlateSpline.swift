/// A thin-plate spline warp fitted to landmark pairs, millimetres.
///
/// The map is an affine part plus a radial term for each landmark,
///
/// ```
/// f(p) = affinePart(p) + Σᵢ weightsᵢ · U(|p − referenceᵢ|),   U(r) = r² log r  (U(0) = 0),
/// ```
///
/// with `r` in millimetres and the weights satisfying Σ wᵢ = 0 and Σ wᵢ ⊗ referenceᵢ = 0.
/// Of all maps that fit the landmarks it is the one with the least bending energy, so it is
/// smooth, and it is affine wherever the landmarks say the body is affine.
///
/// With ``regularization`` λ = 0 it interpolates: `f(referenceᵢ) = targetᵢ`. With λ > 0
/// (mm², the units of U) it solves `(K + λI)·w + P·a = target` instead, so
/// `f(referenceᵢ) = targetᵢ − λ·wᵢ`: it trades exactness at the landmarks for less bending.
/// As λ → ∞ it tends to the least-squares affine fit; λ = +∞ gives exactly that.
///
/// The fit is solved in a normalised frame (reference centroid at the origin, root-mean-square
/// radius 1), which keeps the linear system well scaled whatever the units; the map and the
/// decomposition above are the same as solving in millimetres directly.
///
/// Invariant: at least 4 landmarks with finite coordinates, distinct and not collinear
/// reference points, finite coefficients.
public struct ThinPlateSpline: Hashable, Sendable, PlanarWarp {
    /// The landmark pairs the spline was fitted to, millimetres.
    public let pairs: [LandmarkPair]
    /// The regularisation λ actually used, mm² (≥ 0; +∞ for a pure affine fit).
    public let regularization: Double

    /// Reference centroid, millimetres: the origin of the normalised frame.
    private let centre: Point
    /// Root-mean-square distance of the references from ``centre``, millimetres: the unit of
    /// the normalised frame.
    private let unit: Double
    /// Reference points in the normalised frame.
    private let normalizedReferences: [Point]
    /// Kernel weights for U measured in the normalised frame (millimetres of output).
    private let normalizedWeights: [Vector]
    /// The affine part as a map from the normalised frame to millimetres.
    private let normalizedAffine: AffineMap

    /// Fits the spline.
    ///
    /// - Parameters:
    ///   - pairs: at least 4 landmark pairs, millimetres.
    ///   - regularization: λ ≥ 0, mm² (see the type's documentation). A negative or NaN
    ///     value is replaced by 0.
    /// - Throws, checking in this order:
    ///   - ``GeometryError/tooFewPairs(needed:got:)`` for fewer than 4 pairs;
    ///   - ``GeometryError/nonFinite(index:)`` for a NaN or infinite coordinate;
    ///   - ``GeometryError/duplicateLandmark(first:second:)`` for two reference points within
    ///     ``Tolerance/length`` of each other;
    ///   - ``GeometryError/collinear`` when the reference points lie on one line (same
    ///     tolerance as ``AffineMap/fit(_:)``);
    ///   - ``GeometryError/singular`` when the linear system is numerically singular or the
    ///     arithmetic overflows.
    public init(pairs: [LandmarkPair], regularization: Double = 0) throws(GeometryError) {
        try pairs.validate(minimumCount: 4)
        if let duplicate = pairs.firstDuplicateReference() {
            throw .duplicateLandmark(first: duplicate.first, second: duplicate.second)
        }
        guard let from = PointMoments(pairs.references), let to = PointMoments(pairs.targets)
        else { throw .tooFewPairs(needed: 4, got: pairs.count) }
        guard !from.isCollinear else { throw .collinear }

        let n = pairs.count
        let centre = from.centroid
        let unit = ((from.sxx + from.szz) / Double(n)).squareRoot()
        guard unit > 0, unit.isFinite else { throw .singular }
        let references = pairs.map { Point(($0.reference.x - centre.x) / unit, ($0.reference.z - centre.z) / unit) }

        // λ in the normalised frame is λ / unit². For λ ≥ 1 there, the kernel block is divided
        // by λ (and the weights multiplied back afterwards) so the saddle-point system keeps
        // entries of order 1; an infinite λ then leaves [[I, P], [Pᵀ, 0]], the affine fit.
        let lambda = regularization >= 0 ? regularization : 0
        let lambdaN = lambda == 0 ? 0 : lambda / (unit * unit)
        let divisor = Swift.max(1, lambdaN)
        let diagonal = lambdaN >= 1 ? 1 : lambdaN

        guard var system = DenseLinearSystem(size: n + 3, rightHandSideCount: 2) else {
            throw .singular
        }
        for i in 0..<n {
            for j in 0..<n {
                let u = Self.kernel(squaredRadius: (references[i] - references[j]).lengthSquared)
                system[i, j] = u / divisor + (i == j ? diagonal : 0)
            }
            let q = references[i]
            for (k, value) in [1, q.x, q.z].enumerated() {
                system[i, n + k] = value
                system[n + k, i] = value
            }
            let target = pairs[i].target - to.centroid
            system[rightHandSide: i, 0] = target.dx
            system[rightHandSide: i, 1] = target.dz
        }
        let solution = try system.solve()
        let sx = solution[0], sz = solution[1]

        self.pairs = pairs
        self.regularization = lambda
        self.centre = centre
        self.unit = unit
        self.normalizedReferences = references
        self.normalizedWeights = (0..<n).map { Vector(sx[$0] / divisor, sz[$0] / divisor) }
        self.normalizedAffine = AffineMap(
            a: sx[n + 1], b: sx[n + 2], c: sz[n + 1], d: sz[n + 2],
            tx: sx[n] + to.centroid.x, tz: sz[n] + to.centroid.z)
        let coefficients = [normalizedAffine.a, normalizedAffine.b, normalizedAffine.c,
                            normalizedAffine.d, normalizedAffine.tx, normalizedAffine.tz]
        guard coefficients.allSatisfy(\.isFinite),
              normalizedWeights.allSatisfy({ $0.dx.isFinite && $0.dz.isFinite })
        else { throw .singular }
    }

    /// The kernel U(r) = r² log r, written in r² to avoid a square root: ½ r² log r².
    /// U(0) = 0 (its limit).
    static func kernel(squaredRadius r2: Double) -> Double {
        r2 > 0 ? 0.5 * r2 * naturalLogarithm(r2) : 0
    }

    /// `p` in the normalised frame.
    private func normalized(_ p: Point) -> Point {
        Point((p.x - centre.x) / unit, (p.z - centre.z) / unit)
    }

    public func apply(_ p: Point) -> Point {
        let q = normalized(p)
        var sumX = 0.0, sumZ = 0.0
        for (reference, weight) in zip(normalizedReferences, normalizedWeights) {
            let u = Self.kernel(squaredRadius: (q - reference).lengthSquared)
            sumX += weight.dx * u
            sumZ += weight.dz * u
        }
        let affine = normalizedAffine.apply(q)
        return Point(affine.x + sumX, affine.z + sumZ)
    }

    /// The first-order approximation of the warp at `p`: the affine map with the same value
    /// and the same Jacobian (derivative) there. Its linear part is the analytic Jacobian,
    /// dimensionless.
    public func linearization(at p: Point) -> AffineMap {
        let linear = jacobian(at: p)
        let image = apply(p), moved = linear.apply(p)
        return AffineMap(a: linear.a, b: linear.b, c: linear.c, d: linear.d,
                               tx: image.x - moved.x, tz: image.z - moved.z)
    }

    /// The analytic Jacobian at `p` as a linear map (no translation), dimensionless.
    private func jacobian(at p: Point) -> AffineMap {
        let q = normalized(p)
        // ∇U = (2 log r + 1)(q − qᵢ) = (log r² + 1)(q − qᵢ), and 0 at r = 0.
        var jxx = normalizedAffine.a, jxz = normalizedAffine.b
        var jzx = normalizedAffine.c, jzz = normalizedAffine.d
        for (reference, weight) in zip(normalizedReferences, normalizedWeights) {
            let d = q - reference
            let r2 = d.lengthSquared
            guard r2 > 0 else { continue }
            let g = naturalLogarithm(r2) + 1
            jxx += weight.dx * g * d.dx; jxz += weight.dx * g * d.dz
            jzx += weight.dz * g * d.dx; jzz += weight.dz * g * d.dz
        }
        // d/dp = (1/unit)·d/dq.
        return AffineMap(a: jxx / unit, b: jxz / unit, c: jzx / unit, d: jzz / unit, tx: 0, tz: 0)
    }

    /// The square root of the absolute determinant of the analytic Jacobian at `p` (the
    /// translation of ``linearization(at:)`` does not enter, so the image is not computed).
    public func localScale(at p: Point) -> Double { jacobian(at: p).localScale(at: p) }

    /// The affine part of the decomposition in the type's documentation, with U measured in
    /// millimetres.
    public var affinePart: AffineMap {
        // Measuring U in the normalised frame rescales it: U(r/unit) = (U(r) − r² log unit)/unit².
        // Given the side conditions, Σ wᵢ |q − qᵢ|² = Σ wᵢ |qᵢ|² for every q, so the change of
        // units only moves the constant term.
        let toNormalized = AffineMap(a: 1 / unit, b: 0, c: 0, d: 1 / unit,
                                           tx: -centre.x / unit, tz: -centre.z / unit)
        var result = normalizedAffine.concatenating(toNormalized)
        let logUnit = naturalLogarithm(unit)
        for (reference, weight) in zip(normalizedReferences, normalizedWeights) {
            let r2 = reference.x * reference.x + reference.z * reference.z
            result.tx -= logUnit * weight.dx * r2
            result.tz -= logUnit * weight.dz * r2
        }
        return result
    }

    /// The kernel weight of each landmark, in the order of ``pairs``, for U measured in
    /// millimetres: millimetres of output per mm² of kernel (so mm⁻¹).
    public var weights: [Vector] {
        let k = 1 / (unit * unit)
        return normalizedWeights.map { $0 * k }
    }
}
