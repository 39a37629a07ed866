import BodyGeometry

/// Zones, block sites and look-alikes placed through their frames on the reference body of one
/// sex: everything about their placement that does not depend on the person. The atlas keeps
/// one per sex (``Atlas/referencePlacement(for:)``), so a new body only pays for its warp.
///
/// ``BodyModel`` puts these items on a person with ``zones(by:)``, ``injectionSites(by:)`` and
/// ``lookAlikes(by:)`` and nothing else: the one rule for where they go on a body. All points
/// are millimetres in the reference body frame (before the stature scaling).
public struct ReferencePlacement: Sendable {
    /// How far each finite-difference step reaches along a frame axis, frame millimetres.
    static let stepReach = 0.5

    /// A body-frame displacement along one frame axis: on a person it is
    /// `(warp(ahead) − warp(behind)) / span`, a central difference (one-sided at a curve's end).
    struct Step: Sendable {
        let ahead: Point
        let behind: Point
        let span: Double

        func displacement(by warp: BodyWarp) -> Vector {
            (warp.apply(ahead) - warp.apply(behind)) * (1 / span)
        }
    }

    struct Zone: Sendable {
        let item: PlacedZone.Item
        let side: Side
        let centre: Point
        let lateral: Step
        let vertical: Step
        let isDefault: Bool
    }

    struct Item<Entry: Sendable>: Sendable {
        let entry: Entry
        let side: Side
        let point: Point
    }

    let zones: [Zone]
    let injectionSites: [Item<InjectionSiteEntry>]
    let lookAlikes: [Item<LookAlikeEntry>]

    /// Places every zone, block site and look-alike of `document` on the reference body drawn by
    /// `geometry` (one sex's). An item whose position cannot be placed is left out, as
    /// validation reports it.
    init(document: AtlasDocument, geometry: [String: Geometry], frames: [String: Frame]) {
        let reference = FrameResolver.reference(document: document, geometry: geometry, frames: frames)
        func sides(_ l: Laterality) -> [Side] {
            switch l {
            case .left: [.left]
            case .right: [.right]
            case .bilateral, .midline: Side.allCases
            }
        }
        /// The step along one frame axis (central difference; one-sided at the end of a curve),
        /// or `nil` when neither neighbour differs from the centre.
        func step(_ p: FramePosition, _ side: Side, lateral: Double, vertical: Double) -> Step? {
            let h = Self.stepReach
            var plus = p, minus = p
            plus.lateral += lateral * h
            plus.vertical += vertical * h
            minus.lateral -= lateral * h
            minus.vertical -= vertical * h
            let centre = try? reference.place(p, side: side)
            guard let a = (try? reference.place(plus, side: side)) ?? centre,
                  let b = (try? reference.place(minus, side: side)) ?? centre, a != b else { return nil }
            return Step(ahead: a.point, behind: b.point, span: a == centre || b == centre ? h : 2 * h)
        }
        var zones: [Zone] = []
        for z in document.zones {
            guard let site = document.entrapmentSites.first(where: { $0.id == z.site }) else { continue }
            let item = PlacedZone.Item(entry: z, site: site)
            for side in sides(z.laterality) {
                let position = FramePosition(frame: z.frame, lateral: z.lateral.mean, vertical: z.vertical.mean)
                guard let centre = try? reference.place(position, side: side),
                      let lateral = step(position, side, lateral: 1, vertical: 0),
                      let vertical = step(position, side, lateral: 0, vertical: 1) else { continue }
                zones.append(Zone(item: item, side: side, centre: centre.point, lateral: lateral, vertical: vertical,
                                  isDefault: site.defaultZone == z.id))
            }
        }
        self.zones = zones
        injectionSites = document.injectionSites.flatMap { s in
            sides(s.laterality).compactMap { side in
                (try? reference.place(FramePosition(s.position), side: side)).map { Item(entry: s, side: side, point: $0.point) }
            }
        }
        lookAlikes = (document.lookAlikes ?? []).flatMap { l in
            sides(l.laterality).compactMap { side in
                (try? reference.place(FramePosition(l.position), side: side)).map { Item(entry: l, side: side, point: $0.point) }
            }
        }
    }

    /// Every zone on a person bent by `warp`, in atlas order (left before right for each);
    /// with `only`, the zones on that side.
    public func zones(by warp: BodyWarp, only: Side? = nil) -> [PlacedZone] {
        Self.indices(of: zones, only: only) { $0.side }.map { i in
            let z = zones[i]
            let lateral = z.lateral.displacement(by: warp), vertical = z.vertical.displacement(by: warp)
            return PlacedZone(item: z.item, side: z.side, centre: warp.apply(z.centre),
                              lateralStep: lateral * z.item.entry.lateral.sd, verticalStep: vertical * z.item.entry.vertical.sd,
                              isDefault: z.isDefault)
        }
    }

    /// Every block site on a person bent by `warp`, in atlas order; with `only`, those on that side.
    public func injectionSites(by warp: BodyWarp, only: Side? = nil) -> [PlacedInjectionSite] {
        Self.indices(of: injectionSites, only: only) { $0.side }.map { i in
            let s = injectionSites[i]
            return PlacedInjectionSite(entry: s.entry, side: s.side, point: warp.apply(s.point))
        }
    }

    /// Every look-alike on a person bent by `warp`, its radius scaled by the warp's local scale;
    /// with `only`, those on that side.
    public func lookAlikes(by warp: BodyWarp, only: Side? = nil) -> [PlacedLookAlike] {
        Self.indices(of: lookAlikes, only: only) { $0.side }.map { i in
            let l = lookAlikes[i]
            let p = warp.apply(l.point)
            return PlacedLookAlike(entry: l.entry, side: l.side, point: p, radius: l.entry.radiusMillimetres * warp.localScale(at: p))
        }
    }

    /// The positions of `items` on side `only` (all of them for `nil`), reading only each
    /// item's side: filtering the items themselves would copy every one, other side included.
    private static func indices<T>(of items: [T], only: Side?, side: (T) -> Side) -> [Int] {
        guard let only else { return Array(items.indices) }
        return items.indices.filter { side(items[$0]) == only }
    }
}
