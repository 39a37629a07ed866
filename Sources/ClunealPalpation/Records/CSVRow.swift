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
        out.append(contentsOf: Self.escaped(s).utf8)
    }

    /// Characters that make a spreadsheet run a field as a formula when they lead it.
    private static let formulaLeads: [UInt8] = Array("=+-@\t\r".utf8)
    /// Characters that make a field need quotes.
    private static let quoted: [UInt8] = Array(",\"\n\r".utf8)

    /// A control character other than tab and line ends (dropped from text).
    private static func isDropped(_ b: UInt32) -> Bool { b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D || b == 0x7F }

    /// True when ``escaped(_:)`` returns `s` unchanged: one pass over the bytes (ids and names
    /// nearly always qualify), so that a batch does not rebuild every field.
    private static func isPlain(_ s: String) -> Bool {
        if let first = s.utf8.first, formulaLeads.contains(first) { return false }
        return !s.utf8.contains { isDropped(UInt32($0)) || quoted.contains($0) }
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
        if isPlain(s) { return s }
        var s = s
        if s.unicodeScalars.contains(where: { isDropped($0.value) }) {
            s = String(String.UnicodeScalarView(s.unicodeScalars.filter { !isDropped($0.value) }))
        }
        if let c = s.utf8.first, formulaLeads.contains(c) { s = "'" + s }
        if s.utf8.contains(where: { quoted.contains($0) }) {
            var quoted = "\""
            for c in s { quoted += c == "\"" ? "\"\"" : String(c) }
            return quoted + "\""
        }
        return s
    }
}
