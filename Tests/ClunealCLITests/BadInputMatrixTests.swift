import Foundation
import Testing

/// Bad input to every command: each case runs `cluneal` in a fresh folder holding only the
/// files it needs, and checks the exit code (64 usage, 65 bad data, 66 missing input, 73 cannot
/// create output, 74 I/O error), that stderr is exactly one line `cluneal: error: …` naming
/// the field and the value, that nothing traps, and that no output file (and no temporary
/// file) is left in the folder.
///
/// An unwritable folder: the tests run as root in CI, where `chmod` does not stop a write, so
/// they use `/sys` (sysfs refuses new files even to root) and a path whose parent is a regular
/// file.
@Suite("Bad input to every command")
struct BadInputMatrixTests {
    /// A file the case creates before running.
    enum Input: Sendable {
        case text(String)
        case bytes([UInt8])
        /// A sparse file of this many bytes (nothing is written).
        case sparse(Int)
        case utf16(String)
        case directory
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        /// `{dir}` stands for the case's folder.
        var arguments: [String]
        var files: [String: Input] = [:]
        var status: Int32
        /// Every one of these must be in the stderr line: the field and the value.
        var mentions: [String]
        /// Standard output goes to /dev/full (a disk that is always full).
        var fullStdout = false
        /// Files the command is expected to leave (a batch writes its error records).
        var leaves: Set<String> = []
        var testDescription: String { name }
    }

    static let binary: [UInt8] = [0x7B, 0x22, 0xFF, 0xFE, 0x00, 0x01, 0x80, 0xC3, 0x28, 0x0A, 0x9F]
    static let overLimit = 64 * 1024 * 1024 + 1
    /// Case files stream, so their limit is larger.
    static let casesOverLimit = 512 * 1024 * 1024 + 1
    static let header = "case,side,from,lateral,vertical,height,symptoms\n"
    static let okRow = "ok,left,crest,7cm,0,,\n"
    static var defaultAtlas: String {
        (try? String(contentsOf: CLIRunner.root.appendingPathComponent("Atlas/adult-default.atlas.json"), encoding: .utf8)) ?? ""
    }
    static var sources: String {
        (try? String(contentsOf: CLIRunner.root.appendingPathComponent("Atlas/sources.json"), encoding: .utf8)) ?? ""
    }
    /// The 1-based line of the first (or last) occurrence of `needle` in `text`, so that the
    /// expected locations follow the atlas as it grows.
    static func line(of needle: String, in text: String, last: Bool = false) -> Int {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let hits = lines.indices.filter { lines[$0].contains(needle) }
        return ((last ? hits.last : hits.first) ?? -1) + 1
    }
    /// The default atlas with an unreferenced landmark renamed to the id of another.
    static var duplicateIdAtlas: String {
        defaultAtlas.replacingOccurrences(of: "\"id\": \"erector-spinae-lateral-border\"", with: "\"id\": \"coccyx-tip\"")
    }

    static let cases: [Case] = [
        // atlas list / show / validate / sources: the atlas file itself.
        Case(name: "atlas list: empty atlas", arguments: ["atlas", "list", "--atlas", "{dir}/empty.json"], files: ["empty.json": .text("")],
             status: 65, mentions: ["empty.json:1:1", "unexpected end of file"]),
        Case(name: "atlas show: binary atlas", arguments: ["atlas", "show", "psis", "--atlas", "{dir}/atlas.bin"], files: ["atlas.bin": .bytes(binary)],
             status: 65, mentions: ["atlas.bin", "byte 0xFF at offset 2", "not UTF-8"]),
        Case(name: "atlas validate: UTF-16 atlas", arguments: ["atlas", "validate", "{dir}/utf16.json"], files: ["utf16.json": .utf16("{\"schemaVersion\": 1}")],
             status: 65, mentions: ["utf16.json", "UTF-16", "save it as UTF-8"]),
        Case(name: "atlas sources: huge atlas", arguments: ["atlas", "sources", "--atlas", "{dir}/huge.json"], files: ["huge.json": .sparse(overLimit)],
             status: 65, mentions: ["huge.json", "\(overLimit) bytes is too large"]),
        Case(name: "atlas list: missing atlas", arguments: ["atlas", "list", "--atlas", "{dir}/missing.json"],
             status: 66, mentions: ["missing.json", "no such file"]),
        Case(name: "atlas list: atlas is a folder", arguments: ["atlas", "list", "--atlas", "{dir}/folder"], files: ["folder": .directory],
             status: 66, mentions: ["folder", "is a directory"]),
        Case(name: "atlas show: unknown id", arguments: ["atlas", "show", "spleen"],
             status: 65, mentions: ["id", "\"spleen\""]),
        Case(name: "atlas list: unknown kind", arguments: ["atlas", "list", "--kind", "organ"],
             status: 64, mentions: ["--kind", "'organ'"]),
        Case(name: "atlas list: duplicate ids", arguments: ["atlas", "list", "--atlas", "{dir}/dup.json"], files: ["dup.json": .text(duplicateIdAtlas), "sources.json": .text(sources)],
             status: 65, mentions: ["dup.json:\(line(of: "\"id\": \"coccyx-tip\"", in: duplicateIdAtlas, last: true))", "$.landmarks[11].id", "\"coccyx-tip\" is already used"]),
        Case(name: "map: an atlas with several problems, counted on one line", arguments: ["map", "-o", "{dir}/m.svg", "--atlas", "{dir}/bad.json"],
             files: ["bad.json": .text(defaultAtlas.replacingOccurrences(of: "\"id\": \"psis\"", with: "\"id\": \"posterior-midline\"")), "sources.json": .text(sources)],
             status: 65, mentions: ["bad.json:\(line(of: "\"landmark\": \"psis\"", in: defaultAtlas))", "$.frames[1].landmark", "\"psis\"", "(and 8 more problems)"]),
        Case(name: "atlas validate: NaN in the atlas", arguments: ["atlas", "validate", "{dir}/nan.json"],
             files: ["nan.json": .text(defaultAtlas.replacingOccurrences(of: "\"value\": 1700", with: "\"value\": NaN")), "sources.json": .text(sources)],
             status: 65, mentions: ["nan.json", "'N'"]),
        Case(name: "atlas list: nested too deep", arguments: ["atlas", "list", "--atlas", "{dir}/deep.json"],
             files: ["deep.json": .text(String(repeating: "[", count: 300) + String(repeating: "]", count: 300))],
             status: 65, mentions: ["deep.json:1", "nested more than 256 levels"]),
        Case(name: "atlas list: too many values", arguments: ["atlas", "list", "--atlas", "{dir}/many.json"],
             files: ["many.json": .text("[" + Array(repeating: "0", count: 200_001).joined(separator: ",") + "]")],
             status: 65, mentions: ["many.json", "more than 200000 JSON values"]),

        // Measurements: files and flags, on several commands.
        Case(name: "sites: NaN height in a file", arguments: ["sites", "--measurements", "{dir}/m.json"], files: ["m.json": .text("{\"height\": \"NaN\"}")],
             status: 65, mentions: ["m.json:1", "$.height", "\"NaN\" is not a finite length"]),
        Case(name: "sites: infinite height flag", arguments: ["sites", "--height", "inf"],
             status: 64, mentions: ["--height", "\"inf\" is not a finite length"]),
        Case(name: "map: negative height", arguments: ["map", "-o", "{dir}/m.png", "--height", "-172cm"],
             status: 64, mentions: ["--height", "-172.0 cm is out of range"]),
        Case(name: "palpate: a palpated landmark the atlas lacks (this atlas: 65)", arguments: ["palpate", "superior", "--landmark", "nope:left:1cm:0"],
             status: 65, mentions: ["--landmark nope:left:1.0 cm:0.0 cm", "\"nope\" is not a point landmark of the atlas"]),
        Case(name: "palpate: a bilateral landmark without a side (any body: 64)", arguments: ["palpate", "superior", "--landmark", "psis::4cm:0"],
             status: 64, mentions: ["--landmark psis:midline:4.0 cm:0.0 cm", "say which (left or right)"]),
        Case(name: "palpate: absurd PSIS distance", arguments: ["palpate", "superior", "--psis-from-midline", "40cm"],
             status: 64, mentions: ["--psis-from-midline", "40.0 cm is out of range"]),
        Case(name: "sites: unknown unit", arguments: ["sites", "--crest-height", "8in"],
             status: 64, mentions: ["--crest-height", "unknown unit \"in\""]),
        Case(name: "sites: decimal comma", arguments: ["sites", "--bicristal-width", "27,5cm"],
             status: 64, mentions: ["--bicristal-width", "\"27,5cm\" uses a decimal comma"]),
        Case(name: "sites: absurd height in a file", arguments: ["sites", "--measurements", "{dir}/m.json"], files: ["m.json": .text("{\"height\": \"1e300cm\"}")],
             status: 65, mentions: ["height", "1e+300 cm is out of range"]),
        Case(name: "atlas show: unknown landmark in measurements", arguments: ["atlas", "show", "psis", "--measurements", "{dir}/m.json"],
             files: ["m.json": .text("{\"landmarks\": [{\"id\": \"spleen\", \"side\": \"left\", \"lateral\": \"4cm\", \"vertical\": \"0\"}]}")],
             status: 65, mentions: ["landmarks[0].id", "\"spleen\""]),
        Case(name: "sites: unknown side in measurements", arguments: ["sites", "--measurements", "{dir}/m.json"],
             files: ["m.json": .text("{\"landmarks\": [{\"id\": \"psis\", \"side\": \"up\", \"vertical\": \"0\"}]}")],
             status: 65, mentions: ["$.landmarks[0].side", "\"up\" is not a valid side"]),
        Case(name: "sites: duplicate landmark in measurements", arguments: ["sites", "--measurements", "{dir}/m.json"],
             files: ["m.json": .text("{\"landmarks\": [{\"id\": \"psis\", \"side\": \"left\", \"lateral\": \"4cm\", \"vertical\": \"0\"}, {\"id\": \"psis\", \"side\": \"left\", \"lateral\": \"4.1cm\", \"vertical\": \"0\"}]}")],
             status: 65, mentions: ["landmarks[1]", "\"psis\" is given twice"]),
        Case(name: "sites: unknown side in --landmark", arguments: ["sites", "--landmark", "psis:up:4cm:0"],
             status: 64, mentions: ["--landmark", "side \"up\""]),
        Case(name: "palpate: binary measurements", arguments: ["palpate", "middle", "--measurements", "{dir}/m.bin"], files: ["m.bin": .bytes(binary)],
             status: 65, mentions: ["m.bin", "not UTF-8"]),
        Case(name: "map: empty measurements", arguments: ["map", "-o", "{dir}/m.svg", "--measurements", "{dir}/m.json"], files: ["m.json": .text("")],
             status: 65, mentions: ["m.json:1:1", "unexpected end of file"]),
        Case(name: "sites: measurements are a folder", arguments: ["sites", "--measurements", "{dir}/m"], files: ["m": .directory],
             status: 66, mentions: ["measurements", "is a directory"]),

        // locate: one point.
        Case(name: "locate: unknown side", arguments: ["locate", "--side", "up", "--from", "crest", "--lateral", "7cm", "--vertical", "0"],
             status: 64, mentions: ["--side", "'up'"]),
        Case(name: "locate: unknown frame", arguments: ["locate", "--side", "left", "--from", "sacrum", "--lateral", "7cm", "--vertical", "0"],
             status: 64, mentions: ["--from", "'sacrum'"]),
        Case(name: "locate: NaN", arguments: ["locate", "--side", "left", "--from", "crest", "--lateral", "nan", "--vertical", "0"],
             status: 64, mentions: ["--lateral", "\"nan\""]),
        Case(name: "locate: infinity", arguments: ["locate", "--side", "left", "--from", "crest", "--lateral", "7cm", "--vertical", "-inf"],
             status: 64, mentions: ["--vertical", "\"-inf\""]),
        Case(name: "locate: absurd distance", arguments: ["locate", "--side", "left", "--from", "midline", "--lateral", "1e20", "--vertical", "0"],
             status: 64, mentions: ["--lateral", "1e+20 cm is out of range"]),
        Case(name: "locate: negative distance", arguments: ["locate", "--side", "left", "--from", "midline", "--lateral", "-7cm", "--vertical", "0"],
             status: 64, mentions: ["--lateral", "-7.0 cm is out of range"]),
        Case(name: "locate: unknown unit", arguments: ["locate", "--side", "left", "--from", "midline", "--lateral", "7furlong", "--vertical", "0"],
             status: 64, mentions: ["--lateral", "unknown unit \"furlong\""]),
        Case(name: "locate: unknown symptom", arguments: ["locate", "--side", "left", "--from", "crest", "--lateral", "7cm", "--vertical", "0", "--symptom", "headache"],
             status: 64, mentions: ["--symptom", "\"headache\""]),
        Case(name: "locate: missing symptom catalogue",
             arguments: ["locate", "--side", "left", "--from", "crest", "--lateral", "7cm", "--vertical", "0", "--symptom", "fever", "--symptom-catalogue", "{dir}/none.json"],
             status: 66, mentions: ["symptom catalogue", "none.json", "no such file"]),

        // locate --cases: the case file and its output.
        Case(name: "cases: empty file", arguments: ["locate", "--cases", "{dir}/c.csv", "-o", "{dir}/out.jsonl"], files: ["c.csv": .text("")],
             status: 65, mentions: ["c.csv", "the file is empty"]),
        Case(name: "cases: binary file", arguments: ["locate", "--cases", "{dir}/c.csv", "-o", "{dir}/out.jsonl"], files: ["c.csv": .bytes(binary)],
             status: 65, mentions: ["c.csv", "byte 0xFF at offset 2"]),
        Case(name: "cases: UTF-16 (a spreadsheet's 'Unicode text')", arguments: ["locate", "--cases", "{dir}/c.csv"], files: ["c.csv": .utf16(header + okRow)],
             status: 65, mentions: ["c.csv", "UTF-16"]),
        Case(name: "cases: Latin-1 (a spreadsheet's 'Western' encoding)", arguments: ["locate", "--cases", "{dir}/c.csv"],
             files: ["c.csv": .bytes(Array((header).utf8) + Array("caf".utf8) + [0xE9] + Array(",left,crest,7cm,0,,\n".utf8))],
             status: 65, mentions: ["c.csv", "byte 0xE9 at offset \(header.utf8.count + 3) (line 2) is not UTF-8"]),
        Case(name: "cases: a quote left open fails its own row and names the line it opened on", arguments: ["locate", "--cases", "{dir}/c.csv", "-o", "{dir}/out.csv", "--format", "csv"],
             files: ["c.csv": .text(header + "\"two\nlines\",left,crest,7cm,0,,headache\n" + okRow)],
             status: 65, mentions: ["row 1 (line 2", "the quote that opens field 1 on line 2 is not closed on that line", "2 of 3 rows failed"], leaves: ["out.csv"]),
        Case(name: "cases: a bad row whose symptoms field has a line break stays on one line", arguments: ["locate", "--cases", "{dir}/c.csv", "--format", "csv"],
             files: ["c.csv": .text(header + "k,left,crest,7cm,0,,\"head\u{7}ache\"\n")],
             status: 65, mentions: ["symptoms", "unknown symptom \"head\\u{7}ache\""]),
        Case(name: "cases: not UTF-8 after good rows: nothing is written, unprocessed rows are counted", arguments: ["locate", "--cases", "{dir}/c.csv", "-o", "{dir}/out.jsonl"],
             files: ["c.csv": .bytes(Array((header + okRow + okRow).utf8) + [0xFF] + Array((",left,crest,7cm,0,,\n" + okRow).utf8))],
             status: 65, mentions: ["byte 0xFF", "(line 4)", "the 4 rows from line 2 on were not processed", "out.jsonl was not written"]),
        Case(name: "cases: huge file", arguments: ["locate", "--cases", "{dir}/c.csv", "-o", "{dir}/out.jsonl"], files: ["c.csv": .sparse(casesOverLimit)],
             status: 65, mentions: ["c.csv", "\(casesOverLimit) bytes is too large"]),
        Case(name: "cases: missing file", arguments: ["locate", "--cases", "{dir}/none.csv", "-o", "{dir}/out.jsonl"],
             status: 66, mentions: ["cases", "none.csv", "no such file"]),
        Case(name: "cases: unknown column", arguments: ["locate", "--cases", "{dir}/c.csv", "-o", "{dir}/out.jsonl"],
             files: ["c.csv": .text("case,side,from,lateral,vertical,colour\nk,left,crest,7,0,red\n")],
             status: 65, mentions: ["c.csv", "unknown column \"colour\""]),
        Case(name: "cases: repeated column", arguments: ["locate", "--cases", "{dir}/c.csv"],
             files: ["c.csv": .text("case,side,from,lateral,lateral,vertical\nk,left,crest,7,7,0\n")],
             status: 65, mentions: ["c.csv", "the column \"lateral\" appears twice"]),
        Case(name: "cases: a decimal comma row still writes the others", arguments: ["locate", "--cases", "{dir}/c.csv", "-o", "{dir}/out.jsonl"],
             files: ["c.csv": .text(header + "k-07,left,crest,\"7,5\",0,,\n" + okRow)],
             status: 65, mentions: ["row 1 (line 2, case \"k-07\")", "lateral", "\"7,5\" uses a decimal comma"], leaves: ["out.jsonl"]),
        Case(name: "cases: unknown side in a row", arguments: ["locate", "--cases", "{dir}/c.csv", "--format", "csv"],
             files: ["c.csv": .text(header + "k,up,crest,7cm,0,,\n")],
             status: 65, mentions: ["row 1", "side", "\"up\""]),
        Case(name: "cases: output is a folder", arguments: ["locate", "--cases", "{dir}/c.csv", "-o", "{dir}/out"], files: ["c.csv": .text(header + okRow), "out": .directory],
             status: 73, mentions: ["output", "out", "is a directory"]),
        Case(name: "cases: output in a missing folder", arguments: ["locate", "--cases", "{dir}/c.csv", "-o", "{dir}/no/out.jsonl"], files: ["c.csv": .text(header + okRow)],
             status: 73, mentions: ["no/out.jsonl", "does not exist"]),
        Case(name: "cases: output folder refuses files (/sys)", arguments: ["locate", "--cases", "{dir}/c.csv", "-o", "/sys/cluneal-out.jsonl"], files: ["c.csv": .text(header + okRow)],
             status: 73, mentions: ["/sys/cluneal-out.jsonl", "cannot create a file in /sys"]),
        Case(name: "cases: output under a regular file", arguments: ["locate", "--cases", "{dir}/c.csv", "-o", "{dir}/c.csv/out.jsonl"], files: ["c.csv": .text(header + okRow)],
             status: 73, mentions: ["c.csv/out.jsonl", "c.csv is not a folder"]),
        Case(name: "cases: the output is the case file", arguments: ["locate", "--cases", "{dir}/c.csv", "--format", "csv", "-o", "{dir}/./c.csv"],
             files: ["c.csv": .text(header + okRow)],
             status: 73, mentions: ["output {dir}/./c.csv", "it is the input {dir}/c.csv"]),
        Case(name: "locate: one point to standard output", arguments: ["locate", "--side", "left", "--from", "crest", "--lateral", "7cm", "--vertical", "0", "-o", "-"],
             status: 64, mentions: ["--output -", "standard output carries the finding"]),
        Case(name: "cases: standard output is full", arguments: ["locate", "--cases", "{dir}/c.csv"], files: ["c.csv": .text(header + okRow)],
             status: 74, mentions: ["standard output", "No space left on device"], fullStdout: true),

        // map, map --quiz, map --handout.
        Case(name: "map: output is a folder", arguments: ["map", "-o", "{dir}/map.png", "--px-per-cm", "2"], files: ["map.png": .directory],
             status: 73, mentions: ["map.png", "is a directory"]),
        Case(name: "map: output in a missing folder", arguments: ["map", "-o", "{dir}/no/map.svg"],
             status: 73, mentions: ["no/map.svg", "folder", "does not exist"]),
        Case(name: "map: output folder refuses files (/sys)", arguments: ["map", "-o", "/sys/cluneal-map.svg"],
             status: 73, mentions: ["/sys/cluneal-map.svg", "cannot create a file in /sys"]),
        Case(name: "map --quiz: the answer key cannot be written, so neither is the map",
             arguments: ["map", "--quiz", "-o", "{dir}/quiz.svg", "-o", "{dir}/quiz.png", "--px-per-cm", "2"], files: ["quiz.key.md": .directory],
             status: 73, mentions: ["quiz.key.md", "is a directory"]),
        Case(name: "map --handout: output under a regular file", arguments: ["map", "--handout", "self-care", "-o", "{dir}/f/h.png"], files: ["f": .text("x")],
             status: 73, mentions: ["f/h.png", "is not a folder"]),
        Case(name: "map: one file under two spellings", arguments: ["map", "-o", "{dir}/a.svg", "-o", "{dir}/./a.svg"],
             status: 73, mentions: ["{dir}/a.svg and {dir}/./a.svg are the same file"]),
        Case(name: "map: standard output named twice", arguments: ["map", "-o", "-", "-o", "-"],
             status: 73, mentions: ["standard output is named twice"]),
        Case(name: "map --quiz: only standard output, no file for the key", arguments: ["map", "--quiz", "-o", "-"],
             status: 64, mentions: ["--quiz", "answer key"]),
        Case(name: "map: NaN resolution", arguments: ["map", "-o", "{dir}/m.png", "--px-per-cm", "nan"],
             status: 64, mentions: ["--px-per-cm", "nan"]),
        Case(name: "map: absurd resolution", arguments: ["map", "-o", "{dir}/m.png", "--dpi", "1e9"],
             status: 64, mentions: ["--dpi", "1000000000"]),
        Case(name: "map: unknown zone source", arguments: ["map", "-o", "{dir}/m.svg", "--zones", "nobody-2020"],
             status: 64, mentions: ["--zones", "\"nobody-2020\""]),
        Case(name: "map: unknown side", arguments: ["map", "-o", "{dir}/m.svg", "--side", "middle"],
             status: 64, mentions: ["--side", "'middle'"]),
        Case(name: "map: unknown extension", arguments: ["map", "-o", "{dir}/m.gif"],
             status: 64, mentions: ["--output", "m.gif", ".png, .svg or .pdf"]),

        // export.
        Case(name: "export: unknown item kind", arguments: ["export", "-o", "{dir}/x.mrk.json", "--what", "landmarks,bones"],
             status: 64, mentions: ["--what", "\"bones\""]),
        Case(name: "export: output is a folder", arguments: ["export", "-o", "{dir}/x.csv"], files: ["x.csv": .directory],
             status: 73, mentions: ["x.csv", "is a directory"]),
        Case(name: "export: the second output fails, so the first is not written", arguments: ["export", "-o", "{dir}/x.mrk.json", "-o", "{dir}/no/x.csv"],
             status: 73, mentions: ["no/x.csv", "does not exist"]),
        Case(name: "export: one file named twice", arguments: ["export", "-o", "{dir}/x.csv", "-o", "{dir}/x.csv"],
             status: 73, mentions: ["are the same file"]),
        Case(name: "export: binary atlas", arguments: ["export", "-o", "{dir}/x.csv", "--atlas", "{dir}/a.bin"], files: ["a.bin": .bytes(binary)],
             status: 65, mentions: ["a.bin", "not UTF-8"]),
        Case(name: "export: a tender point off the crest", arguments: ["export", "-o", "{dir}/x.csv", "--side", "left", "--from", "crest", "--lateral", "2cm", "--vertical", "0"],
             status: 65, mentions: ["--lateral", "2.0 cm from the midline is off the crest line"]),

        // palpate, quiz, guide.
        Case(name: "palpate: unknown nerve", arguments: ["palpate", "sacral"],
             status: 64, mentions: ["<nerve>", "'sacral'"]),
        Case(name: "quiz: zero questions", arguments: ["quiz", "--count", "0"],
             status: 64, mentions: ["--count", "not 0"]),
        Case(name: "quiz: unknown kind", arguments: ["quiz", "--kinds", "nerve,colour"],
             status: 64, mentions: ["--kinds", "\"colour\""]),
        Case(name: "quiz: missing atlas", arguments: ["quiz", "--atlas", "{dir}/none.json"],
             status: 66, mentions: ["atlas", "none.json", "no such file"]),
        Case(name: "guide: unknown topic", arguments: ["guide", "sciatica"],
             status: 64, mentions: ["topic", "\"sciatica\""]),
        Case(name: "guide: empty guide", arguments: ["guide", "--guide", "{dir}/g.json"], files: ["g.json": .text("")],
             status: 65, mentions: ["g.json:1:1", "unexpected end of file"]),
        Case(name: "guide: binary guide", arguments: ["guide", "--guide", "{dir}/g.bin"], files: ["g.bin": .bytes(binary)],
             status: 65, mentions: ["g.bin", "not UTF-8"]),
        Case(name: "--help: standard output is full", arguments: ["--help"],
             status: 74, mentions: ["standard output", "No space left on device"], fullStdout: true),
        Case(name: "--version: standard output is full", arguments: ["--version"],
             status: 74, mentions: ["standard output", "No space left on device"], fullStdout: true),
        Case(name: "cases: header names with spaces are read like the plain ones", arguments: ["locate", "--cases", "{dir}/c.csv"],
             files: ["c.csv": .text("case, side ,from,lateral,vertical\nk,up,crest,7cm,0\n")],
             status: 65, mentions: ["row 1", "side", "\"up\""]),
        Case(name: "atlas list: standard output is full", arguments: ["atlas", "list"],
             status: 74, mentions: ["standard output", "No space left on device"], fullStdout: true),
    ]

    @Test func theMatrixCoversEveryCommandWithAtLeastFortyCases() {
        #expect(Self.cases.count >= 40)
        let commands = Set(Self.cases.map { c in c.arguments.first == "atlas" ? c.arguments.prefix(2).joined(separator: " ") : c.arguments[0] })
        for command in ["atlas list", "atlas show", "atlas validate", "atlas sources", "map", "locate", "sites", "export", "palpate", "quiz", "guide"] {
            #expect(commands.contains(command), "\(command)")
        }
        for code: Int32 in [64, 65, 66, 73, 74] { #expect(Self.cases.contains { $0.status == code }, "\(code)") }
    }

    @Test(arguments: cases)
    func badInputIsRefusedInOneLine(_ c: Case) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cluneal-matrix-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, input) in c.files {
            let url = dir.appendingPathComponent(name)
            switch input {
            case .text(let s): try Data(s.utf8).write(to: url)
            case .bytes(let b): try Data(b).write(to: url)
            case .utf16(let s): try #require(s.data(using: .utf16)).write(to: url)
            case .directory: try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            case .sparse(let n):
                #expect(FileManager.default.createFile(atPath: url.path, contents: nil))
                let handle = try FileHandle(forWritingTo: url)
                try handle.truncate(atOffset: UInt64(n))
                try handle.close()
            }
        }
        let before = Set(try FileManager.default.contentsOfDirectory(atPath: dir.path))
        let arguments = c.arguments.map { $0.replacingOccurrences(of: "{dir}", with: dir.path) }
        let r = try CLIRunner.run(arguments, standardOutputPath: c.fullStdout ? "/dev/full" : nil, currentDirectory: dir)
        #expect(r.status == c.status, "\(c.name): \(r.stderr)")
        let lines = r.stderr.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 2 && lines[1].isEmpty, "\(c.name): not one line: \(r.stderr)")
        #expect(r.stderr.hasPrefix("cluneal: error: "), "\(c.name): \(r.stderr)")
        for m in c.mentions.map({ $0.replacingOccurrences(of: "{dir}", with: dir.path) }) { #expect(r.stderr.contains(m), "\(c.name): \(m.debugDescription) not in \(r.stderr)") }
        for word in ["Fatal error", "Backtrac", "Usage:", "Error:"] { #expect(!r.stderr.contains(word), "\(c.name): \(r.stderr)") }
        let after = Set(try FileManager.default.contentsOfDirectory(atPath: dir.path))
        #expect(after.subtracting(before) == c.leaves, "\(c.name): left \(after.subtracting(before))")
        #expect(!after.contains { $0.contains(".tmp-") }, "\(c.name): a temporary file is left: \(after)")
        if c.fullStdout == false, c.leaves.isEmpty { #expect(r.stdout.isEmpty || c.status != 0) }
    }
}
