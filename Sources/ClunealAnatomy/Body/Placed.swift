import BodyGeometry

/// An atlas item placed on one side of a body (or on the midline), with its geometry there.
public struct Placed<Entry: Hashable & Sendable>: Hashable, Sendable {
    public let entry: Entry
    /// The patient's side, or `nil` for a midline item.
    public let side: Side?
    /// Geometry in the body frame of this body, millimetres.
    public let geometry: Geometry
}

/// One source's entrapment zone placed on one side: a centre and a spread along the two axes
/// of the zone's frame, in this body's millimetres.
///
/// The axes are where the frame's own coordinates go on the body: for a zone written on the
/// crest ("70 mm from the midline, on the crest"), moving one millimetre laterally follows the
/// sloping crest, so the lateral axis is tilted with it. The two axes need not be
/// perpendicular; the standard score solves for the frame coordinates exactly.
public struct PlacedZone: Hashable, Sendable {
    /// The atlas entry and its site, shared by every body the zone is placed on (copying a
    /// placed zone then copies one reference, not every string of two entries).
    @usableFromInline let item: Item
    /// Inlinable, so that reading one field of the entry does not copy the whole entry.
    @inlinable public var entry: ZoneEntry { item.entry }
    @inlinable public var site: EntrapmentSiteEntry { item.site }
    public let side: Side
    /// Mean position, millimetres.
    public let centre: Point
    /// Body-frame displacement for +1 SD along the frame's lateral axis (mm).
    public let lateralStep: Vector
    /// Body-frame displacement for +1 SD along the frame's vertical axis (mm).
    public let verticalStep: Vector
    /// True when this is the site's default zone.
    public let isDefault: Bool

    /// A zone's atlas entry with its entrapment site.
    @usableFromInline final class Item: Sendable {
        @usableFromInline let entry: ZoneEntry
        @usableFromInline let site: EntrapmentSiteEntry

        init(entry: ZoneEntry, site: EntrapmentSiteEntry) {
            self.entry = entry
            self.site = site
        }
    }

    public init(entry: ZoneEntry, site: EntrapmentSiteEntry, side: Side, centre: Point, lateralStep: Vector, verticalStep: Vector, isDefault: Bool) {
        self.init(item: Item(entry: entry, site: site), side: side, centre: centre, lateralStep: lateralStep, verticalStep: verticalStep, isDefault: isDefault)
    }

    init(item: Item, side: Side, centre: Point, lateralStep: Vector, verticalStep: Vector, isDefault: Bool) {
        self.item = item
        self.side = side
        self.centre = centre
        self.lateralStep = lateralStep
        self.verticalStep = verticalStep
        self.isDefault = isDefault
    }

    /// Equal when every field is, the entries compared by value.
    public static func == (a: PlacedZone, b: PlacedZone) -> Bool {
        (a.item === b.item || (a.item.entry == b.item.entry && a.item.site == b.item.site))
            && a.side == b.side && a.centre == b.centre && a.lateralStep == b.lateralStep
            && a.verticalStep == b.verticalStep && a.isDefault == b.isDefault
    }

    public func hash(into h: inout Hasher) {
        h.combine(item.entry)
        h.combine(item.site)
        h.combine(side)
        h.combine(centre)
        h.combine(lateralStep)
        h.combine(verticalStep)
        h.combine(isDefault)
    }

    public var id: String { entry.id }
    public var isDisputed: Bool { entry.disputed == true }

    /// Unit vector of the lateral axis (away from the midline, or along the crest).
    public var lateralAxis: Vector { lateralStep.normalized ?? Vector(side.sign, 0) }
    /// Unit vector of the vertical axis (cranial).
    public var verticalAxis: Vector { verticalStep.normalized ?? Vector(0, 1) }
    /// One SD along the lateral axis on this body, millimetres.
    public var lateralSD: Double { lateralStep.length }
    /// One SD along the vertical axis on this body, millimetres.
    public var verticalSD: Double { verticalStep.length }

    /// How many standard deviations `p` lies from the centre: `p − centre = a·lateralStep +
    /// b·verticalStep`, score = √(a² + b²). Infinite if the axes are degenerate.
    public func standardScore(of p: Point) -> Double {
        let d = p - centre
        let det = lateralStep.cross(verticalStep)
        guard abs(det) > 1e-12 else { return .infinity }
        let a = d.cross(verticalStep) / det
        let b = lateralStep.cross(d) / det
        return (a * a + b * b).squareRoot()
    }

    /// The outline at `k` standard deviations (an ellipse, possibly sheared), as `count` points.
    public func outline(standardDeviations k: Double, count: Int = 64) -> [Point] {
        ellipse(lateralStep, verticalStep, k: k, count: count)
    }

    /// The zone's spread as seen through a tape-measured point: its own covariance (from the
    /// two SD steps) plus the palpation error on each body axis, in quadrature. The one rule
    /// every score and every drawn outline uses.
    public func spread(adding error: PalpationUncertainty) -> Spread2D {
        let l = lateralStep, v = verticalStep
        let ex = error.lateralMillimetres, ez = error.verticalMillimetres
        return Spread2D(xx: l.dx * l.dx + v.dx * v.dx + ex * ex,
                        xz: l.dx * l.dz + v.dx * v.dz,
                        zz: l.dz * l.dz + v.dz * v.dz + ez * ez)
    }

    /// How many standard deviations `p` lies from the centre once the palpation error is added
    /// (``spread(adding:)``). With ``PalpationUncertainty/anatomyOnly`` it is
    /// ``standardScore(of:)`` exactly.
    public func standardScore(of p: Point, error: PalpationUncertainty) -> Double {
        if error.isAnatomyOnly { return standardScore(of: p) }
        return spread(adding: error).standardScore(of: p - centre)
    }

    /// The outline at `k` standard deviations of ``spread(adding:)``; with no palpation error
    /// it is ``outline(standardDeviations:count:)``.
    public func outline(standardDeviations k: Double, error: PalpationUncertainty, count: Int = 64) -> [Point] {
        if error.isAnatomyOnly { return outline(standardDeviations: k, count: count) }
        guard let (a, b) = spread(adding: error).conjugateSteps else { return outline(standardDeviations: k, count: count) }
        return ellipse(a, b, k: k, count: count)
    }

    private func ellipse(_ a: Vector, _ b: Vector, k: Double, count: Int) -> [Point] {
        let n = Swift.max(8, count)
        return (0..<n).map { i in
            let t = Double(i) / Double(n) * 2 * Double.pi
            return centre + a * (k * cosine(t)) + b * (k * sine(t))
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
