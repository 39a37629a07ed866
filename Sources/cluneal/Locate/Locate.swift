import ArgumentParser
import ClunealFigures
import ClunealRender
import Foundation
import ClunealAnatomy
import ClunealPalpation

/// `cluneal locate`: which nerve and zone a tender point fits, how far, where to block, and
/// when to stop and refer. One point from flags, or many from a CSV file (`--cases`).
struct Locate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "locate",
        abstract: "Locate a tender point: which cluneal nerve and zone, how far, where to block, and when to refer instead.",
        discussion: """
            One point: --side left|right --from midline|psis|crest --lateral LENGTH --vertical LENGTH \
            (lengths like 7cm or 70mm; bare numbers are cm; vertical is cranial positive). Every \
            zone on that side is ranked by standard score (distance in the zone's own SDs); the best \
            match is the lowest within 2 SD that is not a disputed variant, or none, which means the \
            point is not typical of cluneal entrapment. Red-flag symptoms (--symptom) put an \
            urgent-referral message before anything else and withhold the block.

            Many points: --cases FILE.csv writes one JSON object per line (or CSV with --format csv), \
            in input order, using every core. The header names the columns, in any order: \
            case, side, from, lateral, vertical (required) and height, sex, psis_from_midline, \
            crest_height, bicristal_width, symptoms (optional), for example \
            "case,side,from,lateral,vertical,height,symptoms". In each row, case is an id of your choice; side, from, lateral and vertical are as for one point; the \
            optional measurements scale that row's body as the measurement flags do; symptoms is a \
            ;-separated list of symptom ids. Quoted fields, a UTF-8 BOM and CRLF line ends are fine; \
            decimal commas are refused. A bad row is reported on stderr with its row and line and \
            the field, the other rows still run, and the exit status is then 65. Example: \
            Samples/cases.csv.

            \(Notice.text)
            """)

    @OptionGroup var point: TenderPointOptions
    @OptionGroup var symptoms: SymptomOptions
    @OptionGroup var batch: BatchOptions
    @OptionGroup var atlasOptions: AtlasOptions
    @OptionGroup var measurementOptions: MeasurementOptions
    @OptionGroup var palpation: PalpationErrorOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var paper: PaperOptions

    @Flag(help: "A short note for the record: at most 8 lines in plain clinical words (which nerve group, how typical, where to block, what to rule out).")
    var brief = false

    func validate() throws {
        if brief && (output.json || batch.casesPath != nil) { throw ValidationError("--brief is a text note for one point; drop --json or --cases.") }
        if batch.casesPath != nil {
            if !point.isEmpty {
                throw ValidationError("--cases reads side, from, lateral and vertical from the file; drop --side, --from, --lateral and --vertical.")
            }
            if !symptoms.reported.isEmpty {
                throw ValidationError("--symptom cannot be combined with --cases; put symptoms in the file's symptoms column.")
            }
            if measurementOptions.isGiven {
                throw ValidationError("measurement flags cannot be combined with --cases; put height, sex, psis_from_midline, crest_height and bicristal_width in the file's columns.")
            }
            if output.json {
                throw ValidationError("--json is for one point; with --cases the output is JSON lines (--format jsonl, the default) or CSV (--format csv).")
            }
            if paper.paper != nil { throw ValidationError("--paper is for the map of one point (-o FILE.pdf), not for --cases.") }
        } else {
            if batch.format != nil { throw ValidationError("--format is for --cases; use --json for one point.") }
            if let target = batch.outputPath {
                if target.isStandardOutput {
                    throw ValidationError("--output -: for one point standard output carries the finding; name a .png, .svg or .pdf file for the map.")
                }
                guard FigureFormat(target) != nil else {
                    throw ValidationError("--output \(target): for one point it is the map, so the file name must end in .png, .svg or .pdf.")
                }
            }
            if paper.paper != nil {
                guard let path = batch.outputPath else { throw ValidationError("--paper needs the map of the point: -o FILE.pdf.") }
                if paper.paper == .slide { throw ValidationError("--paper slide is for `cluneal map`; the map of a point prints with --paper a4 --fit or --tile.") }
                try paper.validate(outputs: [path], isHandout: false)
            }
            _ = try point.input()
        }
    }

    func run() throws {
        try reportingErrors { try execute() }
    }

    private func execute() throws(CLIError) {
        let atlas = try atlasOptions.load()
        if let casesPath = batch.casesPath {
            let inputs = [casesPath, symptoms.cataloguePath(for: atlas)] + AtlasFiles.inputPaths(of: atlas)
            let output = try OutputFiles.resolve([batch.outputPath ?? OutputTarget("-")], inputs: inputs)[0]
            try BatchRunner(atlas: atlas, symptomOptions: symptoms, format: batch.format ?? .jsonl, palpationError: palpation.error(for: atlas))
                .run(casesPath: casesPath, output: output)
            return
        }
        // The map's file is checked before any work.
        let inputs = [symptoms.cataloguePath(for: atlas)] + measurementOptions.inputPaths + AtlasFiles.inputPaths(of: atlas)
        let mapFile = try batch.outputPath.map { target throws(CLIError) in try OutputFiles.resolve([target], inputs: inputs)[0] }
        let input: TenderPointInput
        do { input = try point.input() } catch { throw CLIError(.usage, error.message) }
        let model = try measurementOptions.model(for: atlas)
        let catalogue = try symptoms.catalogue(for: atlas, required: !symptoms.reported.isEmpty)
        var screening = RedFlagScreening.none.screened(symptoms.screened)
        if let catalogue {
            do {
                screening = try catalogue.screen(symptoms.reported, field: "--symptom", screened: symptoms.screened)
            } catch {
                throw CLIError(error, code: .usage)
            }
        }
        let tenderPoint: TenderPoint
        do {
            tenderPoint = try TenderPoint(input, on: model)
        } catch {
            throw CLIError(error)
        }
        let finding = Locator(model: model, palpationError: palpation.error(for: atlas)).locate(tenderPoint, screening: screening)
        if brief {
            try StandardOutput.write(BriefNote.lines(finding).joined(separator: "\n") + "\n\(Notice.text)\n")
        } else if output.json {
            let record = FindingRecord(finding, atlas: AtlasReference(atlas), catalogue: catalogue.map { AtlasReference(id: $0.id, version: $0.version) },
                                       detail: .full(frame: BodyFrameText.short, notice: Notice.text))
            try StandardOutput.write(JSONOutput.encode(record))
        } else {
            try StandardOutput.write(FindingText.render(finding, atlas: atlas, output: output))
        }
        if let mapFile {
            let scene = MapOutput.fitted(for: paper.layout) { MapComposer.forFinding(finding, model: model, printScale: $0) }
            let written = try MapOutput.write(scene, model: model, to: [mapFile], pxPerMm: 4, compression: .fast, layout: paper.layout)
            // Text output keeps stdout clean for --json; the map's path goes to stderr.
            for (target, description) in written { StandardError.write("wrote \(target) (the map with the tender point: \(description))") }
        }
    }
}
