import ClunealAnatomy

/// How an answer was graded.
public enum QuizGrade: String, Codable, Hashable, Sendable, CaseIterable {
    case right, close, wrong

    /// Right 1, close ½, wrong 0.
    public var points: Double {
        switch self {
        case .right: 1
        case .close: 0.5
        case .wrong: 0
        }
    }
}

/// A given answer and its grade.
public struct QuizResponse: Codable, Hashable, Sendable {
    public var questionNumber: Int
    /// The answer as typed.
    public var given: String
    /// How it was read ("superior", "7.0 cm"), or `nil` when it could not be read.
    public var reading: String?
    public var grade: QuizGrade
    public var points: Double
    /// One line: the grade and, when not right, the answer.
    public var feedback: String
}

/// The score of a finished (or stopped) quiz.
public struct QuizScore: Codable, Hashable, Sendable {
    public var asked: Int
    public var answered: Int
    public var right: Int
    public var close: Int
    public var wrong: Int
    /// Right 1, close ½.
    public var points: Double
    /// One point per answered question.
    public var possible: Int
    /// True when the answers ran out before the last question.
    public var stoppedEarly: Bool

    public init(responses: [QuizResponse], asked: Int) {
        self.asked = asked
        answered = responses.count
        right = responses.filter { $0.grade == .right }.count
        close = responses.filter { $0.grade == .close }.count
        wrong = responses.filter { $0.grade == .wrong }.count
        points = responses.reduce(0) { $0 + $1.points }
        possible = responses.count
        stoppedEarly = responses.count < asked
    }

    /// "Score: 3.5 of 5 (3 right, 1 close, 1 wrong)."
    public var text: String {
        var s = "Score: \(QuizScore.number(points)) of \(possible) (\(right) right, \(close) close, \(wrong) wrong)."
        if stoppedEarly { s += " The answers ended after \(answered) of \(asked) questions; the score covers those." }
        return s
    }

    static func number(_ v: Double) -> String {
        v == v.rounded() ? String(Int(v)) : LengthUnit.fixed(v, 1)
    }
}

/// What a typed answer was read as.
public enum QuizReading: Hashable, Sendable {
    case choice(QuizChoice)
    case distance(Length)
    case skipped
}

extension QuizQuestion {
    /// Words that mean "I don't know" and count as a wrong answer.
    public static let skipWords: Set<String> = ["skip", "pass", "?", "don't know", "dont know", "idk"]

    /// Reads a typed answer. Choice questions take the choice's number, its label, an alias
    /// or an unambiguous start of the label; distance questions take a length with or without
    /// a unit (a bare number is in `unit`). Throws ``TeachingError/unreadableAnswer(_:reason:)``.
    public func read(_ text: String, unit: LengthUnit = .centimetres) throws(TeachingError) -> QuizReading {
        let t = Self.normalised(text)
        if t.isEmpty { throw .unreadableAnswer(text, reason: "no answer given") }
        if Self.skipWords.contains(t) { return .skipped }
        if choices.isEmpty {
            let length: Length
            do { length = try Length.parse(t, defaultUnit: unit) } catch {
                throw .unreadableAnswer(text, reason: error.description)
            }
            guard length.millimetres >= 0 else { throw .unreadableAnswer(text, reason: "a distance from the midline is not negative") }
            return .distance(length)
        }
        if let n = Int(t) {
            guard let c = choices.first(where: { $0.number == n }) else {
                throw .unreadableAnswer(text, reason: "choose a number from 1 to \(choices.count)")
            }
            return .choice(c)
        }
        if let c = choices.first(where: { Self.normalised($0.label) == t || $0.value == t || $0.aliases.contains(t) }) {
            return .choice(c)
        }
        // Starts and parts of a label need three letters: "s" alone could be several choices.
        let starting = t.count >= 3 ? choices.filter { Self.normalised($0.label).hasPrefix(t) } : []
        if starting.count == 1, let c = starting.first { return .choice(c) }
        let containing = t.count >= 3 ? choices.filter { Self.normalised($0.label).contains(t) } : []
        if containing.count == 1, let c = containing.first { return .choice(c) }
        if starting.count > 1 || containing.count > 1 {
            throw .unreadableAnswer(text, reason: "\"\(text)\" fits more than one choice; give its number")
        }
        throw .unreadableAnswer(text, reason: "not one of the choices; give a number from 1 to \(choices.count)")
    }

    /// Grades a typed answer. Throws when it cannot be read (the caller decides whether to ask
    /// again or to count it wrong with ``unreadable(_:reason:)``).
    public func grade(_ text: String, unit: LengthUnit = .centimetres) throws(TeachingError) -> QuizResponse {
        switch try read(text, unit: unit) {
        case .skipped:
            return response(text, reading: "skipped", grade: .wrong, feedback: "Skipped. The answer: \(answer.text.lowercasedFirst).")
        case .choice(let c):
            if c.value == answer.value { return response(text, reading: c.label, grade: .right, feedback: "Right: \(answer.text.lowercasedFirst).") }
            return response(text, reading: c.label, grade: .wrong, feedback: "Wrong: you said \(c.label.lowercasedFirst); the answer is \(answer.text.lowercasedFirst).")
        case .distance(let length):
            let given = length.millimetres
            guard let truth = answer.millimetres, let sd = answer.sdMillimetres, sd > 0 else {
                return response(text, reading: unit.format(given), grade: .wrong, feedback: "This question takes a choice, not a distance.")
            }
            let off = abs(given - truth)
            let z = off / sd
            let grade: QuizGrade = z <= 1 ? .right : (z <= 2 ? .close : .wrong)
            let verdict = grade == .right ? "Right" : (grade == .close ? "Close" : "Wrong")
            return response(text, reading: unit.format(given), grade: grade,
                            feedback: "\(verdict): you said \(unit.format(given)); the model says \(answer.text), so you were \(unit.format(off)) off (\(LengthUnit.fixed(z, 1)) SD).")
        }
    }

    /// An answer that could not be read, counted wrong (used when stdin is not a terminal).
    public func unreadable(_ text: String, reason: String) -> QuizResponse {
        response(text, reading: nil, grade: .wrong, feedback: "Could not read \"\(text)\" (\(reason)), so it counts as wrong. The answer: \(answer.text.lowercasedFirst).")
    }

    private func response(_ given: String, reading: String?, grade: QuizGrade, feedback: String) -> QuizResponse {
        QuizResponse(questionNumber: number, given: given, reading: reading, grade: grade, points: grade.points, feedback: feedback)
    }

    /// Lowercased, trimmed, inner spaces collapsed, a final full stop dropped.
    static func normalised(_ s: String) -> String {
        var t = s.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }).joined(separator: " ")
        while t.hasSuffix(".") || t.hasSuffix("!") { t.removeLast() }
        for suffix in [" nerves", " nerve", " cluneal"] where t.hasSuffix(suffix) && t.count > suffix.count {
            t.removeLast(suffix.count)
        }
        return t
    }
}
