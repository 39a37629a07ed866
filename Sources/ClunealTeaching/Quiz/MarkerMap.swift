import BodyGeometry
import ClunealAnatomy

/// A set of numbered markers on one person's body with the key that names them: what a blank
/// "label the map" exercise needs. The quiz asks about one marker at a time; a map renderer can
/// draw ``markers`` (numbers at body-frame positions, no names) on a blank map and print
/// ``answerKey`` on a separate sheet.
public struct MarkerMap: Codable, Hashable, Sendable {
    /// The person the map is drawn for; ``QuizPerson/measurements`` rebuilds the same body.
    public var person: QuizPerson
    /// What the blank map shows: a number at a position. Numbers run 1, 2, 3...
    public var markers: [MapMarker]
    /// What each number is, in marker-number order.
    public var answerKey: [MarkerKeyEntry]
    /// The names offered as choices, in the order the quiz lists them (shuffled once per map,
    /// so a choice's number says nothing about its marker's number).
    public var choiceOrder: [Int]

    public init(person: QuizPerson, answerKey: [MarkerKeyEntry], choiceOrder: [Int]) {
        self.person = person
        self.answerKey = answerKey
        self.markers = answerKey.map { MapMarker(number: $0.number, side: $0.side, positionMillimetres: $0.positionMillimetres) }
        self.choiceOrder = choiceOrder
    }

    public func key(for number: Int) -> MarkerKeyEntry? { answerKey.first { $0.number == number } }
}

/// One numbered marker as a blank map shows it.
public struct MapMarker: Codable, Hashable, Sendable {
    public var number: Int
    /// The patient's side, or `nil` on the midline.
    public var side: Side?
    /// Body frame, millimetres, as `[x, z]`.
    public var positionMillimetres: Point
}

/// What kind of atlas item a marker stands on.
public enum MarkerItemKind: String, Codable, Hashable, Sendable, CaseIterable {
    case landmark
    /// The centre of an entrapment site's default zone.
    case entrapmentSite = "entrapment-site"
    case lookAlike = "look-alike"
}

/// The answer for one marker.
public struct MarkerKeyEntry: Codable, Hashable, Sendable {
    public var number: Int
    /// The atlas id of the item (a landmark, an entrapment site, a look-alike).
    public var itemId: String
    public var itemKind: MarkerItemKind
    /// The name a trainee should give.
    public var name: String
    public var side: Side?
    public var positionMillimetres: Point
    /// Where the position comes from (for a site: its default zone's id).
    public var placedFrom: String
    public var sourceIds: [String]
}

/// An atlas item that could carry a marker, placed on one side of one body.
public struct MarkerCandidate: Hashable, Sendable {
    public var itemId: String
    public var itemKind: MarkerItemKind
    public var name: String
    public var side: Side?
    public var position: Point
    public var placedFrom: String
    public var sourceIds: [String]
}

extension MarkerMap {
    /// Markers closer than this (millimetres) would overlap on a printed map and confuse a
    /// reader, so only one of them is kept.
    public static let minimumSeparationMillimetres = 20.0

    /// Every item that could carry a marker on `model`: the default zone centre of each
    /// entrapment site, then the point landmarks, then the look-alikes, on each side. Where two
    /// lie closer than ``minimumSeparationMillimetres`` on the same side, the earlier kind wins
    /// (the three superior-branch crossings lie within about a centimetre of each other, so
    /// only the medial one is kept; a look-alike centred on the PSIS gives way to the PSIS).
    public static func candidates(in model: BodyModel) -> [MarkerCandidate] {
        let atlas = model.atlas
        var all: [MarkerCandidate] = []
        for site in atlas.document.entrapmentSites {
            for z in model.zones where z.entry.site == site.id && z.isDefault && !z.isDisputed {
                all.append(MarkerCandidate(itemId: site.id, itemKind: .entrapmentSite, name: shortName(site.names.en), side: z.side,
                                           position: z.centre, placedFrom: z.id, sourceIds: atlas.item(z.id)?.sourceIds ?? []))
            }
        }
        for l in model.landmarks {
            guard let p = l.geometry.asPoint else { continue }
            all.append(MarkerCandidate(itemId: l.entry.id, itemKind: .landmark, name: l.entry.names.en, side: l.side,
                                       position: p, placedFrom: l.entry.id, sourceIds: l.entry.provenance.sources))
        }
        for l in model.lookAlikes {
            all.append(MarkerCandidate(itemId: l.entry.id, itemKind: .lookAlike, name: l.entry.names.en, side: l.side,
                                       position: l.point, placedFrom: l.entry.id, sourceIds: l.entry.provenance.sources))
        }
        var kept: [MarkerCandidate] = []
        for c in all where !kept.contains(where: { $0.position.distance(to: c.position) < minimumSeparationMillimetres }) {
            kept.append(c)
        }
        return kept
    }

    /// A map of up to `count` markers drawn from ``candidates(in:)``: each item at most once
    /// (on a random side), no two markers closer than ``minimumSeparationMillimetres``.
    public static func make(model: BodyModel, person: QuizPerson, count: Int, rng: inout SplitMix64) -> MarkerMap {
        var chosen: [MarkerCandidate] = []
        for c in rng.shuffled(candidates(in: model)) where chosen.count < count {
            if chosen.contains(where: { $0.itemId == c.itemId || $0.position.distance(to: c.position) < minimumSeparationMillimetres }) { continue }
            chosen.append(c)
        }
        let key = chosen.enumerated().map { i, c in
            MarkerKeyEntry(number: i + 1, itemId: c.itemId, itemKind: c.itemKind, name: c.name, side: c.side,
                           positionMillimetres: c.position, placedFrom: c.placedFrom, sourceIds: c.sourceIds)
        }
        return MarkerMap(person: person, answerKey: key, choiceOrder: rng.shuffled(key.map(\.number)))
    }

    /// A map for the person `model` describes, the same for the same seed (for a blank map
    /// printed on its own, outside a quiz).
    public static func make(model: BodyModel, count: Int, seed: UInt64) -> MarkerMap {
        var rng = SplitMix64(seed: seed)
        let person = QuizPerson(model.measurements, generated: false, scaling: model.scaling)
        return make(model: model, person: person, count: count, rng: &rng)
    }

    /// A site's name without its trailing parenthesis, short enough for a list of choices.
    static func shortName(_ name: String) -> String {
        guard name.hasSuffix(")"), let open = name.lastIndex(of: "(") else { return name }
        let trimmed = name[..<open].trimmingSpaces
        return trimmed.isEmpty ? name : trimmed
    }
}

extension Substring {
    var trimmingSpaces: String {
        var s = self
        while s.last == " " { s = s.dropLast() }
        while s.first == " " { s = s.dropFirst() }
        return String(s)
    }
}
