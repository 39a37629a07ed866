/// Hand-rolled JSON in a caller-chosen key order: fast enough for a hundred thousand lines
/// a second, and able to put what matters (red flags) first. Numbers are written with a fixed
/// number of decimals, trailing zeros dropped; NaN and infinity become `null`.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    /// Newlines and two-space indentation (for people); compact otherwise (one line per object).
    let pretty: Bool
    /// Per open container: whether it already holds an element.
    private var hasElements: [Bool] = []
    private var afterKey = false

    init(pretty: Bool, capacity: Int = 0) {
        self.pretty = pretty
        bytes.reserveCapacity(capacity)
        hasElements.reserveCapacity(8)
    }

    /// Empties the buffer, keeping its capacity.
    mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        hasElements.removeAll(keepingCapacity: true)
        afterKey = false
    }

    mutating func newline() { bytes.append(0x0A) }

    private mutating func beforeElement() {
        if afterKey { afterKey = false; return }
        guard let last = hasElements.last else { return }
        if last { bytes.append(UInt8(ascii: ",")) }
        hasElements[hasElements.count - 1] = true
        if pretty { indent(hasElements.count) }
    }

    private mutating func indent(_ depth: Int) {
        bytes.append(0x0A)
        for _ in 0..<depth { bytes.append(0x20); bytes.append(0x20) }
    }

    mutating func beginObject() { beforeElement(); bytes.append(UInt8(ascii: "{")); hasElements.append(false) }
    mutating func beginArray() { beforeElement(); bytes.append(UInt8(ascii: "[")); hasElements.append(false) }
    mutating func endObject() { close(UInt8(ascii: "}")) }
    mutating func endArray() { close(UInt8(ascii: "]")) }

    private mutating func close(_ c: UInt8) {
        let had = hasElements.popLast() ?? false
        if pretty, had { indent(hasElements.count) }
        bytes.append(c)
    }

    mutating func key(_ k: StaticString) {
        beforeElement()
        bytes.append(UInt8(ascii: "\""))
        k.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        if pretty { bytes.append(0x20) }
        afterKey = true
    }

    mutating func string(_ s: String) {
        beforeElement()
        bytes.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { utf8 in
            var needsEscape = false
            for b in utf8 where b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") { needsEscape = true; break }
            if !needsEscape { bytes.append(contentsOf: utf8); return }
            for b in utf8 {
                switch b {
                case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\\")); bytes.append(b)
                case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\")); bytes.append(b)
                case 0x0A: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "t"))
                case 0..<0x20:
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]])
                default: bytes.append(b)
                }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func optionalString(_ s: String?) { if let s { string(s) } else { null() } }

    mutating func bool(_ b: Bool) {
        beforeElement()
        appendASCII(b ? "true" : "false")
    }

    mutating func null() {
        beforeElement()
        appendASCII("null")
    }

    mutating func int(_ v: Int) {
        beforeElement()
        NumberText.appendInteger(v, to: &bytes)
    }

    /// A number rounded to `places` decimals (trailing zeros dropped); `null` if not finite.
    mutating func number(_ v: Double, places: Int = 2) {
        beforeElement()
        if !NumberText.appendFixed(v, places: places, trimZeros: true, to: &bytes) { appendASCII("null") }
    }

    mutating func optionalNumber(_ v: Double?, places: Int = 2) {
        if let v { number(v, places: places) } else { null() }
    }

    private mutating func appendASCII(_ s: StaticString) { s.withUTF8Buffer { bytes.append(contentsOf: $0) } }

    // Key-value conveniences.
    mutating func field(_ k: StaticString, _ s: String) { key(k); string(s) }
    mutating func field(_ k: StaticString, _ s: String?) { key(k); optionalString(s) }
    mutating func field(_ k: StaticString, _ b: Bool) { key(k); bool(b) }
    mutating func field(_ k: StaticString, _ v: Int) { key(k); int(v) }
    mutating func field(_ k: StaticString, _ v: Double, places: Int = 2) { key(k); number(v, places: places) }
    mutating func field(_ k: StaticString, _ v: Double?, places: Int = 2) { key(k); optionalNumber(v, places: places) }
    mutating func field(_ k: StaticString, strings: [String]) {
        key(k)
        beginArray()
        for s in strings { string(s) }
        endArray()
    }
}

/// Numbers as text without Foundation, locale or exponent.
enum NumberText {
    private static let powersOfTen: [Double] = (0...9).map { k in (0..<k).reduce(1.0) { r, _ in r * 10 } }

    static func appendInteger(_ v: Int, to bytes: inout [UInt8]) {
        if v < 0 { bytes.append(UInt8(ascii: "-")) }
        appendDigits(v.magnitude, to: &bytes)
    }

    private static func appendDigits(_ v: UInt, to bytes: inout [UInt8]) {
        let start = bytes.count
        var n = v
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(n % 10))
            n /= 10
        } while n > 0
        bytes[start...].reverse()
    }

    /// Appends `v` with `places` decimals (0...9). Returns false, appending nothing, for a
    /// non-finite value.
    @discardableResult
    static func appendFixed(_ v: Double, places: Int, trimZeros: Bool, to bytes: inout [UInt8]) -> Bool {
        guard v.isFinite else { return false }
        let p = min(max(places, 0), powersOfTen.count - 1)
        let scale = powersOfTen[p]
        let scaled = (v * scale).rounded()
        guard abs(scaled) < 9.0e15 else {
            bytes.append(contentsOf: Array(String(v).utf8))
            return true
        }
        let n = Int(scaled)
        // Never write a negative zero.
        if n < 0 { bytes.append(UInt8(ascii: "-")) }
        let magnitude = n.magnitude
        let unit = UInt(scale)
        appendDigits(magnitude / unit, to: &bytes)
        guard p > 0 else { return true }
        var fraction = magnitude % unit
        var digits = p
        if trimZeros {
            if fraction == 0 { return true }
            while fraction % 10 == 0 { fraction /= 10; digits -= 1 }
        }
        bytes.append(UInt8(ascii: "."))
        let start = bytes.count
        for _ in 0..<digits {
            bytes.append(UInt8(ascii: "0") + UInt8(fraction % 10))
            fraction /= 10
        }
        bytes[start...].reverse()
        return true
    }
}

extension JSONWriter {
    /// Raw bytes outside the JSON structure (for CSV lines sharing the buffer).
    mutating func appendRaw(_ b: UInt8) { bytes.append(b) }
    mutating func appendRaw(_ s: String) { bytes.append(contentsOf: s.utf8) }
    mutating func appendRaw(contentsOf b: [UInt8]) { bytes.append(contentsOf: b) }

    /// Already-encoded JSON in the place of one element: a value after a key, or one or more
    /// complete `"key":value` members inside an object.
    mutating func raw(_ encoded: [UInt8]) {
        beforeElement()
        bytes.append(contentsOf: encoded)
    }
    mutating func appendRawInteger(_ v: Int) { NumberText.appendInteger(v, to: &bytes) }
    /// A number with trailing zeros dropped; empty for a non-finite value.
    mutating func appendRawNumber(_ v: Double, places: Int) { NumberText.appendFixed(v, places: places, trimZeros: true, to: &bytes) }
}
