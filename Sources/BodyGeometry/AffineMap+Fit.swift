extension AffineMap {
    /// The affine map that best maps each reference point onto its target, in the
    /// least-squares sense: it minimises Σ |A(referenceᵢ) − targetᵢ|² (mm²) over all six
    /// coefficients. Three non-collinear pairs determine it exactly; more are averaged.
    ///
    /// Computed from the normal equations of the centred points:
    /// `A = (Σ Qᵢ Pᵢᵀ)(Σ Pᵢ Pᵢᵀ)⁻¹`, with the translation carrying the reference centroid onto
    /// the target centroid.
    ///
    /// - Throws, checking in this order:
    ///   - ``GeometryError/tooFewPairs(needed:got:)`` for fewer than 3 pairs;
    ///   - ``GeometryError/nonFinite(index:)`` for a NaN or infinite coordinate;
    ///   - ``GeometryError/collinear`` when the reference points lie on one line or at one
    ///     point: their root-mean-square spread across the best-fit line is at most
    ///     ``Tolerance/length``, or at most √``Tolerance/singular`` (10⁻⁵) times their spread
    ///     along it;
    ///   - ``GeometryError/singular`` when the arithmetic overflows.
    public static func fit(_ pairs: [LandmarkPair]) throws(GeometryError) -> AffineMap {
        try pairs.validate(minimumCount: 3)
        guard let from = PointMoments(pairs.references), let to = PointMoments(pairs.targets)
        else { throw .tooFewPairs(needed: 3, got: pairs.count) }
        guard !from.isCollinear else { throw .collinear }

        // C = Σ Q Pᵀ, with P the centred reference and Q the centred target.
        var cxx = 0.0, cxz = 0.0, czx = 0.0, czz = 0.0
        for pair in pairs {
            let p = pair.reference - from.centroid, q = pair.target - to.centroid
            cxx += q.dx * p.dx; cxz += q.dx * p.dz
            czx += q.dz * p.dx; czz += q.dz * p.dz
        }
        // S⁻¹ for S = [[sxx, sxz], [sxz, szz]]; the collinearity test keeps det(S) away from 0.
        let det = from.sxx * from.szz - from.sxz * from.sxz
        let ixx = from.szz / det, ixz = -from.sxz / det, izz = from.sxx / det
        let a = cxx * ixx + cxz * ixz, b = cxx * ixz + cxz * izz
        let c = czx * ixx + czz * ixz, d = czx * ixz + czz * izz
        let linear = AffineMap(a: a, b: b, c: c, d: d, tx: 0, tz: 0)
        let moved = linear.apply(from.centroid)
        let result = AffineMap(a: a, b: b, c: c, d: d,
                                     tx: to.centroid.x - moved.x, tz: to.centroid.z - moved.z)
        guard [result.a, result.b, result.c, result.d, result.tx, result.tz].allSatisfy(\.isFinite)
        else { throw .singular }
        return result
    }
}
