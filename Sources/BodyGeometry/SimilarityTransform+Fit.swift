extension SimilarityTransform {
    /// The similarity that best maps each reference point onto its target, in the
    /// least-squares sense: it minimises Σ |T(referenceᵢ) − targetᵢ|² (mm²) over scale,
    /// rotation and translation (Umeyama's method, with reflections excluded).
    ///
    /// In the plane this is closed-form: with both point sets centred on their centroids,
    /// `s·(cos θ, sin θ) = (Σ Pᵢ·Qᵢ, Σ Pᵢ×Qᵢ) / Σ |Pᵢ|²`, and the translation carries the
    /// reference centroid onto the target centroid. Two pairs determine it exactly.
    ///
    /// The scale is 0 (and the rotation 0) when the targets coincide, since collapsing
    /// everything to their common point is then the best fit.
    ///
    /// - Throws, checking in this order:
    ///   - ``GeometryError/tooFewPairs(needed:got:)`` for fewer than 2 pairs;
    ///   - ``GeometryError/nonFinite(index:)`` for a NaN or infinite coordinate;
    ///   - ``GeometryError/duplicateLandmark(first:second:)`` (pairs 0 and 1) when every
    ///     reference point is within ``Tolerance/length`` of their centroid, so no direction
    ///     or scale is defined;
    ///   - ``GeometryError/singular`` when the arithmetic overflows.
    public static func fit(_ pairs: [LandmarkPair]) throws(GeometryError) -> SimilarityTransform {
        try pairs.validate(minimumCount: 2)
        guard let from = PointMoments(pairs.references), let to = PointMoments(pairs.targets)
        else { throw .tooFewPairs(needed: 2, got: pairs.count) }
        guard !from.isConcentrated else { throw .duplicateLandmark(first: 0, second: 1) }

        var dot = 0.0, cross = 0.0
        for pair in pairs {
            let p = pair.reference - from.centroid, q = pair.target - to.centroid
            dot += p.dot(q)
            cross += p.cross(q)
        }
        let spread = from.sxx + from.szz
        let scaledRotation = Vector(dot / spread, cross / spread)
        let scale = scaledRotation.length
        var rotation = scale > 0 ? arcTangent(scaledRotation.dz, scaledRotation.dx) : 0
        if rotation <= -Double.pi { rotation = Double.pi }   // atan2(−0, −x) is −π; keep (−π, π]

        var result = SimilarityTransform(scale: scale, rotationRadians: rotation)
        let movedCentroid = result.apply(from.centroid)
        result.translation = to.centroid - movedCentroid
        guard scale.isFinite, rotation.isFinite,
              result.translation.dx.isFinite, result.translation.dz.isFinite
        else { throw .singular }
        return result
    }
}
