import Foundation
import Testing

/// `locate --cases` and `locate --json` write one record: on every row of
/// `Samples/cases.csv`, every field of the batch line (names, JSON types and values, nested
/// all the way down) is in the single-point output with the same value, and the single-point
/// output adds only the ranked list, the block site's guide and the envelope text.
@Suite("Batch and single output agree")
struct RecordAgreementTests {
    /// A JSON value that keeps booleans and numbers apart.
    indirect enum Value: Decodable, Equatable {
        case null, bool(Bool), number(Double), string(String), array([Value]), object([String: Value])

        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() { self = .null } else if let b = try? c.decode(Bool.self) { self = .bool(b) } else if let n = try? c.decode(Double.self) {
                self = .number(n)
            } else if let s = try? c.decode(String.self) { self = .string(s) } else if let a = try? c.decode([Value].self) {
                self = .array(a)
            } else { self = .object(try c.decode([String: Value].self)) }
        }

        static func parse(_ text: String) -> Value? { try? JSONDecoder().decode(Value.self, from: Data(text.utf8)) }

        subscript(_ key: String) -> Value? {
            if case .object(let o) = self { return o[key] }
            return nil
        }
    }

    struct Row: Sendable, CustomTestStringConvertible {
        var line: Value { Value.parse(json) ?? .null }
        let json: String
        let arguments: [String]
        let caseId: String
        var testDescription: String { caseId }
    }

    /// The sample rows as `locate` flags, with their batch lines.
    static let rows: [Row] = {
        guard let text = try? String(contentsOf: CLIRunner.root.appendingPathComponent("Samples/cases.csv"), encoding: .utf8),
              let batch = try? CLIRunner.run(["locate", "--cases", "Samples/cases.csv"]) else { return [] }
        let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        guard let header = lines.first else { return [] }
        let flags = ["side": "--side", "from": "--from", "lateral": "--lateral", "vertical": "--vertical", "height": "--height",
                     "sex": "--sex", "psis_from_midline": "--psis-from-midline", "crest_height": "--crest-height",
                     "bicristal_width": "--bicristal-width"]
        return zip(lines.dropFirst(), batch.stdout.split(separator: "\n")).map { fields, json in
            var arguments = ["locate", "--json"]
            for (name, value) in zip(header, fields) where !value.isEmpty {
                if let flag = flags[name] { arguments += [flag, value] }
                if name == "symptoms" { for s in value.split(separator: ";") { arguments += ["--symptom", String(s)] } }
            }
            return Row(json: String(json), arguments: arguments, caseId: fields[0])
        }
    }()

    /// Only these may be in the single-point output and not in a batch line.
    static let singleOnly: Set<String> = ["candidates", "guide", "frame", "notice"]
    /// Only these may be in a batch line and not in the single-point output.
    static let batchOnly: Set<String> = ["case", "row"]

    static func compare(_ batch: Value, _ single: Value, at path: String, _ problems: inout [String]) {
        switch (batch, single) {
        case (.object(let b), .object(let s)):
            for (k, v) in b where !(path.isEmpty && batchOnly.contains(k)) {
                guard let w = s[k] else { problems.append("\(path).\(k): only in the batch"); continue }
                compare(v, w, at: path + "." + k, &problems)
            }
            for k in s.keys where b[k] == nil && !singleOnly.contains(k) { problems.append("\(path).\(k): only in the single output") }
        case (.array(let b), .array(let s)):
            guard b.count == s.count else { problems.append("\(path): \(b.count) vs \(s.count) elements"); return }
            for (i, (x, y)) in zip(b, s).enumerated() { compare(x, y, at: "\(path)[\(i)]", &problems) }
        case (.bool, .bool), (.number, .number), (.string, .string), (.null, .null):
            if batch != single { problems.append("\(path): \(batch) vs \(single)") }
        default:
            problems.append("\(path): types differ (\(batch) vs \(single))")
        }
    }

    @Test func everySampleRowHasABatchLine() {
        #expect(Self.rows.count == 24)
        #expect(Self.rows.allSatisfy { $0.line["case"] == .string($0.caseId) })
    }

    @Test(arguments: rows)
    func theBatchLineIsTheSingleRecordFieldByField(_ row: Row) throws {
        let single = try CLIRunner.run(row.arguments)
        #expect(single.status == 0, "\(row.arguments): \(single.stderr)")
        let object = try #require(Value.parse(single.stdout))
        var problems: [String] = []
        Self.compare(row.line, object, at: "", &problems)
        #expect(problems.isEmpty, "\(row.caseId): \(problems.joined(separator: "; "))")
        if case .array = object["candidates"] {} else { Issue.record("no ranked list in the single output") }
        #expect(row.line["candidates"] == nil)
        // Types the review found differing: objects in both now.
        for key in ["scaling", "atlas", "tenderPoint"] {
            if case .object = row.line[key] {} else { Issue.record("\(key) is not an object in the batch line") }
        }
        for key in ["redFlags", "lookAlikes", "symptoms"] {
            if case .array = row.line[key] {} else { Issue.record("\(key) is not an array in the batch line") }
        }
    }
}
