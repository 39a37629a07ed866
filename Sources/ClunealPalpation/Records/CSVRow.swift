/// One CSV line appended to a byte buffer, the one place CSV output is escaped.
///
/// Text is quoted when it holds a comma, quote or line end. Text that a spreadsheet would run
/// as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading
/// `'`, as OWASP and the spreadsheets themselves advise; numbers are written as numbers, so a
/// negative coordinate stays a number. Other control characters are dropped from text.
public struct CSVRow: Sendable {
    private var first = true

    public init() {}

    private mutating func separator(_ out: inout [UInt8]) {
        if !first { out.append(UInt8(ascii: ",")) }
        first = false
    }

    /// Free text (ids, names, messages): neutralised and quoted as needed.
    public mutating func text(_ s: String, _ out: inout [UInt8]) {
        separator(&out)
        if Self.needsNoEscaping(s) {
            out.append(contentsOf: s.utf8)
        } else {
            out.append(contentsOf: Self.escaped(s).utf8)
        }
    }

    /// True when ``escaped(_:)`` would return `s` unchanged: no control character, comma,
    /// quote or line end, and no formula lead. One pass over the bytes (ids and names nearly
    /// always qualify), so that a batch does not rebuild every field.
    static func needsNoEscaping(_ s: String) -> Bool {
        var first = true
        for b in s.utf8 {
            if b < 0x20 || b == 0x7F || b == UInt8(ascii: ",") || b == UInt8(ascii: "\"") { return false }
            if first, b == UInt8(ascii: "=") || b == UInt8(ascii: "+") || b == UInt8(ascii: "-") || b == UInt8(ascii: "@") { return false }
            first = false
        }
        return true
    }

    /// A fixed word from the tool's own vocabulary (`yes`, `left`, `none`) or nothing.
    public mutating func word(_ s: String, _ out: inout [UInt8]) {
        separator(&out)
        out.append(contentsOf: s.utf8)
    }

    public mutating func integer(_ v: Int, _ out: inout [UInt8]) {
        separator(&out)
        out.append(contentsOf: String(v).utf8)
    }

    /// A number as JSON writes it (`70.12`, `-3`), or an empty field.
    public mutating func number(_ v: Double?, _ out: inout [UInt8]) {
        separator(&out)
        guard let v, v.isFinite else { return }
        JSONBytes.appendNumber(v, to: &out)
    }

    /// `s` as one CSV field.
    public static func escaped(_ s: String) -> String {
        var s = s
        if s.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\t" && $0 != "\n" && $0 != "\r" || $0.value == 0x7F }) {
            s = String(String.UnicodeScalarView(s.unicodeScalars.filter { !($0.value < 0x20 && $0 != "\t" && $0 != "\n" && $0 != "\r" || $0.value == 0x7F) }))
        }
        if let c = s.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(c) { s = "'" + s }
        if s.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) {
            var quoted = "\""
            for c in s { quoted += c == "\"" ? "\"\"" : String(c) }
            return quoted + "\""
        }
        return s
    }
}
