import BodyGeometry

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The terminal twigs a cutaneous branch spreads into the skin it supplies: how the textbook
/// figures show the cluneal nerves fanning out (the superior ones over the buttock after the
/// crest, "some of their twigs running as far as the level of the greater trochanter", Gray
/// 1918; the middle ones at the lateral end of their run from the dorsal foramina; the inferior
/// ones as they turn up round the lower border of gluteus maximus).
///
/// **Schematic, not measured.** No study maps the twigs one by one, so nothing here is an
/// anatomical number: the twigs are a drawing of "this branch ends in this skin area", built
/// from two atlas items only — the branch's own path and its group's skin territory — by the
/// fixed rule below. Every twig lies wholly inside the territory (it is shortened until it
/// does, or left out), so a twig never claims skin the atlas gives to another group.
///
/// The rule, in body millimetres: take the distal-most part of the branch that lies inside
/// the territory (at least ``minimumRun`` long); at ``fractions`` of the way along it, a twig
/// leaves the branch at ``angleDegrees`` to its course, alternately toward either side (the
/// first toward the patient's lateral side), ``lengthShare`` of that part's length long but
/// within ``lengthRange``, bending back a little toward the branch's course as it goes (three
/// points through which the figure draws its usual smooth curve).
enum NerveTwigs {
    /// Where along the inside part the twigs leave (0 where it enters the territory, 1 at its
    /// distal end).
    static let fractions = [0.45, 0.72, 1.0]
    static let angleDegrees = 32.0
    static let lengthShare = 0.3
    static let lengthRange: ClosedRange<Double> = 8...22
    /// A branch with less of itself inside its territory than this gets no twigs, mm.
    static let minimumRun = 15.0
    /// A twig shortened below this is left out, mm.
    static let minimumLength = 4.0
    /// Flattening tolerance of the inside tests, mm.
    static let tolerance = 0.25

    /// The twigs of the branch whose centreline passes through `path`, each as the three
    /// points of a smooth curve, all inside `territory`.
    static func twigs(along path: [Point], inside territory: Polygon) -> [[Point]] {
        let chain = SmoothCurve.flattened(through: path, closed: false, tolerance: tolerance)
        guard let points = distalRun(of: chain, inside: territory), let run = Polyline(points) else { return [] }
        let total = run.length
        guard total >= minimumRun else { return [] }
        // The side of the midline the branch lies on: +1 on the patient's left (+x).
        let lateral = (points.map(\.x).reduce(0, +) >= 0) ? 1.0 : -1.0
        let length = Swift.min(Swift.max(total * lengthShare, lengthRange.lowerBound), lengthRange.upperBound)
        var out: [[Point]] = []
        for (i, f) in fractions.enumerated() {
            let start = run.point(atArcLength: f * total)
            let direction = run.tangent(atArcLength: f * total) ?? Vector(0, -1)
            // Alternate sides, the first toward the lateral side (so the two sides mirror).
            let turn = (i % 2 == 0 ? 1.0 : -1.0) * sideOfTurn(direction, lateral: lateral)
            let out1 = rotated(direction, degrees: turn * angleDegrees)
            let out2 = rotated(direction, degrees: turn * angleDegrees * 0.45)
            var scale = 1.0
            while scale * length >= minimumLength {
                let l = scale * length
                let twig = [start, start + out1 * (l * 0.5), start + out1 * (l * 0.5) + out2 * (l * 0.5)]
                if SmoothCurve.flattened(through: twig, closed: false, tolerance: tolerance).allSatisfy({ territory.contains($0) }) {
                    out.append(twig)
                    break
                }
                scale *= 0.8
            }
        }
        return out
    }

    /// +1 or −1 so that a positive turn of `direction` heads toward the lateral side.
    private static func sideOfTurn(_ direction: Vector, lateral: Double) -> Double {
        // A small positive (anticlockwise) turn adds `perpendicular` (−dz, dx) to the course.
        direction.perpendicular.dx * lateral >= 0 ? 1 : -1
    }

    private static func rotated(_ v: Vector, degrees: Double) -> Vector {
        let a = degrees * Double.pi / 180
        return Vector(v.dx * cos(a) - v.dz * sin(a), v.dx * sin(a) + v.dz * cos(a))
    }

    /// The last stretch of `chain` lying inside `territory`, at least two points long.
    private static func distalRun(of chain: [Point], inside territory: Polygon) -> [Point]? {
        var runs: [[Point]] = []
        var current: [Point] = []
        for p in chain {
            if territory.contains(p) {
                current.append(p)
            } else if !current.isEmpty {
                runs.append(current)
                current = []
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs.last { $0.count >= 2 }
    }
}
