import ArgumentParser
import ClunealAnatomy

extension Sex: ExpressibleByArgument {}
extension Side: ExpressibleByArgument {}
extension CrestLevelSource: ExpressibleByArgument {}

/// The person's measurements, shared by every command that scales the body.
struct MeasurementOptions: ParsableArguments {
    @Option(name: .customLong("measurements"), help: ArgumentHelp("JSON file of measurements (see README); flags given too override it.", valueName: "file"))
    var measurementsPath: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Stature, e.g. 172cm or 1.72m (bare numbers are cm).", valueName: "length"), transform: ArgumentTransforms.length)
    var height: Length?

    @Option(help: "Sex: places the landmarks the atlas gives by sex (the ischial tuberosities), draws that sex's body outline and picks the sex's palpated-crest correction.")
    var sex: Sex?

    @Option(name: .customLong("psis-from-midline"), parsing: .unconditional, help: ArgumentHelp("Distance from the midline to the PSIS dimple, e.g. 4.2cm.", valueName: "length"), transform: ArgumentTransforms.length)
    var psisFromMidline: Length?

    @Option(name: .customLong("crest-height"), parsing: .unconditional, help: ArgumentHelp("Height of the crest summit (intercristal line) above the PSIS level, e.g. 8cm.", valueName: "length"), transform: ArgumentTransforms.length)
    var crestHeight: Length?

    @Option(name: .customLong("crest-height-from"), help: ArgumentHelp(
        "How the crest summit was found: palpation (default; lowered to the bony level, which sits lower, before it scales the body) or imaging (used as it is).",
        valueName: "palpation|imaging"))
    var crestHeightFrom: CrestLevelSource?

    @Option(name: .customLong("bicristal-width"), parsing: .unconditional, help: ArgumentHelp("Bony bicristal (bi-iliac) breadth, e.g. 27.5cm.", valueName: "length"), transform: ArgumentTransforms.length)
    var bicristalWidth: Length?

    @Option(name: .customLong("landmark"), parsing: .unconditionalSingleValue, help: ArgumentHelp(
        "A palpated landmark as ID:SIDE:LATERAL:VERTICAL in the body frame, e.g. greater-trochanter:left:16cm:-8cm (repeatable).",
        valueName: "spec"), transform: ArgumentTransforms.landmark)
    var landmarks: [PalpatedLandmark] = []

    /// The measurements file, if one is given (no output may be it).
    var inputPaths: [String] { measurementsPath.map { [$0] } ?? [] }

    /// True when any measurement flag (or a measurements file) was given.
    var isGiven: Bool {
        measurementsPath != nil || height != nil || sex != nil || psisFromMidline != nil || crestHeight != nil || crestHeightFrom != nil
            || bicristalWidth != nil || !landmarks.isEmpty
    }


    /// The measurements from the file (if any) with the flags on top, checked against the atlas.
    func measurements(for atlas: Atlas) throws(CLIError) -> Measurements {
        var m = Measurements()
        if let measurementsPath {
            let input = try DataFiles.read(measurementsPath, what: "measurements")
            do {
                m = try Measurements.decode(input)
                try m.validate(against: atlas)
            } catch {
                if case .file = error { throw CLIError(error) }
                throw CLIError(.dataError, "\(measurementsPath): \(error.description)")
            }
        }
        var flags = Measurements()
        flags.stature = height
        flags.sex = sex
        flags.psisFromMidline = psisFromMidline
        flags.crestSummitAbovePSIS = crestHeight
        flags.crestSummitSource = crestHeightFrom
        flags.bicristalWidth = bicristalWidth
        flags.palpated = landmarks
        m = m.overridden(by: flags)
        do {
            try m.validate(against: atlas)
        } catch {
            throw CLIError(ExitRule.code(for: error), flagMessage(error))
        }
        return m
    }

    /// A measurement error written with the flag as typed: `--height: …`, and for a palpated
    /// landmark `--landmark psis:left:4cm:0: …` rather than the file path `landmarks[0]`.
    private func flagMessage(_ error: MeasurementError) -> String {
        let field = error.field
        let text = error.description.hasPrefix(field + ": ") ? String(error.description.dropFirst(field.count + 2)) : error.description
        if field.hasPrefix("landmarks["), let close = field.firstIndex(of: "]"),
           let i = Int(field[field.index(field.startIndex, offsetBy: 10)..<close]), landmarks.indices.contains(i) {
            let l = landmarks[i]
            return "--landmark \(l.id):\(l.side?.rawValue ?? "midline"):\(l.lateral.description):\(l.vertical.description): \(text)"
        }
        return "--\(field): \(text)"
    }

    /// The body model for these measurements.
    func model(for atlas: Atlas) throws(CLIError) -> BodyModel {
        let m = try measurements(for: atlas)
        do {
            return try BodyModel(atlas: atlas, measurements: m)
        } catch {
            throw CLIError(error)
        }
    }
}
