import BodyGeometry
import ClunealAnatomy

/// Where to search for one nerve group on one side: the span of its sites' default zone
/// centres, widened on each axis by the palpation error. When the evidence cannot tell the
/// branches apart, this window, not one branch's mean, is the block target.
///
/// Invariant: `lateralRange` is in millimetres from the midline (≥ 0), `verticalRange` in
/// millimetres above the PSIS level; both contain every default centre of the group.
public struct SearchWindow: Hashable, Sendable {
    public let nerve: NerveGroup
    public let side: Side
    /// The entrapment sites whose default zones span the window, in atlas order.
    public let siteIds: [String]
    /// Distance from the midline, millimetres.
    public let lateralRange: ClosedRange<Double>
    /// Height above the PSIS level, millimetres.
    public let verticalRange: ClosedRange<Double>
    /// Centre of the window, body frame.
    public var centre: Point {
        Point(side.sign * (lateralRange.lowerBound + lateralRange.upperBound) / 2,
              (verticalRange.lowerBound + verticalRange.upperBound) / 2)
    }

    /// The window of `nerve` on `side` of `model`, or `nil` when the group has no default zone there.
    public init?(nerve: NerveGroup, side: Side, model: BodyModel, error: PalpationUncertainty) {
        let zones = model.zones.filter { $0.side == side && $0.isDefault && !$0.isDisputed && $0.site.nerve == nerve }
        guard !zones.isEmpty else { return nil }
        let xs = zones.map { side.sign * $0.centre.x }, zs = zones.map(\.centre.z)
        guard let xMin = xs.min(), let xMax = xs.max(), let zMin = zs.min(), let zMax = zs.max() else { return nil }
        self.nerve = nerve
        self.side = side
        siteIds = zones.map(\.site.id)
        lateralRange = Swift.max(0, xMin - error.lateralMillimetres)...(xMax + error.lateralMillimetres)
        verticalRange = (zMin - error.verticalMillimetres)...(zMax + error.verticalMillimetres)
        rangeWords = Self.rangeWords(lateral: lateralRange, vertical: verticalRange)
    }

    /// Where the group is searched, in anatomical words.
    public var placeWords: String {
        switch nerve {
        case .superior: "where they cross the iliac crest"
        case .middle: "where they come out along the sacrum under or through the long dorsal sacroiliac ligament"
        case .inferior: "around the ischial tuberosity and the lower border of gluteus maximus"
        }
    }

    /// The window in words, "5.2–9.0 cm from the midline, 3.1–8.0 cm above the PSIS level":
    /// worked out once, when the window is made, because every finding that names the group
    /// quotes it (the statement, the record, the text output).
    public let rangeWords: String

    private static func rangeWords(lateral: ClosedRange<Double>, vertical: ClosedRange<Double>) -> String {
        func cm(_ v: Double) -> String { LengthUnit.fixed(v / 10, 1) }
        func height(_ r: ClosedRange<Double>) -> String {
            if r.lowerBound >= 0 { return "\(cm(r.lowerBound))–\(cm(r.upperBound)) cm above the PSIS level" }
            if r.upperBound <= 0 { return "\(cm(-r.upperBound))–\(cm(-r.lowerBound)) cm below the PSIS level" }
            return "from \(cm(-r.lowerBound)) cm below to \(cm(r.upperBound)) cm above the PSIS level"
        }
        return "\(cm(lateral.lowerBound))–\(cm(lateral.upperBound)) cm from the midline, \(height(vertical))"
    }
}

/// The answer at the resolution the evidence supports: when the best zones of two or more
/// branches of one nerve group score within ``tolerance`` SD of the best match at the point,
/// the finding names the group and its ``SearchWindow``; the ranked list still shows each branch.
public struct GroupAnswer: Hashable, Sendable {
    /// Branches whose best scores lie within this many SD of the best match are not told apart.
    public static let tolerance = 1.0

    public let nerve: NerveGroup
    /// The branches that cannot be told apart, best first.
    public let branches: [String]
    /// The best zone of each of those branches, in the same order.
    public let zoneIds: [String]
    public let window: SearchWindow

    /// True when a branch scoring `score` cannot be told apart from a best match scoring
    /// `best`: within 2 SD and within ``tolerance`` of it. The one rule for grouping.
    public static func indistinct(_ score: Double, from best: Double) -> Bool {
        score <= Locator.matchLimit && score <= best + tolerance
    }

    /// "superior cluneal nerves".
    public var name: String { "\(nerve.rawValue) cluneal nerves" }

    /// The group, if the candidates call for one: the best match's group, and every
    /// non-disputed branch of it whose best score is within 2 SD and within ``tolerance`` of
    /// the best; `nil` when only one branch qualifies.
    /// Whether a zone can stand in the best match's group: the same nerve group, not
    /// disputed, and a score ``indistinct(_:from:)`` from the best. The one membership rule
    /// for the ranked list and the batch's shortened one.
    static func isMember(nerve: NerveGroup, disputed: Bool, score: Double, of best: Candidate) -> Bool {
        nerve == best.nerve && !disputed && indistinct(score, from: best.standardScore)
    }

    /// `window` gives the search window of a nerve group on the candidates' side (made by
    /// ``SearchWindow/init(nerve:side:model:error:)``; a locator keeps them per body).
    static func resolve(best: Candidate?, candidates: [Candidate], window: (NerveGroup) -> SearchWindow?) -> GroupAnswer? {
        guard let best else { return nil }
        var seen = Set<String>()
        var branches: [String] = [], zones: [String] = []
        for c in candidates where isMember(nerve: c.nerve, disputed: c.disputed, score: c.standardScore, of: best)
            && seen.insert(c.branch).inserted {
            branches.append(c.branch)
            zones.append(c.zoneId)
        }
        guard branches.count > 1, let window = window(best.nerve) else { return nil }
        return GroupAnswer(nerve: best.nerve, branches: branches, zoneIds: zones, window: window)
    }
}
