import BodyGeometry

/// An atlas item placed on one side of a body (or on the midline), with its geometry there.
public struct Placed<Entry: Hashable & Sendable>: Hashable, Sendable {
    public let entry: Entry
    /// The patient's side, or `nil` for a midline item.
    public let side: Side?
    /// Geometry in the body frame of this body, millimetres.
    public let geometry: Geometry
}

/// One source's entrapment zone placed on one side: a centre and a spread along two
/// orthonormal axes, in this body's millimetres.
public struct PlacedZone: Hashable, Sendable {
    public let entry: ZoneEntry
    public let site: EntrapmentSiteEntry
    public let side: Side
    /// Mean position, millimetres.
    public let centre: Point
    /// Unit vector of the zone's lateral axis (away from the midline, or along the crest).
    public let lateralAxis: Vector
    /// Unit vector perpendicular to `lateralAxis`, cranial.
    public let verticalAxis: Vector
    /// One standard deviation along each axis, millimetres (scaled to this body).
    public let lateralSD: Double
    public let verticalSD: Double
    /// True when this is the site's default zone.
    public let isDefault: Bool

    public var id: String { entry.id }
    public var isDisputed: Bool { entry.disputed == true }

    /// How many standard deviations `p` lies from the centre (Mahalanobis distance with the
    /// two axes independent).
    public func standardScore(of p: Point) -> Double {
        let d = p - centre
        let a = d.dot(lateralAxis) / lateralSD
        let b = d.dot(verticalAxis) / verticalSD
        return (a * a + b * b).squareRoot()
    }

    /// The outline at `k` standard deviations (an ellipse), as `count` points.
    public func outline(standardDeviations k: Double, count: Int = 48) -> [Point] {
        (0..<Swift.max(8, count)).map { i in
            let t = Double(i) / Double(Swift.max(8, count)) * 2 * Double.pi
            return centre + lateralAxis * (k * lateralSD * cosine(t)) + verticalAxis * (k * verticalSD * sine(t))
        }
    }
}

/// A diagnostic-block site placed on one side.
public struct PlacedInjectionSite: Hashable, Sendable {
    public let entry: InjectionSiteEntry
    public let side: Side
    public let point: Point
}

/// A look-alike pain generator placed on one side.
public struct PlacedLookAlike: Hashable, Sendable {
    public let entry: LookAlikeEntry
    public let side: Side
    public let point: Point
    /// Millimetres, scaled to this body.
    public let radius: Double
}
