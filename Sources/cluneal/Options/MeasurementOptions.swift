import ArgumentParser
import ClunealAnatomy

extension Sex: ExpressibleByArgument {}
extension Side: ExpressibleByArgument {}

/// A length argument: "7cm", "70mm", "1.72m" or a bare number of centimetres.
struct LengthArgument: ExpressibleByArgument, Hashable {
    var length: Length
    init?(argument: String) {
        guard let l = try? Length.parse(argument) else { return nil }
        length = l
    }
    init(_ length: Length) { self.length = length }
    static var defaultCompletionKind: CompletionKind { .default }
}

/// The person's measurements, shared by every command that scales the body.
struct MeasurementOptions: ParsableArguments {
    @Option(name: .customLong("measurements"), help: ArgumentHelp("JSON file of measurements (see README); flags given too override it.", valueName: "file"))
    var measurementsPath: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Stature, e.g. 172cm or 1.72m (bare numbers are cm).", valueName: "length"))
    var height: String?

    @Option(help: "Sex, for the record (the default atlas has no sex-specific geometry yet).")
    var sex: Sex?

    @Option(name: .customLong("psis-from-midline"), parsing: .unconditional, help: ArgumentHelp("Distance from the midline to the PSIS dimple, e.g. 4.2cm.", valueName: "length"))
    var psisFromMidline: String?

    @Option(name: .customLong("crest-height"), parsing: .unconditional, help: ArgumentHelp("Height of the crest summit (intercristal line) above the PSIS level, e.g. 8cm.", valueName: "length"))
    var crestHeight: String?

    @Option(name: .customLong("bicristal-width"), parsing: .unconditional, help: ArgumentHelp("Bony bicristal (bi-iliac) breadth, e.g. 27.5cm.", valueName: "length"))
    var bicristalWidth: String?

    @Option(name: .customLong("landmark"), parsing: .unconditionalSingleValue, help: ArgumentHelp(
        "A palpated landmark as ID:SIDE:LATERAL:VERTICAL in the body frame, e.g. greater-trochanter:left:16cm:-8cm (repeatable).",
        valueName: "spec"))
    var landmarks: [String] = []

    /// The measurements file, if one is given (no output may be it).
    var inputPaths: [String] { measurementsPath.map { [$0] } ?? [] }

    /// True when any measurement flag (or a measurements file) was given.
    var isGiven: Bool {
        measurementsPath != nil || height != nil || sex != nil || psisFromMidline != nil || crestHeight != nil
            || bicristalWidth != nil || !landmarks.isEmpty
    }

    func validate() throws {
        for (flag, value) in [("--height", height), ("--psis-from-midline", psisFromMidline), ("--crest-height", crestHeight), ("--bicristal-width", bicristalWidth)] {
            guard let value else { continue }
            do { _ = try Length.parse(value) } catch {
                throw ValidationError("\(flag): \(error.description).")
            }
        }
        for spec in landmarks {
            do { _ = try Self.parseLandmark(spec) } catch { throw ValidationError("--landmark: \(error.message).") }
        }
    }

    static func parseLandmark(_ spec: String) throws(CLIError) -> PalpatedLandmark {
        let parts = spec.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 4 else {
            throw CLIError(.usage, "\"\(spec)\" is not ID:SIDE:LATERAL:VERTICAL (for example psis:left:4.2cm:0)")
        }
        let side: Side?
        switch parts[1] {
        case "left": side = .left
        case "right": side = .right
        case "", "midline": side = nil
        default: throw CLIError(.usage, "side \"\(parts[1])\" in \"\(spec)\" must be left, right or midline")
        }
        do {
            return PalpatedLandmark(id: parts[0], side: side, lateral: try Length.parse(parts[2].isEmpty ? "0" : parts[2]), vertical: try Length.parse(parts[3]))
        } catch {
            throw CLIError(.usage, "in \"\(spec)\": \(error.description)")
        }
    }

    /// The measurements from the file (if any) with the flags on top, checked against the atlas.
    func measurements(for atlas: Atlas) throws(CLIError) -> Measurements {
        var m = Measurements()
        if let measurementsPath {
            let bytes = try FileIO.read(measurementsPath, what: "measurements")
            do {
                m = try Measurements.decode(AtlasInput(file: measurementsPath, bytes: bytes))
                try m.validate(against: atlas)
            } catch {
                if case .file = error { throw CLIError(error) }
                throw CLIError(.dataError, "\(measurementsPath): \(error.description)")
            }
        }
        var flags = Measurements()
        func parse(_ s: String?) -> Length? { s.flatMap { try? Length.parse($0) } }
        flags.stature = parse(height)
        flags.sex = sex
        flags.psisFromMidline = parse(psisFromMidline)
        flags.crestSummitAbovePSIS = parse(crestHeight)
        flags.bicristalWidth = parse(bicristalWidth)
        for spec in landmarks { flags.palpated.append(try Self.parseLandmark(spec)) }
        m = m.overridden(by: flags)
        do {
            try m.validate(against: atlas)
        } catch {
            throw CLIError(.dataError, "--\(error.description)")
        }
        return m
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
