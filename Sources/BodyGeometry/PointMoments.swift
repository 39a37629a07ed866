/// The centroid and second moments of a set of points: how widely and in which directions
/// they spread. Internal: the landmark fits use it to centre their data and to reject
/// degenerate (coincident or collinear) landmarks.
struct PointMoments: Hashable, Sendable {
    /// Number of points (at least 1).
    let count: Int
    /// Mean point, millimetres.
    let centroid: Point
    /// Σ(x − x̄)², Σ(x − x̄)(z − z̄), Σ(z − z̄)² over the points, mm².
    let sxx: Double, sxz: Double, szz: Double

    /// `nil` for no points. Points are assumed finite (the callers check first).
    init?(_ points: [Point]) {
        guard !points.isEmpty else { return nil }
        let n = Double(points.count)
        var sx = 0.0, sz = 0.0
        for p in points { sx += p.x; sz += p.z }
        let c = Point(sx / n, sz / n)
        var xx = 0.0, xz = 0.0, zz = 0.0
        for p in points {
            let d = p - c
            xx += d.dx * d.dx
            xz += d.dx * d.dz
            zz += d.dz * d.dz
        }
        count = points.count
        centroid = c
        sxx = xx; sxz = xz; szz = zz
    }

    /// The larger eigenvalue of the scatter matrix `[[sxx, sxz], [sxz, szz]]`, mm²: the
    /// spread along the principal direction.
    var largerEigenvalue: Double {
        let half = (sxx - szz) / 2
        return (sxx + szz) / 2 + (half * half + sxz * sxz).squareRoot()
    }

    /// The smaller eigenvalue, mm²: the spread across the principal direction. Computed as
    /// determinant ÷ larger eigenvalue, which does not cancel when it is tiny.
    var smallerEigenvalue: Double {
        let larger = largerEigenvalue
        guard larger > 0 else { return 0 }
        return Swift.max(0, (sxx * szz - sxz * sxz) / larger)
    }

    /// True when the root-mean-square distance from the centroid is at most
    /// ``Tolerance/length``: every point is (nearly) the same point.
    var isConcentrated: Bool {
        !((sxx + szz) > Double(count) * Tolerance.length * Tolerance.length)
    }

    /// True when the points lie on one line or at one point: the root-mean-square spread across
    /// the principal direction is at most ``Tolerance/length``, or its square is at most
    /// ``Tolerance/singular`` times the square of the spread along it.
    var isCollinear: Bool {
        let small = smallerEigenvalue
        let absolute = Double(count) * Tolerance.length * Tolerance.length
        return !(small > Swift.max(Tolerance.singular * largerEigenvalue, absolute))
    }
}
