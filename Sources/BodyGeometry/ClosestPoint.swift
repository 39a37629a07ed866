/// The answer to "where on this shape is nearest to a point?".
public struct ClosestPoint: Hashable, Sendable {
    /// The nearest point on the shape, millimetres.
    public var point: Point
    /// Distance from the query point to ``point``, millimetres (never negative).
    public var distance: Double
    /// Arc length from the start of the shape to ``point``, millimetres
    /// (0 for shapes without a start).
    public var arcLength: Double
    /// Index of the segment that holds ``point``.
    public var segmentIndex: Int

    public init(point: Point, distance: Double, arcLength: Double, segmentIndex: Int) {
        self.point = point
        self.distance = distance
        self.arcLength = arcLength
        self.segmentIndex = segmentIndex
    }
}
