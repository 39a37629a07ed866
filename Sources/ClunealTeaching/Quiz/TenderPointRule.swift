import BodyGeometry
import ClunealAnatomy

/// One zone and how many standard deviations a point lies from its centre.
public struct ZoneScore: Hashable, Sendable {
    public var zone: PlacedZone
    public var standardScore: Double
}

/// Which nerve a tender point fits, by ``TenderPointRule``.
public struct TenderPointFit: Hashable, Sendable {
    /// The answer: the nerve of ``best``, or `nil` (none) when no zone is within the limit.
    public var nerve: NerveGroup?
    /// The lowest-scoring undisputed zone on the point's side within the limit.
    public var best: ZoneScore?
    /// The lowest-scoring undisputed zone on that side, within the limit or not.
    public var nearest: ZoneScore?
    /// Every undisputed zone on that side within the limit, lowest score first.
    public var withinLimit: [ZoneScore]
    /// Look-alike pain generators whose circle holds the point.
    public var lookAlikes: [PlacedLookAlike]
}

/// The rule that names the nerve a tender point fits: the nerve of the undisputed zone on the
/// point's side with the lowest standard score (Mahalanobis distance, axes independent), if
/// that score is at most ``standardScoreLimit``; otherwise none.
///
/// Disputed zones never decide (they are kept for the record). The palpation `Locator` is to
/// use the same rule; this is the quiz's copy until the two share one function.
public enum TenderPointRule {
    /// Two standard deviations.
    public static let standardScoreLimit = 2.0

    public static func classify(_ point: Point, side: Side, in model: BodyModel) -> TenderPointFit {
        let scored = model.zones
            .filter { $0.side == side && !$0.isDisputed }
            .map { ZoneScore(zone: $0, standardScore: $0.standardScore(of: point)) }
            .filter { $0.standardScore.isFinite }
            // Ties (equal scores) fall back to atlas order, which the stable sort keeps.
            .sorted { $0.standardScore < $1.standardScore }
        let within = scored.filter { $0.standardScore <= standardScoreLimit }
        let inside = model.lookAlikes.filter { $0.side == side && $0.point.distance(to: point) <= $0.radius }
        return TenderPointFit(nerve: within.first?.zone.site.nerve, best: within.first, nearest: scored.first,
                              withinLimit: within, lookAlikes: inside)
    }
}
