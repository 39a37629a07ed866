import BodyGeometry

/// The atlas placed on both sides of one body and scaled to that person's measurements.
///
/// All geometry is millimetres in the body frame (origin on the midline at the PSIS level,
/// +x the patient's left, +z cranial). Zones, injection sites and look-alikes are placed in
/// the reference body through their frames and then carried by the same warp as everything
/// else, so the map, the locator and the teaching texts cannot disagree.
public struct BodyModel: Sendable {
    public let atlas: Atlas
    public let measurements: Measurements
    public let scaling: Scaling
    public let warp: BodyWarp
    public let landmarks: [Placed<LandmarkEntry>]
    public let structures: [Placed<StructureEntry>]
    public let nerves: [Placed<NerveEntry>]
    public let zones: [PlacedZone]
    public let injectionSites: [PlacedInjectionSite]
    public let lookAlikes: [PlacedLookAlike]
    /// Resolves frame positions on this person's geometry (for measured input).
    public let resolver: FrameResolver

    /// Places the atlas on a person. Refuses measurements outside ``MeasurementLimits``,
    /// unknown landmarks, and fits that would bend the body beyond belief.
    public init(atlas: Atlas, measurements: Measurements = .none) throws(MeasurementError) {
        try measurements.validate(against: atlas)
        let fitted = try ScalingFit.fit(atlas: atlas, measurements: measurements)
        let warp = fitted.warp
        self.atlas = atlas
        self.measurements = measurements
        self.scaling = fitted.scaling
        self.warp = warp

        // The person's sex places its landmark variants before the warp (local, never a warp).
        let geometry = atlas.geometry(for: measurements.sex)
        func widthScale(_ p: Point) -> Double { warp.localScale(at: p) }
        func placeAll<E>(_ entries: [E], _ lat: (E) -> Laterality, _ id: (E) -> String) -> [Placed<E>] {
            var out: [Placed<E>] = []
            for e in entries {
                guard let g = geometry[id(e)] else { continue }
                let laterality = lat(e)
                if laterality == .midline {
                    if let w = g.mapped(warp.apply, widthScale: widthScale) { out.append(Placed(entry: e, side: nil, geometry: w)) }
                    continue
                }
                for side in Side.allCases {
                    guard let onSide = g.placed(laterality: laterality, side: side),
                          let w = onSide.mapped(warp.apply, widthScale: widthScale) else { continue }
                    out.append(Placed(entry: e, side: side, geometry: w))
                }
            }
            return out
        }
        landmarks = placeAll(atlas.document.landmarks, \.laterality, \.id)
        structures = placeAll(atlas.document.structures, \.laterality, \.id)
        nerves = placeAll(atlas.document.nerves, \.laterality, \.id)

        let reference = FrameResolver.reference(document: atlas.document, geometry: geometry, frames: atlas.frames)
        func sides(_ l: Laterality) -> [Side] {
            switch l {
            case .left: [.left]
            case .right: [.right]
            case .bilateral, .midline: Side.allCases
            }
        }
        func placedPosition(_ p: FramePosition, _ side: Side) -> PlacedPosition? {
            // Validation placed every position on the reference body already.
            guard let r = try? reference.place(p, side: side) else { return nil }
            return PlacedPosition(point: warp.apply(r.point), lateralAxis: r.lateralAxis, verticalAxis: r.verticalAxis)
        }
        /// Body-frame displacement, on this person, of moving `delta` frame-millimetres from `p`
        /// (central difference through the frame and the warp, so curved frames tilt the axis).
        func step(_ p: FramePosition, _ side: Side, lateral: Double, vertical: Double) -> Vector? {
            let h = 0.5
            var plus = p, minus = p
            plus.lateral += lateral * h
            plus.vertical += vertical * h
            minus.lateral -= lateral * h
            minus.vertical -= vertical * h
            // One-sided at the end of a curve, central elsewhere.
            let centre = try? reference.place(p, side: side)
            guard let a = (try? reference.place(plus, side: side)) ?? centre,
                  let b = (try? reference.place(minus, side: side)) ?? centre, a != b else { return nil }
            let span = a == centre || b == centre ? h : 2 * h
            return (warp.apply(a.point) - warp.apply(b.point)) * (1 / span)
        }
        var zones: [PlacedZone] = []
        for z in atlas.document.zones {
            guard let site = atlas.site(z.site) else { continue }
            for side in sides(z.laterality) {
                let position = FramePosition(frame: z.frame, lateral: z.lateral.mean, vertical: z.vertical.mean)
                guard let p = placedPosition(position, side),
                      let lateral = step(position, side, lateral: 1, vertical: 0),
                      let vertical = step(position, side, lateral: 0, vertical: 1) else { continue }
                zones.append(PlacedZone(entry: z, site: site, side: side, centre: p.point,
                                        lateralStep: lateral * z.lateral.sd, verticalStep: vertical * z.vertical.sd,
                                        isDefault: site.defaultZone == z.id))
            }
        }
        self.zones = zones
        injectionSites = atlas.document.injectionSites.flatMap { s in
            sides(s.laterality).compactMap { side in
                placedPosition(FramePosition(s.position), side).map { PlacedInjectionSite(entry: s, side: side, point: $0.point) }
            }
        }
        lookAlikes = atlas.lookAlikes.flatMap { l in
            sides(l.laterality).compactMap { side in
                placedPosition(FramePosition(l.position), side).map {
                    PlacedLookAlike(entry: l, side: side, point: $0.point, radius: l.radiusMillimetres * warp.localScale(at: $0.point))
                }
            }
        }
        var points: [Side: [String: Point]] = [.left: [:], .right: [:]]
        var curves: [Side: [String: Polyline]] = [.left: [:], .right: [:]]
        for item in landmarks.map({ ($0.entry.id, $0.side, $0.geometry) }) + structures.map({ ($0.entry.id, $0.side, $0.geometry) }) {
            for side in item.1.map({ [$0] }) ?? Side.allCases {
                if let p = item.2.asPoint { points[side]?[item.0] = p }
                if let c = item.2.asPolyline { curves[side]?[item.0] = c }
            }
        }
        resolver = FrameResolver(frames: atlas.frames, points: points, curves: curves)
    }

    /// A point landmark on one side (midline landmarks ignore the side).
    public func point(ofLandmark id: String, side: Side) -> Point? {
        landmarks.first { $0.entry.id == id && ($0.side == nil || $0.side == side) }?.geometry.asPoint
    }

    /// The zones of one site on one side, default first.
    public func zones(ofSite site: String, side: Side) -> [PlacedZone] {
        zones.filter { $0.entry.site == site && $0.side == side }.sorted { $0.isDefault && !$1.isDefault }
    }

    public func nerve(_ id: String, side: Side) -> Placed<NerveEntry>? {
        nerves.first { $0.entry.id == id && $0.side == side }
    }

    public func injectionSite(forSite site: String, side: Side) -> PlacedInjectionSite? {
        injectionSites.first { $0.entry.site == site && $0.side == side }
    }

    /// The region every item of the model occupies, millimetres.
    public var bounds: Bounds? {
        Bounds((landmarks.map(\.geometry) + structures.map(\.geometry) + nerves.map(\.geometry)).flatMap(\.points))
    }
}
