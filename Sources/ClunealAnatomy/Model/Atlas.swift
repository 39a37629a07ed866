import BodyGeometry

/// A validated atlas: every id unique and resolved, every number finite and in range,
/// every item sourced. Only ``AtlasValidator`` makes one.
///
/// Geometry is as written: bilateral items for the patient's left side (x ≥ 0).
/// ``BodyModel`` places items on both sides and scales them to a person.
public struct Atlas: Sendable {
    /// The file the atlas came from, for messages.
    public let file: String
    public let document: AtlasDocument
    /// The bibliography, in the order of the source files, then inline sources.
    public let sources: [SourceEntry]
    /// Geometry of every landmark, structure and nerve, by id.
    public let geometry: [String: Geometry]
    public let frames: [String: Frame]
    /// Point landmarks placed, and structures drawn, differently for one sex (their `bySex`
    /// variants), by sex and id.
    public let sexGeometry: [Sex: [String: Geometry]]

    init(file: String, document: AtlasDocument, sources: [SourceEntry], geometry: [String: Geometry],
         sexGeometry: [Sex: [String: Geometry]] = [:], frames: [String: Frame]) {
        self.file = file
        self.document = document
        self.sources = sources
        self.geometry = geometry
        self.sexGeometry = sexGeometry
        self.frames = frames
        self.sourceIndex = Dictionary(sources.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        referencePlacement = ReferencePlacement(document: document, geometry: geometry, frames: frames)
        var bySex: [Sex: ReferencePlacement] = [:]
        for (sex, variants) in sexGeometry where !variants.isEmpty {
            bySex[sex] = ReferencePlacement(document: document, geometry: geometry.merging(variants) { _, variant in variant }, frames: frames)
        }
        sexReferencePlacement = bySex
        locatingItems = Set(frames.values.flatMap { [$0.landmark, $0.curve].compactMap { $0 } } + [WellKnownId.psis.id])
    }

    /// The landmarks and curves frames are measured from or along, and the PSIS: what a
    /// ``BodyModel/Anatomy/forLocating`` model places (``BodyModel/locatingItems(_:)``).
    let locatingItems: Set<String>

    private let sourceIndex: [String: SourceEntry]
    /// Zones, block sites and look-alikes on the reference body as written, and per sex with
    /// landmark variants: placed once here, carried onto each person by ``BodyModel``.
    private let referencePlacement: ReferencePlacement
    private let sexReferencePlacement: [Sex: ReferencePlacement]

    /// Zones, block sites and look-alikes placed on the reference body of `sex` (the body as
    /// written when `sex` is nil or has no landmark variants).
    public func referencePlacement(for sex: Sex?) -> ReferencePlacement {
        sex.flatMap { sexReferencePlacement[$0] } ?? referencePlacement
    }

    public var id: String { document.id }
    public var version: String { document.version }
    public var title: String { document.title }
    public var referenceStatureMillimetres: Double { document.reference.statureMillimetres.value }

    /// The geometry of a body of `sex`: ``geometry`` with that sex's landmark and structure
    /// variants in place (as written, when `sex` is nil). Local: only the varied items change.
    public func geometry(for sex: Sex?) -> [String: Geometry] {
        guard let sex, let variants = sexGeometry[sex] else { return geometry }
        return geometry.merging(variants) { _, variant in variant }
    }

    /// Ids of the landmarks placed differently for `sex`, sorted (structures drawn for the sex,
    /// such as the body outline, locate nothing and are not listed).
    public func sexSpecificLandmarks(for sex: Sex?) -> [String] {
        sex.flatMap { sexGeometry[$0] }.map { $0.keys.filter { landmark($0) != nil }.sorted() } ?? []
    }

    /// Ids of the structures drawn differently for `sex`, sorted.
    public func sexSpecificStructures(for sex: Sex?) -> [String] {
        sex.flatMap { sexGeometry[$0] }.map { $0.keys.filter { structure($0) != nil }.sorted() } ?? []
    }

    public func source(_ id: String) -> SourceEntry? { sourceIndex[id] }
    public func landmark(_ id: String) -> LandmarkEntry? { document.landmarks.first { $0.id == id } }
    public func structure(_ id: String) -> StructureEntry? { document.structures.first { $0.id == id } }
    public func nerve(_ id: String) -> NerveEntry? { document.nerves.first { $0.id == id } }
    public func site(_ id: String) -> EntrapmentSiteEntry? { document.entrapmentSites.first { $0.id == id } }
    public func zone(_ id: String) -> ZoneEntry? { document.zones.first { $0.id == id } }
    public func injectionSite(_ id: String) -> InjectionSiteEntry? { document.injectionSites.first { $0.id == id } }
    public var lookAlikes: [LookAlikeEntry] { document.lookAlikes ?? [] }

    /// The zones of one entrapment site, in atlas order.
    public func zones(ofSite site: String) -> [ZoneEntry] { document.zones.filter { $0.site == site } }

    /// The zone a site uses unless told otherwise.
    public func defaultZone(ofSite site: String) -> ZoneEntry? {
        self.site(site).flatMap { zone($0.defaultZone) }
    }

    /// True when `zone` is its site's default.
    public func isDefault(_ zone: ZoneEntry) -> Bool { site(zone.site)?.defaultZone == zone.id }

    /// Every id in the atlas, with the kind of item it names.
    public var items: [AtlasItem] {
        document.landmarks.map(AtlasItem.landmark) + document.structures.map(AtlasItem.structure)
            + document.nerves.map(AtlasItem.nerve) + document.entrapmentSites.map(AtlasItem.site)
            + document.zones.map(AtlasItem.zone) + document.injectionSites.map(AtlasItem.injectionSite)
            + lookAlikes.map(AtlasItem.lookAlike)
    }

    public func item(_ id: String) -> AtlasItem? { items.first { $0.id == id } }

    /// True when `id` has the form every atlas id takes: kebab-case words of a-z and 0-9,
    /// with one optional '.' suffix (`scn-medial-tunnel.lu-1998`). For data files kept beside
    /// the atlas that follow the same rule.
    public static func isValidId(_ id: String) -> Bool { AtlasValidator.isKebabId(id) }
}

/// Any one atlas item, for listing and showing.
public enum AtlasItem: Hashable, Sendable {
    case landmark(LandmarkEntry)
    case structure(StructureEntry)
    case nerve(NerveEntry)
    case site(EntrapmentSiteEntry)
    case zone(ZoneEntry)
    case injectionSite(InjectionSiteEntry)
    case lookAlike(LookAlikeEntry)

    public var id: String {
        switch self {
        case .landmark(let e): e.id
        case .structure(let e): e.id
        case .nerve(let e): e.id
        case .site(let e): e.id
        case .zone(let e): e.id
        case .injectionSite(let e): e.id
        case .lookAlike(let e): e.id
        }
    }

    /// `landmark`, `structure`, `nerve`, `entrapment-site`, `zone`, `injection-site`, `look-alike`.
    public var kind: String {
        switch self {
        case .landmark: "landmark"
        case .structure: "structure"
        case .nerve: "nerve"
        case .site: "entrapment-site"
        case .zone: "zone"
        case .injectionSite: "injection-site"
        case .lookAlike: "look-alike"
        }
    }

    /// A finer description of the kind (structure kind, nerve group...).
    public var subkind: String? {
        switch self {
        case .structure(let e): e.kind.rawValue
        case .nerve(let e): "\(e.nerve.rawValue) cluneal"
        case .site(let e): "\(e.nerve.rawValue) cluneal"
        case .zone(let e): "frame \(e.frame)"
        case .injectionSite(let e): e.guidance
        case .landmark, .lookAlike: nil
        }
    }

    public var names: Names? {
        switch self {
        case .landmark(let e): e.names
        case .structure(let e): e.names
        case .nerve(let e): e.names
        case .site(let e): e.names
        case .zone: nil
        case .injectionSite(let e): e.names
        case .lookAlike(let e): e.names
        }
    }

    public var laterality: Laterality? {
        switch self {
        case .landmark(let e): e.laterality
        case .structure(let e): e.laterality
        case .nerve(let e): e.laterality
        case .zone(let e): e.laterality
        case .injectionSite(let e): e.laterality
        case .lookAlike(let e): e.laterality
        case .site: nil
        }
    }

    public var fidelity: Fidelity? {
        switch self {
        case .landmark(let e): e.provenance.fidelity
        case .structure(let e): e.provenance.fidelity
        case .nerve(let e): e.provenance.fidelity
        case .zone(let e): e.fidelity
        case .injectionSite(let e): e.provenance.fidelity
        case .lookAlike(let e): e.provenance.fidelity
        case .site: nil
        }
    }

    /// The ids of the sources behind this item, each once, in the order the item names them.
    public var sourceIds: [String] {
        var seen = Set<String>()
        return allSourceIds.filter { seen.insert($0).inserted }
    }

    private var allSourceIds: [String] {
        switch self {
        case .landmark(let e): e.provenance.sources
        case .structure(let e): e.provenance.sources
        case .nerve(let e): e.provenance.sources
        case .zone(let e): [e.source] + [e.lateral.sdSource, e.vertical.sdSource].compactMap { $0 }
        case .injectionSite(let e): e.provenance.sources
        case .lookAlike(let e): e.provenance.sources
        case .site: []
        }
    }
}
