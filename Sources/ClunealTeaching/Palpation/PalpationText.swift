import ClunealAnatomy

extension PalpationWalk {
    /// The walk as text for a terminal: numbered steps, each with its sources, then the
    /// citations. Pure: the caller adds the notice and prints.
    public func text(unit: LengthUnit, atlas: Atlas, width: Int = 88) -> String {
        var out = title + "\n"
        out += TeachingText.wrap("Body: \(PalpationWalk.bodyWords(scaling, atlas: atlas)). Atlas \(atlas.id) \(atlas.version).", width: width) + "\n\n"
        for step in steps {
            out += "\(step.number). \(step.title)\n"
            out += TeachingText.wrap(step.instruction(in: unit), width: width, indent: "   ") + "\n"
            if let feel = step.feel {
                out += TeachingText.wrap("How to find it: " + feel, width: width, indent: "   ") + "\n"
            }
            if let block = step.block {
                out += TeachingText.wrap("Agent: " + block.agent, width: width, indent: "   ") + "\n"
                out += TeachingText.wrap("Reading the result: " + block.positiveResponse, width: width, indent: "   ") + "\n"
            }
            if !step.sourceIds.isEmpty {
                out += TeachingText.wrap("Sources: " + step.sourceIds.joined(separator: ", "), width: width, indent: "   ") + "\n"
            }
            out += "\n"
        }
        out += "Sources:\n"
        for id in sourceIds {
            let citation = atlas.source(id)?.citation ?? "(not in the bibliography)"
            out += TeachingText.wrap("[\(id)] \(citation)", width: width, indent: "    ", firstIndent: "  ") + "\n"
        }
        return out
    }

    /// The body the walk is scaled to, in words: "the atlas's 170 cm reference adult (no
    /// measurements given)" or the scaling summary.
    public static func bodyWords(_ scaling: Scaling, atlas: Atlas) -> String {
        if scaling.method == .reference {
            return "the atlas's \(LengthUnit.fixed(atlas.referenceStatureMillimetres / 10, 0)) cm reference adult (no measurements given)"
        }
        return "scaled by \(scaling.summary)"
    }
}
