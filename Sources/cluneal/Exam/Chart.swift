import ArgumentParser
import ClunealAnatomy
import ClunealPalpation
import ClunealFigures
import ClunealRender
import Foundation

/// `cluneal chart EXAM.json`: every tender point of one exam on one chart, a note per point,
/// or the findings as JSON.
struct Chart: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chart",
        abstract: "Chart an exam: every tender point of one person on one map with a header, a table of findings and block relief.",
        discussion: """
            EXAM.json holds patient (id, sex, optional age), date (YYYY-MM-DD), optional examiner, \
            measurements (as a measurements file), symptoms (ids or words), redFlagsScreened and \
            tenderPoints (label, side, from, lateral, vertical, optional pain 0-10 and block with \
            agent, volume in mL, painBefore, painAfter, minutes). Schema: Atlas/exam.schema.json; \
            example: Samples/exam.json.

            Without -o the findings are printed as text (--brief: at most 8 lines per point); --json \
            prints each finding as locate --json does, with the patient, date, label, pain and \
            block relief. -o chart.png|svg|pdf draws the chart (life size; --paper a4|letter|a3 --fit or --tile for PDF). Bad exam files end with 65 naming the \
            field, file and line.

            \(Notice.text)
            """)

    @Argument(help: ArgumentHelp("The exam file (JSON).", valueName: "exam.json"))
    var examPath: String

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Draw the chart to this file (.png, .svg or .pdf; repeat to write several from one chart; --paper a4 --fit prints it on one sheet).", valueName: "file"))
    var outputs: [OutputTarget] = []

    @Flag(help: "At most 8 lines per point in plain clinical words, for the record.")
    var brief = false

    @OptionGroup var symptoms: SymptomOptions

    @OptionGroup var paper: PaperOptions
    @OptionGroup var atlasOptions: AtlasOptions
    @OptionGroup var palpation: PalpationErrorOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if examPath.isEmpty { throw ValidationError("EXAM.json: needs a file path, not an empty string.") }
        if !symptoms.reported.isEmpty || symptoms.screened {
            throw ValidationError("--symptom and --red-flags-screened are for locate; an exam file has its own symptoms and redFlagsScreened.")
        }
        if brief && output.json { throw ValidationError("--brief is a text note; drop --json or --brief.") }
        for target in outputs {
            if target.argument.isEmpty { throw ValidationError("--output needs a file path, not an empty string.") }
            guard !target.isStandardOutput, FigureFormat(target) != nil else {
                throw ValidationError("--output \(target): the chart is written as .png, .svg or .pdf.")
            }
        }
        if paper.paper != nil {
            guard !outputs.isEmpty else { throw ValidationError("--paper needs the chart: -o FILE.pdf.") }
            if paper.paper == .slide { throw ValidationError("--paper slide is for `cluneal map`; a chart prints with --paper a4 --fit or --tile.") }
            try paper.validate(outputs: outputs, isHandout: false)
        }
    }

    func run() throws {
        try reportingErrors { try execute() }
    }

    private func execute() throws(CLIError) {
        let atlas = try atlasOptions.load()
        // The chart's files are checked before any work; none can be the exam, an atlas file or
        // another of them.
        let inputs = [examPath, symptoms.cataloguePath(for: atlas)] + AtlasFiles.inputPaths(of: atlas)
        let chartFiles = outputs.isEmpty ? [] : try OutputFiles.resolve(outputs, inputs: inputs)
        let exam: Exam
        do {
            exam = try Exam.load(AtlasInput(file: examPath, bytes: try FileIO.read(examPath, what: "exam")))
        } catch let error as ExamError {
            throw CLIError(.dataError, error.description)
        } catch let error as CLIError {
            throw error
        } catch {
            throw CLIError(.dataError, "\(examPath): \(error)")
        }
        let model: BodyModel
        do { model = try BodyModel(atlas: atlas, measurements: exam.measurements) } catch { throw CLIError(.dataError, "\(examPath): measurements: \(error)") }
        let catalogue = try symptoms.catalogue(for: atlas, required: !(exam.document.symptoms ?? []).isEmpty)
        let findings: [ExamFinding]
        let screening: RedFlagScreening
        do throws(ExamError) {
            screening = try exam.screening(with: catalogue)
            findings = try exam.locate(with: Locator(model: model, palpationError: palpation.error(for: atlas)), screening: screening)
        } catch {
            throw CLIError(.dataError, error.description)
        }
        if output.json {
            let record = ChartRecord(exam: exam, findings: findings, screening: screening, atlas: atlas, catalogue: catalogue,
                                     frame: BodyFrameText.short, notice: Notice.text)
            try StandardOutput.write(JSONOutput.encode(record))
        } else {
            try StandardOutput.write(text(exam: exam, findings: findings, screening: screening, model: model, atlas: atlas))
        }
        if !chartFiles.isEmpty {
            // A chart fitted onto a smaller sheet grows its text as the map's labels do.
            let scene = MapOutput.fitted(for: paper.layout) {
                ExamChartComposer.compose(exam: exam, findings: findings, screening: screening, model: model, printScale: $0)
            }
            let written = try MapOutput.write(scene, model: model, to: chartFiles, pxPerMm: 4, compression: .fast, layout: paper.layout)
            for (target, description) in written { StandardError.write("wrote \(target) (the exam chart: \(description))") }
        }
    }

    private func text(exam: Exam, findings: [ExamFinding], screening: RedFlagScreening, model: BodyModel, atlas: Atlas) -> String {
        var out = ExamChartComposer.headerLines(exam: exam, screening: screening, model: model).joined(separator: "\n") + "\n"
        if let referral = screening.referralMessage { out = FindingText.wrap(referral) + "\n\n" + out }
        for ef in findings {
            out += "\n"
            if brief {
                out += BriefNote.lines(ef.finding, label: ef.point.label, pain: ef.point.pain, block: ef.point.block).joined(separator: "\n") + "\n"
            } else {
                out += "== Point \(ef.point.label)\(ef.point.pain.map { ", pain \(LengthUnit.fixed($0, 0))/10" } ?? "") ==\n"
                if let relief = ef.point.relief, let block = ef.point.block {
                    out += "Block given: \(block.agent), \(LengthUnit.fixed(block.volume, 1)) mL; \(relief.words)\n"
                }
                // The notice is printed once, at the end.
                out += FindingText.render(ef.finding, atlas: atlas, output: output, notice: false) + "\n"
            }
        }
        return out + "\n\(Notice.text)\n"
    }
}
