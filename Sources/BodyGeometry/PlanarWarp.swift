/// A map from the plane to itself: how a reference body is bent onto one person.
public protocol PlanarWarp: Sendable {
    /// The image of `p`, millimetres.
    func apply(_ p: Point) -> Point
    /// Local linear scale at `p`: the square root of the absolute Jacobian determinant.
    /// Used to scale widths and spreads (standard deviations) with the body.
    func localScale(at p: Point) -> Double
}

/// One correspondence for fitting a warp: where a point is in the reference, and where it
/// was found on the person (millimetres).
public struct LandmarkPair: Hashable, Sendable {
    public var reference: Point
    public var target: Point
    public init(reference: Point, target: Point) {
        self.reference = reference
        self.target = target
    }
}
