import Foundation
import Testing

/// The case file of `cluneal locate --cases` through a spreadsheet and back: saved the way
/// LibreOffice Calc and Excel save CSV (a UTF-8 byte-order mark, CRLF line ends, every field
/// quoted, commas inside fields, a trailing empty line) it reads exactly like the plain file;
/// a decimal comma (a comma-decimal locale) is refused naming the row, column and value; and
/// the `--format csv` output read back as RFC 4180 keeps every field.
@Suite("Case files through a spreadsheet")
struct SpreadsheetRoundTripTests {
    static func write(_ text: String, _ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cluneal-sheet-\(UUID().uuidString)-\(name)")
        try Data(text.utf8).write(to: url)
        return url
    }

    /// Samples/cases.csv as rows of fields, each case id given a comma, quotes and an accent.
    static func sampleRows() throws -> [[String]] {
        let text = try String(contentsOf: CLIRunner.root.appendingPathComponent("Samples/cases.csv"), encoding: .utf8)
        let rows = RFC4180.parse(text).filter { !($0.count == 1 && $0[0].isEmpty) }
        return rows.enumerated().map { i, row in
            i == 0 ? row : [row[0] + ", \"copie\" n°\(i)"] + row.dropFirst()
        }
    }

    /// RFC 4180 with quotes only where needed, LF line ends: how a program writes it.
    static func plain(_ rows: [[String]]) -> String {
        rows.map { row in
            row.map { f in f.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) ? "\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : f }
                .joined(separator: ",")
        }.joined(separator: "\n") + "\n"
    }

    /// BOM, every field quoted, CRLF, an empty line at the end: how a spreadsheet writes it.
    static func spreadsheet(_ rows: [[String]]) -> String {
        "\u{FEFF}" + rows.map { row in row.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ",") }
            .joined(separator: "\r\n") + "\r\n\r\n"
    }

    @Test func aSpreadsheetSavedCaseFileReadsLikeThePlainOne() throws {
        let rows = try Self.sampleRows()
        #expect(rows.count > 20)
        let plain = try Self.write(Self.plain(rows), "plain.csv"), sheet = try Self.write(Self.spreadsheet(rows), "sheet.csv")
        defer { try? FileManager.default.removeItem(at: plain); try? FileManager.default.removeItem(at: sheet) }
        for format in ["jsonl", "csv"] {
            let a = try CLIRunner.run(["locate", "--cases", plain.path, "--format", format])
            let b = try CLIRunner.run(["locate", "--cases", sheet.path, "--format", format])
            #expect(a.status == 0, "\(a.stderr)")
            #expect(b.status == 0, "\(b.stderr)")
            #expect(a.stdout == b.stdout, "\(format): the spreadsheet's file reads differently")
            #expect(a.stdout.contains("copie"))
        }
    }

    @Test func aDecimalCommaFromASpreadsheetIsRefusedNamingRowColumnAndValue() throws {
        var rows = try Self.sampleRows()
        rows[3][3] = "7,5"
        let sheet = try Self.write(Self.spreadsheet(rows), "comma.csv")
        defer { try? FileManager.default.removeItem(at: sheet) }
        let r = try CLIRunner.run(["locate", "--cases", sheet.path])
        #expect(r.status == 65)
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        #expect(r.stderr.contains("row 3 (line 4, case \"\(rows[3][0])\"): lateral: \"7,5\" uses a decimal comma; write a point (7.5cm)"), "\(r.stderr)")
        // The other rows are still located and the bad one has its error record.
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == rows.count - 1)
        #expect(lines[2].contains("\"error\":{\"field\":\"lateral\""))
    }

    @Test func theCSVOutputReadBackKeepsEveryField() throws {
        let rows = try Self.sampleRows()
        let sheet = try Self.write(Self.spreadsheet(rows), "fields.csv")
        defer { try? FileManager.default.removeItem(at: sheet) }
        let csv = try CLIRunner.run(["locate", "--cases", sheet.path, "--format", "csv"])
        let jsonl = try CLIRunner.run(["locate", "--cases", sheet.path])
        #expect(csv.status == 0 && jsonl.status == 0)
        let table = RFC4180.parse(csv.stdout)
        let header = try #require(table.first)
        #expect(header.count == 28)
        let objects = try jsonl.stdout.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        #expect(table.count - 1 == objects.count)
        for (row, object) in zip(table.dropFirst(), objects) {
            #expect(row.count == header.count)
            let field = Dictionary(uniqueKeysWithValues: zip(header, row))
            #expect(field["case"] == object["case"] as? String)
            #expect(field["row"] == (object["row"] as? Int).map(String.init))
            #expect(field["side"] == (object["tenderPoint"] as? [String: Any])?["side"] as? String)
            let best = object["bestMatch"] as? [String: Any]
            #expect(field["nerve"] == (best?["nerve"] as? String ?? "none"))
            #expect(field["zone"] == (best?["zone"] as? String ?? ""))
            #expect(field["urgent_referral"] == ((object["urgentReferral"] as? Bool) == true ? "yes" : "no"))
            #expect(field["group"] == ((object["group"] as? [String: Any])?["nerve"] as? String ?? ""))
            let error = object["palpationError"] as? [String: Any]
            #expect(field["palpation_error_lateral_mm"].flatMap(Double.init) == error?["lateralMillimetres"] as? Double)
            #expect(field["palpation_error_vertical_mm"].flatMap(Double.init) == error?["verticalMillimetres"] as? Double)
            #expect(field["red_flags"] == ((object["redFlags"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }.joined(separator: ";"))
        }
        // Python's csv module (the reader behind most data tools), when it is installed.
        let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }
        if let python {
            let out = FileManager.default.temporaryDirectory.appendingPathComponent("cluneal-sheet-\(UUID().uuidString)-out.csv")
            defer { try? FileManager.default.removeItem(at: out) }
            try Data(csv.stdout.utf8).write(to: out)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: python)
            process.arguments = ["-c", "import csv, json, sys; print(json.dumps(list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))))", out.path]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            let parsed = try #require(try JSONSerialization.jsonObject(with: data) as? [[String]])
            #expect(parsed == table)
        }
    }
}
