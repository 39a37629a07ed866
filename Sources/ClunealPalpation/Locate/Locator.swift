import BodyGeometry
import ClunealAnatomy

/// Ranks every entrapment zone of one body against tender points.
///
/// At init the zones and nerve paths of each side are packed into flat arrays (centre, unit
/// axes, inverse SDs; path segments with their inverse squared lengths), so that
/// ``match(_:side:into:)`` — the hot path — is two short loops over contiguous memory that
/// write into a caller-provided ``LocatorBuffer`` and allocate nothing. ``locate(_:screening:)``
/// builds the rich ``Finding`` from the same numbers, only when asked.
public struct Locator: Sendable {
    /// Everything precomputed, behind one reference so that copying a Locator is cheap.
    private let storage: Storage

    /// The body the locator ranks zones on.
    public var model: BodyModel { storage.model }
    private var left: SideTable { storage.left }
    private var right: SideTable { storage.right }

    final class Storage: Sendable {
        let model: BodyModel
        let palpationError: PalpationUncertainty
        let left: SideTable
        let right: SideTable
        /// Per side (left, right), per zone slot: the block site of the zone's entrapment site;
        /// empty for ``Preparation/forOnePoint`` (placed when asked, by the same initialiser).
        let blockSites: [[BlockSite?]]
        /// Per side (left, right), per nerve group (``NerveGroup/allCases`` order): the group's
        /// search window; empty for ``Preparation/forOnePoint`` (made when asked, by the same
        /// initialiser).
        let windows: [[SearchWindow?]]

        init(model: BodyModel, palpationError: PalpationUncertainty, preparation: Preparation) {
            self.model = model
            self.palpationError = palpationError
            left = SideTable(model: model, side: .left, error: palpationError)
            right = SideTable(model: model, side: .right, error: palpationError)
            guard preparation == .forManyPoints else {
                blockSites = []
                windows = []
                return
            }
            windows = [Side.left, Side.right].map { side in
                NerveGroup.allCases.map { SearchWindow(nerve: $0, side: side, model: model, error: palpationError) }
            }
            blockSites = [left, right].enumerated().map { k, t in
                let side: Side = k == 0 ? .left : .right
                // One block site per entrapment site (several zones share one).
                var bySite: [String: BlockSite?] = [:]
                return t.zones.map { z in
                    if let known = bySite[z.site.id] { return known }
                    let b = BlockSite(site: z.site.id, side: side, model: model)
                    bySite[z.site.id] = b
                    return b
                }
            }
        }

        /// The search window of `nerve` on `side`.
        func window(_ nerve: NerveGroup, side: Side) -> SearchWindow? {
            guard !windows.isEmpty, let k = NerveGroup.allCases.firstIndex(of: nerve) else {
                return SearchWindow(nerve: nerve, side: side, model: model, error: palpationError)
            }
            return windows[side == .left ? 0 : 1][k]
        }

        /// The block site for the zone in `slot` on `side`.
        func blockSite(slot: Int, side: Side, zone: PlacedZone) -> BlockSite? {
            if blockSites.isEmpty { return BlockSite(site: zone.site.id, side: side, model: model) }
            return blockSites[side == .left ? 0 : 1][slot]
        }
    }

    /// What a locator works out when it is made, and what it leaves until a point asks.
    public enum Preparation: Hashable, Sendable {
        /// Every block site placed once: for a body that many points are located on.
        case forManyPoints
        /// Block sites placed when a best match needs one: for a body that serves one row of a
        /// batch. The answers are the same.
        case forOnePoint
    }

    /// A zone as the hot path reads it.
    struct PackedZone: Sendable {
        var cx: Double, cz: Double
        /// The inverse of the zone's spread with the palpation error added
        /// (``PlacedZone/spread(adding:)``): score² = qxx·dx² + 2·qxz·dx·dz + qzz·dz².
        /// All zero with infinite `qxx` for a degenerate zone, which then scores infinity.
        var qxx: Double, qxz: Double, qzz: Double
        /// Index of the zone's branch in the side's nerve list, or −1 when the atlas lacks it.
        var nerve: Int
        /// Disputed zones are listed but can never be the best match.
        var eligible: Bool
        var isDefault: Bool
    }

    /// One non-degenerate segment of a nerve's centreline.
    struct PackedSegment: Sendable {
        var ax: Double, az: Double
        var dx: Double, dz: Double
        var inverseLengthSquared: Double
    }

    final class SideTable: Sendable {
        /// The zones on this side, in atlas order; slot i is zones[i].
        let zones: [PlacedZone]
        let packed: [PackedZone]
        let nerves: [Placed<NerveEntry>]
        /// The look-alikes on this side, in atlas order.
        let lookAlikes: [PlacedLookAlike]
        /// Segments of nerve k are segments[segmentStart[k] ..< segmentStart[k + 1]].
        let segmentStart: [Int]
        let segments: [PackedSegment]

        init(model: BodyModel, side: Side, error: PalpationUncertainty) {
            zones = model.zones.filter { $0.side == side }
            nerves = model.nerves.filter { $0.side == side }
            lookAlikes = model.lookAlikes.filter { $0.side == side }
            var start: [Int] = [0]
            var segments: [PackedSegment] = []
            for n in nerves {
                if let line = n.geometry.asPolyline {
                    for item in line.segments {
                        let v = item.segment.vector
                        segments.append(PackedSegment(ax: item.segment.start.x, az: item.segment.start.z, dx: v.dx, dz: v.dz,
                                                      inverseLengthSquared: 1 / v.lengthSquared))
                    }
                }
                start.append(segments.count)
            }
            self.segmentStart = start
            self.segments = segments
            let nerveIndex = Dictionary(nerves.enumerated().map { ($1.entry.id, $0) }, uniquingKeysWith: { a, _ in a })
            packed = zones.map { z in
                // A degenerate zone scores infinity, as PlacedZone does.
                let q = z.spread(adding: error).inverse ?? (qxx: .infinity, qxz: 0, qzz: 0)
                return PackedZone(cx: z.centre.x, cz: z.centre.z, qxx: q.qxx, qxz: q.qxz, qzz: q.qzz,
                                  nerve: nerveIndex[z.entry.branch] ?? -1, eligible: !z.isDisputed, isDefault: z.isDefault)
            }
        }
    }

    /// A standard score at or below this is "within 2 SD", the cut-off for a best match.
    public static let matchLimit = 2.0

    /// A locator whose scores add `palpationError` to every zone's spread; `nil` takes the
    /// atlas's default (``PalpationUncertainty/atlasDefault(_:)``).
    /// `preparation` trades set-up work for work per point (``Preparation``).
    public init(model: BodyModel, palpationError: PalpationUncertainty? = nil, preparation: Preparation = .forManyPoints) {
        storage = Storage(model: model, palpationError: palpationError ?? .atlasDefault(model.atlas), preparation: preparation)
    }

    /// The palpation-and-measurement error every score includes.
    public var palpationError: PalpationUncertainty { storage.palpationError }

    private func table(_ side: Side) -> SideTable { side == .left ? storage.left : storage.right }

    /// Places a tape measurement on this locator's body (see ``TenderPoint/init(_:on:)``)
    /// without copying the body.
    public func place(_ input: TenderPointInput) throws(PalpationError) -> TenderPoint {
        try TenderPoint(input, on: storage.model)
    }

    /// How many zones lie on one side (the length of the ranked candidate list).
    public func zoneCount(on side: Side) -> Int { table(side).zones.count }

    /// The zone in `slot` on `side` (slots are atlas order, as in ``LocatorBuffer``).
    public func zone(inSlot slot: Int, on side: Side) -> PlacedZone? {
        let zones = table(side).zones
        return zones.indices.contains(slot) ? zones[slot] : nil
    }

    /// A buffer large enough for either side.
    public func makeBuffer() -> LocatorBuffer {
        LocatorBuffer(zoneCapacity: max(left.zones.count, right.zones.count),
                      nerveCapacity: max(left.nerves.count, right.nerves.count))
    }

    /// The hot path. Writes each zone's standard score and its branch's distance to
    /// `buffer` (slots in atlas order, for the zones on `side`), and returns the slot of the
    /// best match: the lowest standard score within 2 SD among non-disputed zones (a default
    /// zone wins an exact tie), or `nil`. Allocates nothing once `buffer` is large enough.
    public func match(_ p: Point, side: Side, into buffer: inout LocatorBuffer) -> Int? {
        let t = table(side)
        buffer.reserve(zones: t.packed.count, nerves: t.nerves.count)
        buffer.count = t.packed.count
        let px = p.x, pz = p.z
        return t.segments.withUnsafeBufferPointer { segments in
            t.segmentStart.withUnsafeBufferPointer { starts in
                t.packed.withUnsafeBufferPointer { zones in
                    buffer.nerveDistances.withUnsafeMutableBufferPointer { nerveDistances in
                        // Distance to each branch's centreline.
                        for k in 0..<(starts.count - 1) {
                            var best = Double.infinity
                            for i in starts[k]..<starts[k + 1] {
                                let s = segments[i]
                                let wx = px - s.ax, wz = pz - s.az
                                let t = min(1, max(0, (wx * s.dx + wz * s.dz) * s.inverseLengthSquared))
                                let qx = wx - t * s.dx, qz = wz - t * s.dz
                                best = min(best, qx * qx + qz * qz)
                            }
                            nerveDistances[k] = best.squareRoot()
                        }
                        return buffer.standardScores.withUnsafeMutableBufferPointer { scores in
                            buffer.pathDistances.withUnsafeMutableBufferPointer { paths in
                                var bestSlot = -1
                                var bestScore = Double.infinity
                                var bestIsDefault = false
                                for i in 0..<zones.count {
                                    let z = zones[i]
                                    let dx = px - z.cx, dz = pz - z.cz
                                    let q = z.qxx * dx * dx + 2 * z.qxz * dx * dz + z.qzz * dz * dz
                                    let score = q.isNaN ? .infinity : max(0, q).squareRoot()
                                    scores[i] = score
                                    paths[i] = z.nerve >= 0 ? nerveDistances[z.nerve] : .infinity
                                    if z.eligible, score <= Self.matchLimit,
                                       score < bestScore || (score == bestScore && z.isDefault && !bestIsDefault) {
                                        bestSlot = i
                                        bestScore = score
                                        bestIsDefault = z.isDefault
                                    }
                                }
                                return bestSlot >= 0 ? bestSlot : nil
                            }
                        }
                    }
                }
            }
        }
    }

    /// The nerve group to name instead of a branch after ``match(_:side:into:)`` returned
    /// `bestSlot`: the best zone's group when another branch of it is indistinct from the best
    /// (``GroupAnswer/indistinct(_:from:)``), else `nil`. The hot-path form of ``Finding/group``.
    public func group(forBest bestSlot: Int, side: Side, scores buffer: borrowing LocatorBuffer) -> NerveGroup? {
        let t = table(side)
        guard t.zones.indices.contains(bestSlot), bestSlot < buffer.count else { return nil }
        let best = t.zones[bestSlot], bestScore = buffer.standardScores[bestSlot]
        for i in 0..<buffer.count where t.packed[i].eligible {
            let z = t.zones[i]
            if z.site.nerve == best.site.nerve, z.entry.branch != best.entry.branch,
               GroupAnswer.indistinct(buffer.standardScores[i], from: bestScore) { return best.site.nerve }
        }
        return nil
    }

    /// How much of the ranked list ``locate(_:screening:buffer:ranking:)`` builds.
    public enum Ranking: Sendable {
        /// Every zone on the side, nearest first (``Finding/candidates``).
        case all
        /// Only the best match and the nearest zone, each with its rank (a batch row).
        case bestAndNearest
    }

    /// Everything about one tender point: every zone on its side ranked, the best match,
    /// the block site for it, nearby look-alikes, and the red-flag screening first.
    public func locate(_ tenderPoint: TenderPoint, screening: RedFlagScreening = .none) -> Finding {
        var buffer = makeBuffer()
        return locate(tenderPoint, screening: screening, buffer: &buffer)
    }

    /// The order of the ranked list, the one rule for "nearest zone": the lower standard
    /// score first; on a tie a default zone, then atlas order. Disputed zones take part.
    static func ranksBefore(_ a: (score: Double, isDefault: Bool, slot: Int), _ b: (score: Double, isDefault: Bool, slot: Int)) -> Bool {
        if a.score != b.score { return a.score < b.score }
        if a.isDefault != b.isDefault { return a.isDefault }
        return a.slot < b.slot
    }

    /// The nearest zone's slot after ``match(_:side:into:)`` by ``ranksBefore(_:_:)``, or
    /// `nil` when the side has no zone.
    public func nearestSlot(on side: Side, in buffer: borrowing LocatorBuffer) -> Int? {
        let t = table(side)
        var nearest: Int?
        for i in 0..<min(buffer.count, t.packed.count) {
            guard let n = nearest else { nearest = i; continue }
            if Self.ranksBefore((buffer.standardScores[i], t.packed[i].isDefault, i), (buffer.standardScores[n], t.packed[n].isDefault, n)) { nearest = i }
        }
        return nearest
    }

    /// ``locate(_:screening:)`` reusing a buffer; with `ranking: .bestAndNearest` the ranked
    /// list is left empty and only the best match and nearest zone are built.
    public func locate(_ tenderPoint: TenderPoint, screening: RedFlagScreening, buffer: inout LocatorBuffer,
                       ranking: Ranking = .all) -> Finding {
        let side = tenderPoint.side
        let t = table(side)
        let p = tenderPoint.point
        let bestSlot = match(p, side: side, into: &buffer)
        let nearestSlot = nearestSlot(on: side, in: buffer)
        func key(_ slot: Int) -> (score: Double, isDefault: Bool, slot: Int) { (buffer.standardScores[slot], t.packed[slot].isDefault, slot) }
        func candidate(_ slot: Int, rank: Int) -> Candidate {
            let zone = t.zones[slot]
            let packed = t.packed[slot]
            let nerve = packed.nerve >= 0 ? t.nerves[packed.nerve] : nil
            let nearest = nerve?.geometry.asPolyline?.closestPoint(to: p)
            return Candidate(
                rank: rank, slot: slot, zone: zone, nerve: zone.site.nerve, branch: zone.entry.branch, siteId: zone.site.id,
                source: zone.entry.source, isDefault: zone.isDefault, disputed: zone.isDisputed,
                distanceMillimetres: p.distance(to: zone.centre), standardScore: buffer.standardScores[slot],
                nearestPathMillimetres: nearest == nil ? nil : buffer.pathDistances[slot], nearestPathPoint: nearest?.point)
        }
        var candidates: [Candidate] = []
        let best: Candidate?
        let nearestZone: Candidate?
        switch ranking {
        case .all:
            let order = t.zones.indices.sorted { Self.ranksBefore(key($0), key($1)) }
            candidates = order.enumerated().map { candidate($1, rank: $0 + 1) }
            best = bestSlot.flatMap { slot in candidates.first { $0.slot == slot } }
            nearestZone = nearestSlot.flatMap { slot in candidates.first { $0.slot == slot } }
        case .bestAndNearest:
            func rank(_ slot: Int) -> Int { 1 + t.zones.indices.reduce(0) { $0 + (Self.ranksBefore(key($1), key(slot)) ? 1 : 0) } }
            best = bestSlot.map { candidate($0, rank: rank($0)) }
            nearestZone = nearestSlot.map { $0 == bestSlot ? best : candidate($0, rank: rank($0)) } ?? nil
        }
        let model = storage.model
        let lookAlikes = t.lookAlikes.compactMap { l -> LookAlikeMatch? in
            let d = p.distance(to: l.point)
            guard d <= LookAlikeMatch.nearbyFactor * l.radius else { return nil }
            return LookAlikeMatch(lookAlike: l, distanceMillimetres: d)
        }.sorted { $0.distanceMillimetres / $0.lookAlike.radius < $1.distanceMillimetres / $1.lookAlike.radius }
        let blockSite = screening.urgentReferral ? nil : best.flatMap { storage.blockSite(slot: $0.slot, side: side, zone: t.zones[$0.slot]) }
        // The group answer reads the ranked candidates of the best match's group; a batch row
        // (no ranked list) builds just those, in the same order.
        let groupCandidates: [Candidate]
        switch ranking {
        case .all: groupCandidates = candidates
        case .bestAndNearest:
            groupCandidates = best.map { b in
                t.zones.indices.filter {
                    GroupAnswer.isMember(nerve: t.zones[$0].site.nerve, disputed: t.zones[$0].isDisputed, score: buffer.standardScores[$0], of: b)
                }
                    .sorted { Self.ranksBefore(key($0), key($1)) }
                    .map { candidate($0, rank: 0) }
            } ?? []
        }
        let tables = self.storage
        let group = GroupAnswer.resolve(best: best, candidates: groupCandidates) { tables.window($0, side: side) }
        return Finding(tenderPoint: tenderPoint, screening: screening, candidates: candidates, bestMatch: best, nearestZone: nearestZone,
                       blockSite: blockSite, lookAlikes: lookAlikes, scaling: model.scaling,
                       palpationError: palpationError, group: group)
    }
}

/// Scratch space for ``Locator/match(_:side:into:)``: one standard score and one path
/// distance per zone slot. Make one per thread with ``Locator/makeBuffer()`` and reuse it.
public struct LocatorBuffer: Sendable {
    /// Standard score of each zone slot; only the first ``count`` are meaningful.
    public internal(set) var standardScores: [Double]
    /// Distance from the point to each zone's branch centreline, millimetres (infinity when
    /// the atlas has no path for the branch).
    public internal(set) var pathDistances: [Double]
    /// How many slots the last query wrote.
    public internal(set) var count = 0
    var nerveDistances: [Double]

    init(zoneCapacity: Int, nerveCapacity: Int) {
        standardScores = Array(repeating: .infinity, count: zoneCapacity)
        pathDistances = Array(repeating: .infinity, count: zoneCapacity)
        nerveDistances = Array(repeating: .infinity, count: nerveCapacity)
    }

    /// An empty buffer; it grows once on first use.
    public init() { self.init(zoneCapacity: 0, nerveCapacity: 0) }

    mutating func reserve(zones: Int, nerves: Int) {
        if standardScores.count < zones {
            standardScores = Array(repeating: .infinity, count: zones)
            pathDistances = Array(repeating: .infinity, count: zones)
        }
        if nerveDistances.count < nerves { nerveDistances = Array(repeating: .infinity, count: nerves) }
    }
}
