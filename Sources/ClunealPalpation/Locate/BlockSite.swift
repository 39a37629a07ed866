import BodyGeometry
import ClunealAnatomy

/// A diagnostic-block site placed on one person: where, how to find it, how much of what,
/// what counts as a positive block, and the sources.
public struct BlockSite: Hashable, Sendable {
    public let id: String
    /// The entrapment site the block is for.
    public let siteId: String
    public let nerve: NerveGroup?
    public let name: String
    public let side: Side
    /// Body-frame position on this person, millimetres.
    public let point: Point
    /// Offsets from the same side's PSIS, millimetres: lateral positive away from the midline
    /// (`dx`), vertical positive cranial (`dz`). `nil` when the atlas has no PSIS.
    public let fromPSIS: Vector?
    /// The position as the atlas writes it (frame, lateral, vertical), for the record.
    public let atlasPosition: FramePositionEntry
    /// `landmark` or `ultrasound`.
    public let guidance: String
    public let howToFind: String
    public let volumeMillilitres: VolumeRange
    public let agent: String
    /// The ultrasound technique, where the sources describe one.
    public let ultrasound: UltrasoundTechniqueEntry?
    public let positiveResponse: String
    public let fidelity: Fidelity
    public let derivation: String?
    /// The bibliography entries the site cites, in the atlas's order.
    public let sources: [SourceEntry]

    /// The block site of an entrapment site on one side, or `nil` if the atlas has none.
    public init?(site: String, side: Side, model: BodyModel) {
        guard let placed = model.injectionSite(forSite: site, side: side) else { return nil }
        self.init(placed, model: model)
    }

    init(_ placed: PlacedInjectionSite, model: BodyModel) {
        let e = placed.entry
        id = e.id
        siteId = e.site
        nerve = model.atlas.site(e.site)?.nerve
        name = e.names.en
        side = placed.side
        point = placed.point
        fromPSIS = model.point(ofLandmark: WellKnownId.psis.id, side: placed.side).map { psis in
            Vector(placed.side.sign * (placed.point.x - psis.x), placed.point.z - psis.z)
        }
        atlasPosition = e.position
        guidance = e.guidance
        howToFind = e.howToFind
        volumeMillilitres = e.volumeMillilitres
        agent = e.agent
        ultrasound = e.ultrasound
        positiveResponse = e.positiveResponse
        fidelity = e.provenance.fidelity
        derivation = e.provenance.derivation
        sources = e.provenance.sources.compactMap { model.atlas.source($0) }
    }

    /// Distance from the midline, millimetres.
    public var lateralMillimetres: Double { side.sign * point.x }
    /// Height above the PSIS level, millimetres.
    public var verticalMillimetres: Double { point.z }

    /// Every block site of the model, on the given sides, in atlas order (left before right
    /// for each site).
    public static func all(in model: BodyModel, sides: [Side] = Side.allCases) -> [BlockSite] {
        model.atlas.document.injectionSites.flatMap { entry in
            sides.compactMap { side in
                model.injectionSites.first { $0.entry.id == entry.id && $0.side == side }.map { BlockSite($0, model: model) }
            }
        }
    }
}
