import BodyGeometry

/// Deterministic pseudo-random numbers (SplitMix64), so "noisy" tests are reproducible.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// |a − b| within `tolerance` (absolute).
func isClose(_ a: Double, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
    abs(a - b) <= tolerance
}

/// Points within `tolerance` millimetres of each other.
func isClose(_ p: Point, _ q: Point, _ tolerance: Double = 1e-9) -> Bool {
    p.distance(to: q) <= tolerance
}

/// Coefficient-wise comparison of two affine maps.
func isClose(_ s: AffineMap, _ t: AffineMap, _ tolerance: Double = 1e-9) -> Bool {
    isClose(s.a, t.a, tolerance) && isClose(s.b, t.b, tolerance) && isClose(s.c, t.c, tolerance)
        && isClose(s.d, t.d, tolerance) && isClose(s.tx, t.tx, tolerance) && isClose(s.tz, t.tz, tolerance)
}

/// Landmark pairs whose targets are `map` applied to `references`.
func pairs(_ references: [Point], mappedBy map: (Point) -> Point) -> [LandmarkPair] {
    references.map { LandmarkPair(reference: $0, target: map($0)) }
}

/// A scattered, non-collinear set of reference points roughly 300 mm across.
let scatteredReferences: [Point] = [
    Point(-120, -80), Point(95, -110), Point(140, 60), Point(-30, 150),
    Point(10, 5), Point(-150, 40), Point(60, -20), Point(-70, -160), Point(110, 130),
]
