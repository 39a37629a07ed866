import ArgumentParser
import ClunealAnatomy
import ClunealPalpation
import Foundation

/// `cluneal export`: landmarks, nerve paths, zones, block sites and a located tender point as
/// 3D Slicer markups (`.mrk.json`) or a plain `name,x,y,z,type` CSV, scaled to the person.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export landmarks, nerve paths, zones, block sites and a tender point as 3D Slicer markups (.mrk.json) or a name,x,y,z,type CSV.",
        discussion: """
            Coordinates are LPS millimetres, the convention of DICOM and 3D Slicer: x toward the \
            patient's left, y posterior, z cranial, origin on the posterior midline at the PSIS \
            level. The map is a posterior view without depth, so y is 0 for every point.

            In the .mrk.json, point landmarks, block sites and the tender point are Fiducial lists, \
            each nerve branch a Curve and each zone's ±1 SD outline a ClosedCurve; every control \
            point is labelled with its atlas id (and side) and its description cites the sources. \
            The CSV has one row per point, curves point by point in order.

            With --from, --lateral and --vertical (and --side) the tender point is located as by \
            `cluneal locate` and exported too, described by its best match. --side alone keeps one \
            side. Files are written atomically.
            """)

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp(
        "Output file: FILE.mrk.json (3D Slicer markups) or FILE.csv (name,x,y,z,type); repeat for both.", valueName: "file"))
    var output: [OutputTarget] = []

    @Option(help: ArgumentHelp("What to export, comma-separated: \(Interchange.Category.allCases.map(\.rawValue).joined(separator: ",")) (default all).", valueName: "list"),
            transform: { try ArgumentTransforms.list($0, of: Interchange.Category.self, what: "item kind") })
    var what: [Interchange.Category]?

    @OptionGroup var point: TenderPointOptions
    @OptionGroup var atlasOptions: AtlasOptions
    @OptionGroup var measurementOptions: MeasurementOptions

    enum Format { case markups, csv }

    static func format(of path: String) -> Format? {
        let lower = path.lowercased()
        if lower.hasSuffix(".mrk.json") { return .markups }
        if lower.hasSuffix(".csv") { return .csv }
        return nil
    }

    /// True when a tender point is asked for (any of its distances or frame given).
    var wantsTenderPoint: Bool { point.from != nil || point.lateral != nil || point.vertical != nil }

    func validate() throws {
        if output.isEmpty { throw ValidationError("--output is required: -o FILE.mrk.json (3D Slicer markups) or -o FILE.csv.") }
        for target in output {
            if target.argument.isEmpty { throw ValidationError("--output needs a file path, not an empty string.") }
            if Self.format(of: target.argument) == nil {
                throw ValidationError("--output \(target): the file name must end in .mrk.json (3D Slicer markups) or .csv.")
            }
        }
        if wantsTenderPoint { _ = try point.input() }
    }

    func run() throws {
        try reportingErrors {
            let atlas = try atlasOptions.load()
            let model = try measurementOptions.model(for: atlas)
            let outputFiles = try OutputFiles.resolve(output, inputs: measurementOptions.inputPaths + AtlasFiles.inputPaths(of: atlas))
            let categories = Set(what ?? Interchange.Category.allCases)
            var finding: Finding?
            if wantsTenderPoint {
                let input: TenderPointInput
                do throws(ValidationError) { input = try point.input() } catch { throw CLIError(.usage, error.message) }
                let tenderPoint: TenderPoint
                do throws(PalpationError) { tenderPoint = try TenderPoint(input, on: model) } catch { throw CLIError(error) }
                finding = Locator(model: model).locate(tenderPoint)
            }
            let sides = point.side.map { [$0] } ?? Side.allCases
            let interchange = Interchange(model: model, categories: categories, sides: sides, finding: finding)
            guard interchange.allFinite else {
                throw CLIError(.dataError, "the scaled body has a point that is not a finite number; check the measurements (scaling: \(model.scaling.summary))")
            }
            // Encode everything first, then write: a failure leaves no file behind.
            let files: [(OutputFile, [UInt8])] = outputFiles.map { file in
                (file, Self.format(of: file.target.argument) == .csv ? PointsCSV.encode(interchange) : SlicerMarkups.encode(interchange))
            }
            try OutputFiles.write(files)
            let points = interchange.markups.reduce(0) { $0 + $1.points.count }
            for (file, _) in files {
                try StandardOutput.write("wrote \(file.target) (\(interchange.markups.count) markups, \(points) points, LPS mm; scaling: \(model.scaling.summary))\n")
            }
            try StandardOutput.write(Notice.text + "\n")
        }
    }
}
