import BodyGeometry
import ClunealAnatomy

/// One side of a ``BodyModel``, with lookups that name what is missing instead of returning nil.
struct ModelLookup {
    let model: BodyModel
    let side: Side
    /// What the lookups are for, for error messages ("the superior walk").
    let purpose: String

    var atlas: Atlas { model.atlas }

    func landmark(_ id: String) throws(TeachingError) -> Point {
        guard let p = model.point(ofLandmark: id, side: side) else { throw .atlasLacks(item: id, neededFor: purpose) }
        return p
    }

    func curve(_ id: String) throws(TeachingError) -> Polyline {
        let placed = model.structures.first { $0.entry.id == id && ($0.side == nil || $0.side == side) }?.geometry.asPolyline
            ?? model.landmarks.first { $0.entry.id == id && ($0.side == nil || $0.side == side) }?.geometry.asPolyline
        guard let placed else { throw .atlasLacks(item: id, neededFor: purpose) }
        return placed
    }

    func defaultZone(ofSite site: String) throws(TeachingError) -> PlacedZone {
        guard let z = model.zones.first(where: { $0.entry.site == site && $0.side == side && $0.isDefault }) else {
            throw .atlasLacks(item: "\(site) (default zone)", neededFor: purpose)
        }
        return z
    }

    func zone(_ id: String) -> PlacedZone? {
        model.zones.first { $0.entry.id == id && $0.side == side }
    }

    func injectionSite(forSite site: String) throws(TeachingError) -> PlacedInjectionSite {
        guard let s = model.injectionSite(forSite: site, side: side) else {
            throw .atlasLacks(item: "\(site) (injection site)", neededFor: purpose)
        }
        return s
    }

    func lookAlike(_ id: String) -> PlacedLookAlike? {
        model.lookAlikes.first { $0.entry.id == id && $0.side == side }
    }

    /// The source ids of atlas items, in order, without repeats.
    func sources(of itemIds: [String]) -> [String] {
        TeachingText.unique(itemIds.flatMap { atlas.item($0)?.sourceIds ?? [] })
    }

    /// Only the ids the atlas's bibliography knows (clinical sources named in code).
    func known(_ sourceIds: [String]) -> [String] {
        sourceIds.filter { atlas.source($0) != nil }
    }

    /// The atlas's palpation text for a landmark, if it has one.
    func palpation(of landmarkId: String) -> String? {
        atlas.landmark(landmarkId)?.palpation
    }
}

extension PlacedZone {
    /// The zone's spread projected on the distance from the midline (|x|), millimetres.
    /// For a zone whose lateral axis runs along the crest, part of that spread goes upward,
    /// so the horizontal SD is smaller than the SD along the crest.
    public var sdFromMidline: Double {
        let a = lateralSD * lateralAxis.dx, b = verticalSD * verticalAxis.dx
        return (a * a + b * b).squareRoot()
    }
}

extension Polyline {
    /// Distance along the curve between the points nearest `a` and `b`, millimetres (≥ 0).
    func arcDistance(from a: Point, to b: Point) -> Double {
        abs(closestPoint(to: b).arcLength - closestPoint(to: a).arcLength)
    }
}
