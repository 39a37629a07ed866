/// A syntax check of JSON text that also remembers the line of every value, by path.
///
/// `JSONDecoder` reports *what* is wrong as a coding path but not *where* in the file,
/// accepts duplicate keys silently, and gives byte offsets for syntax errors. This scanner
/// fills those gaps so that every atlas error can name file, JSON path and line.
public struct JSONSourceMap: Sendable {
    /// Line (1-based) where the value at each path starts.
    public private(set) var lines: [JSONPath: Int] = [:]

    /// Why the text is not acceptable JSON.
    public enum Problem: Error, Hashable, Sendable {
        case syntax(message: String, line: Int, column: Int)
        case duplicateKey(key: String, path: JSONPath, line: Int)
        case tooDeep(line: Int)
        /// More values than ``maxValues`` (every member of every array and object counts).
        case tooManyValues(line: Int)
        case notUTF8(UTF8Problem)
    }

    /// The most values a document may hold: the default atlas has under 1,500, so this only
    /// stops a hostile or broken file from filling memory with paths.
    public static let maxValues = 200_000

    /// Scans `bytes`. Throws the first syntax problem or duplicate key.
    public init(bytes: [UInt8]) throws(Problem) {
        var scanner = Scanner(bytes: bytes)
        if let problem = UTF8Problem.find(in: bytes) { throw .notUTF8(problem) }
        scanner.skipBOM()
        scanner.skipWhitespace()
        try scanner.value(path: .root, depth: 0)
        scanner.skipWhitespace()
        if !scanner.atEnd {
            throw scanner.syntax("unexpected text after the end of the JSON document")
        }
        lines = scanner.lines
    }

    /// The line of the value at `path`, or of its nearest enclosing value that has one.
    public func line(for path: JSONPath) -> Int? {
        var p = path
        while true {
            if let l = lines[p] { return l }
            if p.components.isEmpty { return nil }
            p.components.removeLast()
        }
    }

    private struct Scanner {
        let bytes: [UInt8]
        var i = 0
        var line = 1
        var lineStart = 0
        var lines: [JSONPath: Int] = [:]
        var values = 0
        static let maxDepth = 256

        init(bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { i >= bytes.count }
        var peek: UInt8? { i < bytes.count ? bytes[i] : nil }

        func syntax(_ message: String) -> Problem {
            .syntax(message: message, line: line, column: i - lineStart + 1)
        }

        mutating func skipBOM() {
            if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3; lineStart = 3 }
        }

        mutating func skipWhitespace() {
            while let c = peek {
                if c == 0x0A { line += 1; i += 1; lineStart = i }
                else if c == 0x20 || c == 0x09 || c == 0x0D { i += 1 }
                else { break }
            }
        }

        mutating func expect(_ c: UInt8, _ what: String) throws(Problem) {
            guard peek == c else { throw syntax("expected \(what)") }
            i += 1
        }

        mutating func value(path: JSONPath, depth: Int) throws(Problem) {
            guard depth < Self.maxDepth else { throw .tooDeep(line: line) }
            values += 1
            guard values <= JSONSourceMap.maxValues else { throw .tooManyValues(line: line) }
            skipWhitespace()
            lines[path] = line
            guard let c = peek else { throw syntax("unexpected end of file: a value was expected") }
            switch c {
            case UInt8(ascii: "{"): try object(path: path, depth: depth)
            case UInt8(ascii: "["): try array(path: path, depth: depth)
            case UInt8(ascii: "\""): _ = try string()
            case UInt8(ascii: "t"): try literal("true")
            case UInt8(ascii: "f"): try literal("false")
            case UInt8(ascii: "n"): try literal("null")
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
            default:
                throw syntax("unexpected character '\(Self.printable(c))': a value was expected")
            }
        }

        static func printable(_ c: UInt8) -> String {
            (0x20...0x7E).contains(c) ? String(UnicodeScalar(c)) : "\\u{\(String(c, radix: 16))}"
        }

        mutating func literal(_ word: String) throws(Problem) {
            for b in word.utf8 {
                guard peek == b else { throw syntax("invalid literal: expected '\(word)'") }
                i += 1
            }
        }

        mutating func number() throws(Problem) {
            let start = i
            try numberSyntax()
            let text = String(decoding: bytes[start..<i], as: UTF8.self)
            if let value = Double(text), !value.isFinite {
                i = start
                throw syntax("the number \(text) is too large to represent")
            }
        }

        mutating func numberSyntax() throws(Problem) {
            if peek == UInt8(ascii: "-") { i += 1 }
            guard let c = peek, (0x30...0x39).contains(c) else { throw syntax("invalid number") }
            if c == 0x30 { i += 1 } else { while let d = peek, (0x30...0x39).contains(d) { i += 1 } }
            if peek == UInt8(ascii: ".") {
                i += 1
                guard let d = peek, (0x30...0x39).contains(d) else { throw syntax("invalid number: digits must follow '.'") }
                while let d = peek, (0x30...0x39).contains(d) { i += 1 }
            }
            if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
                i += 1
                if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { i += 1 }
                guard let d = peek, (0x30...0x39).contains(d) else { throw syntax("invalid number: exponent has no digits") }
                while let d = peek, (0x30...0x39).contains(d) { i += 1 }
            }
        }

        mutating func string() throws(Problem) -> String {
            try expect(UInt8(ascii: "\""), "'\"'")
            var out: [UInt8] = []
            while true {
                guard let c = peek else { throw syntax("unterminated string") }
                i += 1
                if c == UInt8(ascii: "\"") { break }
                if c < 0x20 { throw syntax("control character in a string (escape it)") }
                if c == UInt8(ascii: "\\") {
                    guard let e = peek else { throw syntax("unterminated string") }
                    i += 1
                    switch e {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                    case UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"): out.append(0x20)
                    case UInt8(ascii: "u"):
                        for _ in 0..<4 {
                            guard let h = peek, Self.isHex(h) else { throw syntax("invalid \\u escape") }
                            i += 1
                        }
                        out.append(0x3F)
                    default: throw syntax("invalid escape '\\\(Self.printable(e))'")
                    }
                } else {
                    out.append(c)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }

        static func isHex(_ c: UInt8) -> Bool {
            (0x30...0x39).contains(c) || (0x41...0x46).contains(c) || (0x61...0x66).contains(c)
        }

        mutating func object(path: JSONPath, depth: Int) throws(Problem) {
            i += 1
            var seen = Set<String>()
            skipWhitespace()
            if peek == UInt8(ascii: "}") { i += 1; return }
            while true {
                skipWhitespace()
                let keyLine = line
                guard peek == UInt8(ascii: "\"") else { throw syntax("expected a quoted key") }
                let key = try string()
                if !seen.insert(key).inserted {
                    throw .duplicateKey(key: key, path: path.appending(key), line: keyLine)
                }
                skipWhitespace()
                try expect(UInt8(ascii: ":"), "':' after a key")
                try value(path: path.appending(key), depth: depth + 1)
                skipWhitespace()
                if peek == UInt8(ascii: ",") { i += 1; continue }
                if peek == UInt8(ascii: "}") { i += 1; return }
                if atEnd { throw syntax("unexpected end of file inside an object") }
                throw syntax("expected ',' or '}' in an object")
            }
        }

        mutating func array(path: JSONPath, depth: Int) throws(Problem) {
            i += 1
            skipWhitespace()
            if peek == UInt8(ascii: "]") { i += 1; return }
            var index = 0
            while true {
                try value(path: path.appending(index), depth: depth + 1)
                index += 1
                skipWhitespace()
                if peek == UInt8(ascii: ",") { i += 1; continue }
                if peek == UInt8(ascii: "]") { i += 1; return }
                if atEnd { throw syntax("unexpected end of file inside an array") }
                throw syntax("expected ',' or ']' in an array")
            }
        }
    }
}
