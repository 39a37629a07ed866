import BodyGeometry
import ClunealAnatomy
import ClunealPalpation

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
    /// The lowest-scoring undisputed zone on that side, within the limit or not: the first
    /// undisputed entry of the Locator's ranked list (so the Locator's one ordering rule), not
    /// ``Finding/nearestZone``, which may be a disputed variant. The quiz explains a "none"
    /// answer with it because only undisputed zones can be the answer.
    public var nearestUndisputed: ZoneScore?
    /// Every undisputed zone on that side within the limit, lowest score first.
    public var withinLimit: [ZoneScore]
    /// Look-alike pain generators whose circle holds the point.
    public var lookAlikes: [PlacedLookAlike]
}

/// The rule that names the nerve a tender point fits, as the quiz grades it. It is the
/// palpation `Locator`'s rule, asked through the Locator so the two can never disagree: the
/// nerve of the undisputed zone on the point's side with the lowest standard score, if that
/// score is at most ``standardScoreLimit``; otherwise none.
public enum TenderPointRule {
    /// Two standard deviations (the Locator's match limit).
    public static let standardScoreLimit = Locator.matchLimit

    /// `error`: the palpation error added to every zone's spread (`nil`: the atlas's default).
    public static func classify(_ point: Point, side: Side, in model: BodyModel, error: PalpationUncertainty? = nil) -> TenderPointFit {
        classify(point, side: side, with: Locator(model: model, palpationError: error))
    }

    /// The same, with a Locator built once for many points on one body.
    public static func classify(_ point: Point, side: Side, with locator: Locator) -> TenderPointFit {
        guard let tenderPoint = try? TenderPoint(side: side, point: point) else {
            return TenderPointFit(nerve: nil, best: nil, nearestUndisputed: nil, withinLimit: [], lookAlikes: [])
        }
        let finding = locator.locate(tenderPoint)
        let scored = finding.candidates.filter { !$0.disputed && $0.standardScore.isFinite }
            .map { ZoneScore(zone: $0.zone, standardScore: $0.standardScore) }
        let within = scored.filter { $0.standardScore <= standardScoreLimit }
        let best = finding.bestMatch.map { ZoneScore(zone: $0.zone, standardScore: $0.standardScore) }
        return TenderPointFit(nerve: finding.bestMatch?.nerve, best: best, nearestUndisputed: scored.first, withinLimit: within,
                              lookAlikes: finding.lookAlikes.filter(\.inside).map(\.lookAlike))
    }
}
