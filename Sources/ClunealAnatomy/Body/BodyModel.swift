import BodyGeometry

/// The atlas placed on both sides of one body and scaled to that person's measurements.
///
/// All geometry is millimetres in the body frame (origin on the midline at the PSIS level,
/// +x the patient's left, +z cranial). Zones, injection sites and look-alikes are placed in
/// the reference body through their frames and then carried by the same warp as everything
/// else, so the map, the locator and the teaching texts cannot disagree.
public struct BodyModel: Sendable {
    /// How much of the drawn anatomy a model places.
    public enum Anatomy: Hashable, Sendable {
        /// Every landmark, structure and nerve: for maps, walks and everything drawn.
        case whole
        /// What locating a tender point reads: every nerve, and of the landmarks and structures
        /// only those frames are measured from or along (``locatingItems(_:)``: the PSIS, the
        /// iliac crest...). Zones, block sites and look-alikes are placed in full either way, by
        /// the same rule. For batches, where placing every muscle outline of a body used by
        /// one row would dominate.
        case forLocating
        /// ``forLocating`` on one side of the body only (midline items kept): for a body that
        /// serves one batch row, which locates on its own side. Everything placed is placed as
        /// ``forLocating`` places it; the other side's items are absent.
        case forLocatingOn(Side)

        /// The sides whose items are placed.
        var sides: [Side] {
            switch self {
            case .whole, .forLocating: Side.allCases
            case .forLocatingOn(let side): [side]
            }
        }
    }

    public let atlas: Atlas
    /// The drawn anatomy this model holds (``landmarks`` and ``structures`` are partial for
    /// ``Anatomy/forLocating``).
    public let anatomy: Anatomy
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
    /// With `anatomy: .forLocating` only what the locator reads is placed (see ``Anatomy``).
    public init(atlas: Atlas, measurements: Measurements = .none, anatomy: Anatomy = .whole) throws(MeasurementError) {
        try measurements.validate(against: atlas)
        let fitted = try ScalingFit.fit(atlas: atlas, measurements: measurements)
        let warp = fitted.warp
        self.atlas = atlas
        self.measurements = measurements
        self.scaling = fitted.scaling
        self.warp = warp
        self.anatomy = anatomy

        // The person's sex places its landmark variants before the warp (local, never a warp).
        let geometry = atlas.geometry(for: measurements.sex)
        func widthScale(_ p: Point) -> Double { warp.localScale(at: p) }
        let sides = anatomy.sides
        func placeAll<E>(_ entries: [E], _ lat: (E) -> Laterality, _ id: (E) -> String) -> [Placed<E>] {
            var out: [Placed<E>] = []
            for e in entries {
                guard let g = geometry[id(e)] else { continue }
                let laterality = lat(e)
                if laterality == .midline {
                    if let w = g.mapped(warp.apply, widthScale: widthScale) { out.append(Placed(entry: e, side: nil, geometry: w)) }
                    continue
                }
                for side in sides {
                    guard let onSide = g.placed(laterality: laterality, side: side),
                          let w = onSide.mapped(warp.apply, widthScale: widthScale) else { continue }
                    out.append(Placed(entry: e, side: side, geometry: w))
                }
            }
            return out
        }
        switch anatomy {
        case .whole:
            landmarks = placeAll(atlas.document.landmarks, \.laterality, \.id)
            structures = placeAll(atlas.document.structures, \.laterality, \.id)
        case .forLocating, .forLocatingOn:
            let frames = Self.locatingItems(atlas)
            landmarks = placeAll(atlas.document.landmarks.filter { frames.contains($0.id) }, \.laterality, \.id)
            structures = placeAll(atlas.document.structures.filter { frames.contains($0.id) }, \.laterality, \.id)
        }
        nerves = placeAll(atlas.document.nerves, \.laterality, \.id)

        // Zones, block sites and look-alikes: placed once per sex on the reference body through
        // their frames (the atlas keeps that), carried here by this person's warp.
        let reference = atlas.referencePlacement(for: measurements.sex)
        let only: Side? = sides.count == 1 ? sides.first : nil
        zones = reference.zones(by: warp, only: only)
        injectionSites = reference.injectionSites(by: warp, only: only)
        lookAlikes = reference.lookAlikes(by: warp, only: only)
        var points: [Side: [String: Point]] = [.left: [:], .right: [:]]
        var curves: [Side: [String: Polyline]] = [.left: [:], .right: [:]]
        for item in landmarks.map({ ($0.entry.id, $0.side, $0.geometry) }) + structures.map({ ($0.entry.id, $0.side, $0.geometry) }) {
            for side in item.1.map({ [$0] }) ?? sides {
                if let p = item.2.asPoint { points[side]?[item.0] = p }
                if let c = item.2.asPolyline { curves[side]?[item.0] = c }
            }
        }
        resolver = FrameResolver(frames: atlas.frames, points: points, curves: curves)
    }

    /// The landmarks and curves a ``Anatomy/forLocating`` model places: every one a frame is
    /// measured from or along, and the PSIS (block sites are given from it). The atlas works
    /// the set out once.
    public static func locatingItems(_ atlas: Atlas) -> Set<String> { atlas.locatingItems }

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
