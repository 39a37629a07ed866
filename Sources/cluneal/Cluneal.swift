import ArgumentParser

@main
struct Cluneal: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "cluneal",
        abstract: "Maps and answers about cluneal nerve entrapment, from a sourced anatomical atlas.",
        discussion: """
            Coordinates are in the body frame: origin on the posterior midline at the level of the \
            PSIS dimples, x toward the patient's left, z cranial. Sides are always the patient's. \
            Distances print in centimetres unless --units mm is given.

            \(Notice.text)

            Exit codes: 0 success, 64 usage, 65 bad data, 66 missing input, 73 cannot create output, 74 I/O error.
            """,
        version: version,
        subcommands: [AtlasCommand.self, MapCommand.self, Locate.self, Sites.self, Palpate.self, QuizCommand.self, GuideCommand.self]
    )
}
