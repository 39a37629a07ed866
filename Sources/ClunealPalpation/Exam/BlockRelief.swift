import ClunealAnatomy

/// How much a diagnostic block relieved the pain, judged against the sourced positive-block
/// thresholds: the one rule every output (chart, JSON, brief note) uses.
public struct BlockRelief: Hashable, Sendable {
    /// At least this relief (percent) is a positive block (Kuniya 2014: > 50 % VAS reduction;
    /// Gautam 2022: > 50 % NRS reduction for at least 2 h).
    public static let positivePercent = 50.0
    /// The stricter criterion: at least this relief 1 h after an ultrasound-guided block (Kiral 2024).
    public static let strictPercent = 70.0
    /// Bibliography ids behind the two thresholds.
    public static let sources = ["kuniya-2014", "kiral-2024"]

    public enum Verdict: String, Hashable, Sendable, Codable {
        /// At least the strict threshold.
        case positiveStrict = "positive-strict"
        /// At least the usual threshold, below the strict one.
        case positive
        case negative
        /// No pain before the block: relief cannot be judged.
        case notAssessable = "not-assessable"
    }

    /// (before − after) / before × 100; `nil` when there was no pain before.
    public let percent: Double?
    public let verdict: Verdict
    public let minutes: Double

    public init(painBefore: Double, painAfter: Double, minutes: Double) {
        self.minutes = minutes
        guard painBefore > 0 else {
            percent = nil
            verdict = .notAssessable
            return
        }
        let p = (painBefore - painAfter) / painBefore * 100
        percent = p
        verdict = p >= Self.strictPercent ? .positiveStrict : p >= Self.positivePercent ? .positive : .negative
    }

    /// "86 % relief at 30 min: positive (≥ 50 %; also ≥ 70 %, the strict criterion)".
    public var words: String {
        guard let percent else { return "relief not assessable (no pain before the block)" }
        let head = "\(LengthUnit.fixed(percent, 0)) % relief at \(LengthUnit.fixed(minutes, 0)) min"
        switch verdict {
        case .positiveStrict: return "\(head): positive (≥ \(Int(Self.positivePercent)) %; also ≥ \(Int(Self.strictPercent)) %, the strict criterion)"
        case .positive: return "\(head): positive (≥ \(Int(Self.positivePercent)) %; below the strict \(Int(Self.strictPercent)) %)"
        case .negative: return "\(head): negative (< \(Int(Self.positivePercent)) %)"
        case .notAssessable: return head
        }
    }
}
