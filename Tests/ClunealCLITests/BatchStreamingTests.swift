import Foundation
import Testing

/// The review's batch failures: one stray quote swallowing the rest of a file, and error lines
/// as long as a hostile value.
@Suite("Batches: quotes and long values")
struct BatchStreamingTests {
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cluneal-stream-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// 20,000 rows with `"c5,left,…` on row 6: that row fails, naming the line its quote opened
    /// on, and the other 19,999 are located (the review saw "1 of 6 rows failed" and 99,994
    /// rows silently lost, with a 2.5 MB error line).
    @Test func aStrayQuoteFailsOneRowAndTheRestAreLocated() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        var text = "case,side,from,lateral,vertical\n"
        for i in 1...20_000 { text += (i == 6 ? "\"c\(i)" : "c\(i)") + ",left,crest,\(4 + i % 8)cm,0\n" }
        let cases = dir.appendingPathComponent("c.csv")
        try Data(text.utf8).write(to: cases)
        let r = try CLIRunner.run(["locate", "--cases", cases.path, "-o", dir.appendingPathComponent("out.jsonl").path])
        #expect(r.status == 65)
        #expect(r.stderr.split(separator: "\n").count == 1 && r.stderr.utf8.count < 800, "\(r.stderr.prefix(1000))")
        #expect(r.stderr.contains("row 6 (line 7") && r.stderr.contains("opens field 1 on line 7") && r.stderr.contains("1 of 20000 rows failed"), "\(r.stderr)")
        let lines = try String(contentsOf: dir.appendingPathComponent("out.jsonl"), encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 20_000)
        #expect(lines[5].contains("\"error\"") && lines[6].contains("\"case\":\"c7\""))
    }

    /// A 100 kB bad value (the longest one argument may be) is cut to 200 characters in the error line, from a flag or a file.
    @Test func aHugeBadValueIsCutInTheErrorLine() throws {
        let huge = String(repeating: "7", count: 100_000) + "x"
        let flag = try CLIRunner.run(["locate", "--side", "left", "--from", "crest", "--lateral", huge, "--vertical", "0"])
        #expect(flag.status == 64)
        #expect(flag.stderr.utf8.count < 1200 && flag.stderr.contains("more characters"), "\(flag.stderr.prefix(400))")
        let row = try CLIRunner.run(["locate", "--cases", "-"], stdin: "case,side,from,lateral,vertical\nk,left,crest,\(huge),0\n")
        #expect(row.status == 65)
        #expect(row.stderr.utf8.count < 1200 && row.stderr.contains("more characters"), "\(row.stderr.prefix(400))")
    }
}
