import Testing
@testable import ClunealAnatomy

@Suite("JSON source map")
struct JSONSourceMapTests {
    @Test func recordsTheLineOfEveryValue() throws {
        let text = "{\n  \"a\": 1,\n  \"b\": [\n    {\"c\": true},\n    null\n  ]\n}"
        let map = try JSONSourceMap(bytes: Array(text.utf8))
        #expect(map.line(for: .root.appending("a")) == 2)
        #expect(map.line(for: .root.appending("b")) == 3)
        #expect(map.line(for: .root.appending("b").appending(0).appending("c")) == 4)
        #expect(map.line(for: .root.appending("b").appending(1)) == 5)
        // A path that does not exist falls back to its nearest parent.
        #expect(map.line(for: .root.appending("b").appending(0).appending("zz")) == 4)
    }

    @Test(arguments: [
        ("{\"a\": 1,}", 1, "a quoted key"),
        ("{\n\"a\": tru }", 2, "invalid literal"),
        ("[1, 2", 1, "unexpected end"),
        ("{\"a\": 01}", 1, "expected ',' or '}'"),
        ("{\"a\": \"x\ny\"}", 1, "control character"),
        ("{} {}", 1, "after the end"),
        ("", 1, "unexpected end"),
    ])
    func reportsSyntaxErrorsWithLineAndColumn(text: String, line: Int, message: String) {
        do {
            _ = try JSONSourceMap(bytes: Array(text.utf8))
            Issue.record("\(text) was accepted")
        } catch {
            guard case .syntax(let m, let l, _) = error else { Issue.record("unexpected \(error)"); return }
            #expect(l == line)
            #expect(m.contains(message), "\(m)")
        }
    }

    @Test func rejectsDuplicateKeys() {
        #expect(throws: JSONSourceMap.Problem.duplicateKey(key: "a", path: JSONPath.root.appending("x").appending("a"), line: 3)) {
            _ = try JSONSourceMap(bytes: Array("{\"x\": {\n\"a\": 1,\n\"a\": 2}}".utf8))
        }
    }

    @Test func rejectsDeepNestingWithoutCrashing() {
        let text = String(repeating: "[", count: 100_000)
        #expect(throws: JSONSourceMap.Problem.tooDeep(line: 1)) { _ = try JSONSourceMap(bytes: Array(text.utf8)) }
    }

    @Test func rejectsInvalidUTF8() {
        #expect(throws: JSONSourceMap.Problem.notUTF8(UTF8Problem(offset: 1, byte: 0xFF, line: 1, looksLikeUTF16: false))) {
            _ = try JSONSourceMap(bytes: [0x7B, 0xFF, 0x7D])
        }
    }

    @Test func pathsPrintLikeJSONPath() {
        #expect(JSONPath.root.appending("zones").appending(3).appending("lateral").description == "$.zones[3].lateral")
        #expect(JSONPath.root.appending("a b").description == "$[\"a b\"]")
    }
}
