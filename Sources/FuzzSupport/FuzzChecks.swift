import ClunealAnatomy
import ClunealPalpation
import Foundation

/// The default atlas, its bibliography and symptom catalogue, and the reference body: what
/// the checks load every input against. Read once per process.
public struct FuzzContext: Sendable {
    public let atlas: Atlas
    public let bibliography: AtlasInput
    public let catalogue: SymptomCatalogue
    public let reference: BodyModel
    public let locator: Locator

    /// Loads `Atlas/` from `folder` (the package root).
    public init(root folder: String) throws {
        func input(_ name: String) throws -> AtlasInput {
            let path = folder + "/Atlas/" + name
            guard let data = FileManager.default.contents(atPath: path) else { throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path]) }
            return AtlasInput(file: path, bytes: [UInt8](data))
        }
        bibliography = try input("sources.json")
        atlas = try AtlasLoader.load(try input("adult-default.atlas.json"), sourceFiles: [bibliography])
        catalogue = try SymptomCatalogue.load(try input("symptoms.json"), atlas: atlas)
        reference = try BodyModel(atlas: atlas)
        locator = Locator(model: reference)
    }

    /// The package root: `$CLUNEAL_ROOT`, else the first of the current folder and the
    /// executable's ancestors that holds `Atlas/adult-default.atlas.json`.
    public static func findRoot() -> String? {
        if let root = ProcessInfo.processInfo.environment["CLUNEAL_ROOT"], !root.isEmpty { return root }
        var candidates = [FileManager.default.currentDirectoryPath]
        var dir = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").standardizedFileURL.deletingLastPathComponent()
        for _ in 0..<6 {
            candidates.append(dir.path)
            dir = dir.deletingLastPathComponent()
        }
        return candidates.first { FileManager.default.fileExists(atPath: $0 + "/Atlas/adult-default.atlas.json") }
    }

    /// The context of the package the process runs in, or a message and exit 66.
    public static func loadOrExit() -> FuzzContext {
        do {
            guard let root = findRoot() else { throw CocoaError(.fileReadNoSuchFile) }
            return try FuzzContext(root: root)
        } catch {
            FileHandle.standardError.write(Data("fuzz: cannot load the default atlas (run from the package root or set CLUNEAL_ROOT): \(error)\n".utf8))
            exit(66)
        }
    }
}

/// What each fuzz target does with one input. Each returns the invariants the input broke
/// (empty when all held); a trap inside the code under test is a finding too. Refusing bad
/// input with an error is the expected outcome, not a finding: the checks ask only that the
/// refusal says something.
public enum FuzzChecks {
    /// Tender points placed on every body that loads, on both sides, in every frame.
    static let probes: [TenderPointInput] = Side.allCases.flatMap { side in
        [TenderPointInput(side: side, frame: .midline, lateral: Length(millimetres: 70), vertical: Length(millimetres: 0)),
         TenderPointInput(side: side, frame: .psis, lateral: Length(millimetres: -4), vertical: Length(millimetres: -28.5)),
         TenderPointInput(side: side, frame: .crest, lateral: Length(millimetres: 70), vertical: Length(millimetres: 0))]
    }

    /// Rows of a case file that are located (the rest are only read), and bodies built for rows
    /// with their own measurements: enough to cover the paths, bounded per input.
    static let maxLocatedRows = 64
    static let maxBodies = 4

    // MARK: Atlas

    /// An atlas file: decode, validate against the default bibliography, build the reference
    /// body, place and locate the probe points.
    public static func atlas(_ bytes: [UInt8], context: FuzzContext) -> [String] {
        var broken: [String] = []
        let input = AtlasInput(file: "fuzz.atlas.json", bytes: bytes)
        let decoded: DecodedAtlas
        do {
            decoded = try AtlasLoader.decode(input)
        } catch {
            broken += saysSomething(error.errors.map(\.description), "atlas decode")
            broken += scannerAgreesWithDecoder(bytes, error.errors)
            return broken
        }
        let atlas: Atlas
        do {
            atlas = try AtlasLoader.validate(decoded, sourceFiles: decoded.sourceFileNames.isEmpty ? [] : [context.bibliography])
        } catch {
            return saysSomething(error.errors.map(\.description), "atlas validate")
        }
        let model: BodyModel
        do {
            model = try BodyModel(atlas: atlas)
        } catch {
            return saysSomething([error.description], "body model")
        }
        let locator = Locator(model: model)
        for probe in probes {
            do {
                _ = locator.locate(try TenderPoint(probe, on: model))
            } catch {
                broken += saysSomething([error.description], "tender point")
            }
        }
        return broken
    }

    /// When the source-map scanner accepts a text, Foundation's decoder must not call it
    /// malformed: the two must agree on what JSON is, or a message points at the wrong thing.
    static func scannerAgreesWithDecoder(_ bytes: [UInt8], _ errors: [AtlasError]) -> [String] {
        guard (try? JSONSourceMap(bytes: bytes)) != nil else { return [] }
        return errors.compactMap { e in
            if case .syntax(let m) = e.problem { return "the scanner accepted the JSON but the decoder did not: \(m)" }
            return nil
        }
    }

    // MARK: Measurements

    /// A measurements file (decoded, checked against the atlas, scaled into a body), and every
    /// line of the input as a length string: `Length.parse` and the case-file reader's fast
    /// path must give the same millimetres, or the same error.
    public static func measurements(_ bytes: [UInt8], context: FuzzContext) -> [String] {
        var broken: [String] = []
        do {
            let m = try Measurements.decode(AtlasInput(file: "fuzz.measurements.json", bytes: bytes))
            try m.validate(against: context.atlas)
            let model = try BodyModel(atlas: context.atlas, measurements: m)
            let locator = Locator(model: model)
            for probe in probes {
                if let point = try? TenderPoint(probe, on: model) { _ = locator.locate(point) }
            }
        } catch {
            broken += saysSomething([error.description], "measurements")
        }
        let text = String(decoding: bytes, as: UTF8.self)
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).prefix(32) {
            broken += lengthsAgree(String(line))
        }
        return broken
    }

    /// `text` read by `Length.parse` and as the `lateral` field of a one-row case file.
    public static func lengthsAgree(_ text: String) -> [String] {
        var broken: [String] = []
        let expected = Result { () throws(Length.ParseError) in try Length.parse(text) }
        if case .failure(let e) = expected, e.description.isEmpty { broken.append("Length.parse(\(text.debugDescription)) failed with no message") }
        // Only text that is one unquoted CSV field can be compared.
        guard !text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }) else { return broken }
        let csv = Array("case,side,from,lateral,vertical\nk,left,midline,".utf8) + Array(text.utf8) + Array(",0\n".utf8)
        let file: CaseFile
        do {
            file = try CaseFile(bytes: csv)
        } catch {
            return broken + ["a one-row case file with lateral \(text.debugDescription) was refused: \(error)"]
        }
        guard file.records.count == 1, let record = file.records.first else {
            return broken + ["a one-row case file with lateral \(text.debugDescription) has \(file.records.count) records"]
        }
        let got = Result { () throws(CaseError) in try file.request(record) }
        switch (expected, got) {
        case (.success(let l), .success(let r)):
            if r.input.lateral.millimetres != l.millimetres {
                broken.append("lateral \(text.debugDescription): Length.parse gives \(l.millimetres) mm, the case file \(r.input.lateral.millimetres) mm")
            }
        case (.success(let l), .failure(let e)):
            let inRange = l.millimetres.isFinite && PalpationLimits.lateral(in: .midline).contains(l.millimetres)
            if e.field != "lateral" || inRange {
                broken.append("lateral \(text.debugDescription): Length.parse gives \(l.millimetres) mm, the case file refuses it: \(e)")
            }
        case (.failure(let pe), .failure(let e)):
            if e.field != "lateral" || e.message != pe.description {
                broken.append("lateral \(text.debugDescription): Length.parse says \(pe.description.debugDescription), the case file \(e.description.debugDescription)")
            }
        case (.failure(let pe), .success(let r)):
            broken.append("lateral \(text.debugDescription): Length.parse refuses it (\(pe)) but the case file reads \(r.input.lateral.millimetres) mm")
        }
        return broken
    }

    // MARK: Cases

    /// A case file: split into records, every record read, the first rows placed and located
    /// (on their own body when they carry measurements), their symptoms screened.
    public static func cases(_ bytes: [UInt8], context: FuzzContext) -> [String] {
        var broken: [String] = []
        let file: CaseFile
        do {
            file = try CaseFile(bytes: bytes)
        } catch {
            return saysSomething([error.description], "case file")
        }
        var bodies: [Measurements: BodyModel] = [:]
        var located = 0
        for record in file.records {
            for column in file.columns { _ = file.text(record, column) }
            let request: CaseRequest
            do {
                request = try file.request(record)
            } catch {
                broken += saysSomething([error.description], "case row")
                continue
            }
            guard located < maxLocatedRows else { continue }
            located += 1
            do {
                var model = context.reference
                var locator = context.locator
                if !request.measurements.isEmpty {
                    if let known = bodies[request.measurements] {
                        model = known
                        locator = Locator(model: model)
                    } else if bodies.count < maxBodies {
                        try request.measurements.validate(against: context.atlas)
                        model = try BodyModel(atlas: context.atlas, measurements: request.measurements)
                        bodies[request.measurements] = model
                        locator = Locator(model: model)
                    }
                }
                let screening = request.symptoms.isEmpty ? RedFlagScreening.none : try context.catalogue.screen(request.symptoms, field: "symptoms")
                let point = try TenderPoint(request.input, on: model)
                _ = locator.locate(point, screening: screening)
            } catch {
                broken += saysSomething([String(describing: error)], "case located")
            }
        }
        return broken
    }

    // MARK: Helpers

    /// A refusal must say what is wrong.
    static func saysSomething(_ messages: [String], _ stage: String) -> [String] {
        if messages.isEmpty { return ["\(stage): refused with no error at all"] }
        return messages.filter { $0.trimmingCharacters(in: .whitespaces).isEmpty }.map { _ in "\(stage): an error with an empty message" }
    }
}
