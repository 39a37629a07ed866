import ClunealAnatomy

extension Quiz {
    /// The lines shown before the first question.
    public func headerText(width: Int = 88) -> String {
        let kindsText = kinds.map(\.summary).joined(separator: "; ")
        var out = TeachingText.wrap("Cluneal quiz: \(questions.count) question\(questions.count == 1 ? "" : "s") on \(kindsText). Seed \(seed): run again with --seed \(seed) for the same questions.", width: width) + "\n"
        out += TeachingText.wrap("Type the number or the name of a choice, or a length such as 7cm or 70mm; \"skip\" passes. Right scores 1, close (distances within 2 SD) scores ½.", width: width) + "\n"
        return out
    }
}

extension QuizQuestion {
    /// The question and its choices, ready to print before reading an answer.
    public func promptText(width: Int = 88) -> String {
        var out = TeachingText.wrap(prompt, width: width) + "\n"
        switch kind {
        case .nerve:
            out += "  " + choices.map { "\($0.number) \($0.label)" }.joined(separator: "   ") + "\n"
        case .marker:
            for c in choices { out += TeachingText.wrap(c.label, width: width, indent: "      ", firstIndent: "  \(c.number). ") + "\n" }
        case .crest:
            break
        }
        return out
    }

    /// After an answer: the grade, why, and the sources with their citations.
    public func reviewText(_ response: QuizResponse, atlas: Atlas, width: Int = 88) -> String {
        var out = TeachingText.wrap(response.feedback, width: width, indent: "  ", firstIndent: "→ ") + "\n"
        out += TeachingText.wrap(explanation, width: width, indent: "  ", firstIndent: "  ") + "\n"
        if !sourceIds.isEmpty {
            out += "  Sources:\n"
            for id in sourceIds {
                out += TeachingText.wrap("[\(id)] \(atlas.source(id)?.citation ?? "(not in the bibliography)")", width: width, indent: "      ", firstIndent: "    ") + "\n"
            }
        }
        return out
    }
}
