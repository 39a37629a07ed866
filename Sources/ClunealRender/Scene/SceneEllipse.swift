/// A circle or ellipse. The radii are body millimetres for an ellipse centred in the body
/// (drawn at the layout's scale) and page millimetres for one centred on the page.
public struct SceneEllipse: Hashable, Sendable {
    public var centre: ScenePosition
    /// Semi-axis along the (unrotated) horizontal, millimetres (see the type's note).
    public var radiusXMm: Double
    /// Semi-axis along the (unrotated) vertical, millimetres (see the type's note).
    public var radiusYMm: Double
    /// Rotation in degrees, counter-clockwise **as seen on the drawing** (from +x toward up,
    /// which is +z in the body frame and −y on the page).
    public var rotationDegrees: Double

    public init(centre: ScenePosition, radiusXMm: Double, radiusYMm: Double, rotationDegrees: Double = 0) {
        self.centre = centre
        self.radiusXMm = radiusXMm
        self.radiusYMm = radiusYMm
        self.rotationDegrees = rotationDegrees
    }

    public static func circle(centre: ScenePosition, radiusMm: Double) -> SceneEllipse {
        SceneEllipse(centre: centre, radiusXMm: radiusMm, radiusYMm: radiusMm)
    }

    var isValid: Bool {
        centre.isFinite && radiusXMm.isFinite && radiusYMm.isFinite && radiusXMm >= 0 && radiusYMm >= 0
            && rotationDegrees.isFinite
    }
}
