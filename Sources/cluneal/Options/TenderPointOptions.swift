import ArgumentParser
import ClunealAnatomy
import ClunealPalpation

extension InputFrame: ExpressibleByArgument {}

/// `--side`, `--from`, `--lateral`, `--vertical`: one tender point measured with a tape.
struct TenderPointOptions: ParsableArguments {
    @Option(help: "The patient's side the tender point is on: left or right.")
    var side: Side?

    @Option(help: ArgumentHelp(
        "Where the distances are measured from: midline, psis or crest.",
        discussion: InputFrame.allCases.map { "\($0.rawValue): \($0.summary)" }.joined(separator: "; ") + "."))
    var from: InputFrame?

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Lateral distance, e.g. 7cm or 70mm (bare numbers are cm): away from the midline; with --from psis, away from the PSIS (negative = medial of it).",
        valueName: "length"), transform: ArgumentTransforms.length)
    var lateral: Length?

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Vertical distance, cranial positive, e.g. -2.85cm: from the PSIS level (midline), the PSIS (psis) or the crest line (crest).",
        valueName: "length"), transform: ArgumentTransforms.length)
    var vertical: Length?

    var isEmpty: Bool { side == nil && from == nil && lateral == nil && vertical == nil }

    /// The point as given, checked for finite lengths within ``PalpationLimits``; `nil` if incomplete.
    func input() throws(ValidationError) -> TenderPointInput {
        guard let side else { throw ValidationError("--side is required: left or right (the patient's side).") }
        guard let from else { throw ValidationError("--from is required: midline, psis or crest.") }
        guard let lateral else { throw ValidationError("--lateral is required, e.g. --lateral 7cm.") }
        guard let vertical else { throw ValidationError("--vertical is required, e.g. --vertical 0 or --vertical -2.85cm.") }
        let input = TenderPointInput(side: side, frame: from, lateral: lateral, vertical: vertical)
        do {
            try PalpationLimits.check(input)
        } catch {
            throw ValidationError("--\(error.field): \(error.message).")
        }
        return input
    }
}

/// `--symptom` (repeatable) and `--symptom-catalogue`.
struct SymptomOptions: ParsableArguments {
    @Option(name: .customLong("symptom"), help: ArgumentHelp(
        "A symptom the person reports (repeatable): an id, a synonym, or a unique word or prefix (--symptom bladder, --symptom saddle). Urgent red flags (cauda equina) put a referral first and withhold the block; caution flags say what to rule out first.",
        discussion: "Ids and synonyms are listed in Atlas/symptoms.json; an ambiguous word lists its candidates and an unknown one suggests the nearest ids (exit 64).",
        valueName: "word"))
    var reported: [String] = []

    @Flag(name: .customLong("red-flags-screened"), help: "Record that the clinician assessed the red flags (printed and in the JSON as redFlagsScreened).")
    var screened = false

    @Option(name: .customLong("symptom-catalogue"), help: ArgumentHelp(
        "Symptom catalogue to use instead of symptoms.json next to the atlas file.", valueName: "file"))
    var cataloguePath: String?

    func validate() throws {
        if let cataloguePath, cataloguePath.isEmpty { throw ValidationError("--symptom-catalogue needs a file path, not an empty string.") }
        if reported.contains(where: { $0.allSatisfy(\.isWhitespace) }) { throw ValidationError("--symptom needs a symptom id or word, not an empty string.") }
    }

    /// The catalogue file: the given one, or symptoms.json beside the atlas.
    func cataloguePath(for atlas: Atlas) -> String {
        if let cataloguePath { return cataloguePath }
        let folder = atlas.file.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        return (folder.isEmpty ? "." : folder) + "/symptoms.json"
    }

    /// The catalogue: the given file, or symptoms.json beside the atlas. Without a path given,
    /// a missing default file is only an error when `required`.
    func catalogue(for atlas: Atlas, required: Bool) throws(CLIError) -> SymptomCatalogue? {
        let path = cataloguePath(for: atlas)
        if cataloguePath == nil, !required, !FileIO.exists(path) { return nil }
        let input = try DataFiles.read(path, what: "symptom catalogue")
        do {
            return try SymptomCatalogue.load(input, atlas: atlas)
        } catch {
            throw CLIError(error)
        }
    }
}

/// `--cases`, `--format`, `-o`: many tender points from a CSV file.
struct BatchOptions: ParsableArguments {
    @Option(name: .customLong("cases"), help: ArgumentHelp(
        "A CSV file of tender points to locate in one run (header below); writes one result per row.", valueName: "file"))
    var casesPath: String?

    @Option(help: "Output format for --cases: jsonl (one JSON object per line, the default) or csv.")
    var format: BatchFormat?

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp(
        "With --cases: write the results to this file (atomically; - is standard output, the default) instead of standard output. For one point: draw the map with the point, its zones and the nearest path (.png, .svg or .pdf).", valueName: "file"))
    var outputs: [OutputTarget] = []
    /// The one file `-o` names (``OutputTarget/single(_:)`` refuses a repeat in `validate()`).
    var outputPath: OutputTarget? { outputs.first }

    enum BatchFormat: String, ExpressibleByArgument, CaseIterable {
        case jsonl, csv
    }

    func validate() throws {
        if let casesPath, casesPath.isEmpty { throw ValidationError("--cases needs a file path, not an empty string.") }
        if let outputPath = try OutputTarget.single(outputs), outputPath.argument.isEmpty {
            throw ValidationError("--output needs a file path, not an empty string.")
        }
    }
}
