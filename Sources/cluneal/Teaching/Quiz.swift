import ArgumentParser
import ClunealAnatomy
import ClunealTeaching

/// `cluneal quiz`: an interactive quiz in the terminal, scriptable through stdin.
struct QuizCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quiz",
        abstract: "Quiz yourself on cluneal nerve anatomy: which nerve a tender point fits, where a branch crosses the crest, which structure a map marker stands on.",
        discussion: """
            Answers are read one per line from standard input, so a quiz can be piped and scripted: \
            a choice by its number or name (superior, s, 1...), a distance as a length (7cm, 70mm; a \
            bare number is in --units). "skip" passes. Typed at a terminal, an unreadable answer is \
            asked once more; piped, it counts as wrong. When the input ends early the quiz stops and \
            the score covers the questions answered (exit 0).

            Without --seed a random seed is chosen and printed, so any quiz can be repeated. Each \
            question describes a generated person unless measurements are given, in which case every \
            question is about that person.

            With --json nothing is printed until the end (the questions go to stderr only when someone \
            is typing at a terminal); then the questions, the answers given, their grades, the \
            explanations, sources, marker maps and the score print as one JSON document.
            """)

    @Option(parsing: .unconditional, help: ArgumentHelp("How many questions (1 to 50).", valueName: "n"))
    var count: Int = 8

    @Option(parsing: .unconditional, help: ArgumentHelp("Seed for the questions: the same seed gives the same quiz (any whole number from 0 to 18446744073709551615).", valueName: "n"))
    var seed: UInt64?

    @Option(help: ArgumentHelp("Question kinds, comma-separated: nerve (which nerve a tender point fits), crest (where a branch crosses the crest), marker (which structure a map marker is). Default: all.", valueName: "kinds"),
            transform: { try ArgumentTransforms.list($0, of: QuizKind.self, what: "kind") })
    var kinds: [QuizKind]?

    @OptionGroup var atlasOptions: AtlasOptions
    @OptionGroup var measurementOptions: MeasurementOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var palpation: PalpationErrorOptions

    func validate() throws {
        guard Quiz.countLimit.contains(count) else {
            throw ValidationError("--count must be from \(Quiz.countLimit.lowerBound) to \(Quiz.countLimit.upperBound), not \(count).")
        }
    }

    struct QuizView: Encodable {
        var atlas: AtlasReference
        var seed: UInt64
        var kinds: [QuizKind]
        var units: String
        var questions: [QuizQuestion]
        var responses: [QuizResponse]
        var maps: [MarkerMap]
        var score: QuizScore
        var frame: String
        var notice: String
    }

    func run() throws {
        try reportingErrors {
            let atlas = try atlasOptions.load()
            let people: QuizPeople = measurementOptions.isEmpty ? .generated : .fixed(try measurementOptions.measurements(for: atlas))
            let unit = output.units.lengthUnit
            var system = SystemRandomNumberGenerator()
            let seed = self.seed ?? system.next()
            let quiz: Quiz
            let chosenKinds = kinds ?? QuizKind.allCases
            do throws(TeachingError) {
                quiz = try Quiz.generate(atlas: atlas, seed: seed, count: count, kinds: chosenKinds, people: people, unit: unit,
                                         palpationError: palpation.error(for: atlas))
            } catch {
                throw CLIError(error)
            }
            let interactive = StandardInput.isTerminal
            // With --json the questions go to stderr, and only when someone is typing.
            let json = output.json
            func show(_ text: String) throws(CLIError) {
                if json {
                    if interactive { StandardError.write(text, newline: false) }
                } else {
                    try StandardOutput.write(text)
                }
            }
            try show(quiz.headerText() + Notice.text + "\n\n")
            var responses: [QuizResponse] = []
            let answers = try AnswerLines.standardInput()
            questions: for question in quiz.questions {
                try show(question.promptText())
                var attempts = 0
                while true {
                    try show("Your answer: ")
                    guard let line = try answers.nextLine(maxBytes: AnswerLines.maxLineBytes, what: "answer line") else {
                        try show("\n\n")
                        break questions
                    }
                    if !interactive { try show(line + "\n") }
                    attempts += 1
                    do throws(TeachingError) {
                        responses.append(try question.grade(line, unit: unit))
                    } catch {
                        let reason: String
                        if case .unreadableAnswer(_, let why) = error { reason = why } else { reason = error.description }
                        if interactive && attempts < 2 {
                            try show("  \(reason.prefix(1).uppercased() + reason.dropFirst()). Try once more.\n")
                            continue
                        }
                        responses.append(question.unreadable(line, reason: reason))
                    }
                    break
                }
                if let last = responses.last { try show(question.reviewText(last, atlas: atlas) + "\n") }
            }
            let score = QuizScore(responses: responses, asked: quiz.questions.count)
            if output.json {
                let view = QuizView(atlas: AtlasReference(atlas), seed: quiz.seed, kinds: quiz.kinds, units: unit.rawValue,
                                    questions: quiz.questions, responses: responses, maps: quiz.maps, score: score,
                                    frame: BodyFrameText.short, notice: Notice.text)
                try StandardOutput.write(try JSONOutput.encode(view))
                return
            }
            try StandardOutput.write(score.text + "\n")
        }
    }
}
