import BodyGeometry
import ClunealAnatomy

/// The kinds of question the quiz asks.
public enum QuizKind: String, Codable, Hashable, Sendable, CaseIterable {
    /// "Which nerve does this tender point fit?" (superior, middle, inferior, none).
    case nerve
    /// "Where does this branch cross the crest for this person?" (a distance, graded against
    /// the zone's SD).
    case crest
    /// "Which structure is marker N on this map?" (one of the map's names).
    case marker

    public var summary: String {
        switch self {
        case .nerve: "which nerve a tender point fits"
        case .crest: "where a superior cluneal branch crosses the crest"
        case .marker: "which structure a numbered map marker stands on"
        }
    }
}

/// A generated quiz: its questions and the marker maps the marker questions refer to.
public struct Quiz: Codable, Hashable, Sendable {
    public var seed: UInt64
    public var kinds: [QuizKind]
    public var questions: [QuizQuestion]
    /// Marker maps, referred to by ``MarkerQuestion/mapIndex``.
    public var maps: [MarkerMap]
}

/// One question, with its answer key, explanation and sources.
public struct QuizQuestion: Codable, Hashable, Sendable {
    public var number: Int
    public var kind: QuizKind
    /// The question as a trainee reads it (distances in the quiz's units).
    public var prompt: String
    /// Numbered choices; empty for distance questions.
    public var choices: [QuizChoice]
    public var person: QuizPerson
    public var answer: QuizAnswerKey
    /// Why the answer is right, in the quiz's units.
    public var explanation: String
    public var sourceIds: [String]
    /// Set for ``QuizKind/nerve``.
    public var tenderPoint: TenderPointCase?
    /// Set for ``QuizKind/crest``.
    public var crossing: CrossingCase?
    /// Set for ``QuizKind/marker``.
    public var marker: MarkerQuestion?
}

public struct QuizChoice: Codable, Hashable, Sendable {
    /// 1, 2, 3...
    public var number: Int
    public var label: String
    /// What the choice stands for: a nerve group, `none`, or an atlas id.
    public var value: String
    /// Other words accepted for this choice (`s`, `scn`...).
    public var aliases: [String]
}

/// The right answer.
public struct QuizAnswerKey: Codable, Hashable, Sendable {
    /// The answer in words ("superior", "7.4 cm", "Posterior superior iliac spine (PSIS)").
    public var text: String
    /// The number of the right choice, for choice questions.
    public var choice: Int?
    /// The value of the right choice.
    public var value: String?
    /// The true distance, for distance questions (millimetres).
    public var millimetres: Double?
    /// One standard deviation of that distance for this person (millimetres).
    public var sdMillimetres: Double?
}

/// The tender point of a "which nerve" question.
public struct TenderPointCase: Codable, Hashable, Sendable {
    public var side: Side
    /// Body frame, millimetres, rounded to whole millimetres (what the prompt shows).
    public var pointMillimetres: Point
    /// What the generator aimed at (a nerve group or `none`); the answer is what the rule says.
    public var drawnFrom: String
    /// The zone the point was drawn from, if any.
    public var drawnFromZone: String?
    /// The deciding zone and its standard score, when the answer is a nerve.
    public var zoneId: String?
    public var standardScore: Double?
    /// The nearest undisputed zone on that side and its score.
    public var nearestZoneId: String?
    public var nearestStandardScore: Double?
    /// Look-alikes whose circle holds the point.
    public var lookAlikeIds: [String]
}

/// The branch and zone of a "where does it cross the crest" question.
public struct CrossingCase: Codable, Hashable, Sendable {
    public var side: Side
    public var siteId: String
    public var branchId: String
    public var zoneId: String
    /// The zone's centre for this person (body frame, millimetres).
    public var centreMillimetres: Point
    /// The same point, along the crest from the PSIS (millimetres).
    public var alongCrestMillimetres: Double
}

/// Which marker of which map a marker question asks about.
public struct MarkerQuestion: Codable, Hashable, Sendable {
    /// Index into ``Quiz/maps``.
    public var mapIndex: Int
    public var markerNumber: Int
}
