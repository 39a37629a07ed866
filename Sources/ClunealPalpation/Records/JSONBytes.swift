/// A byte buffer that compact JSON is appended to, written the way `JSONEncoder` writes it
/// (see ``FindingRecord/writeJSONLine(into:)``): strings with `"`, `\` and control
/// characters escaped and nothing else, numbers in Swift's shortest form without a trailing
/// `.0`. The caller writes keys in sorted order.
public struct JSONBytes: Sendable {
    public var bytes: [UInt8]

    public init(capacity: Int = 0) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    public mutating func object(_ body: (inout ObjectWriter) -> Void) {
        bytes.append(UInt8(ascii: "{"))
        // The buffer moves into the writer and back (swap, not copy), so it stays unique.
        var o = ObjectWriter(out: JSONBytes())
        swap(&o.out.bytes, &bytes)
        body(&o)
        swap(&o.out.bytes, &bytes)
        bytes.append(UInt8(ascii: "}"))
    }

    public mutating func array<T>(_ items: [T], _ element: (inout JSONBytes, T) -> Void) {
        bytes.append(UInt8(ascii: "["))
        for (i, item) in items.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            element(&self, item)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    public mutating func string(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { utf8 in
            var clean = true
            for b in utf8 where b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") { clean = false; break }
            if clean { bytes.append(contentsOf: utf8); return }
            for b in utf8 {
                switch b {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\")); bytes.append(b)
                case 0x08: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "b"))
                case 0x0C: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "f"))
                case 0x0A: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "t"))
                case 0..<0x20:
                    let hex = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]])
                default: bytes.append(b)
                }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// A finite number as `JSONEncoder` writes it: `70.12`, `1`, `-0.5`, `1e-07` (the CSV
    /// columns use the same text).
    public static func numberText(_ v: Double) -> String {
        var bytes: [UInt8] = []
        appendNumber(v, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends ``numberText(_:)``'s text of `v` to `bytes` without building a String: the one
    /// rule for how a number is written, used by the JSON and the CSV writers.
    public static func appendNumber(_ v: Double, to bytes: inout [UInt8]) {
        bytes.append(contentsOf: v.description.utf8)
        // "70.0" → "70": drop a trailing ".0" from the bytes just written.
        let n = bytes.count
        if n >= 2, bytes[n - 2] == UInt8(ascii: "."), bytes[n - 1] == UInt8(ascii: "0") { bytes.removeLast(2) }
    }

    /// Appends ``numberText(_:)`` of `v`.
    public mutating func number(_ v: Double) { Self.appendNumber(v, to: &bytes) }

    public mutating func integer(_ v: Int) { bytes.append(contentsOf: String(v).utf8) }

    public mutating func null() { bytes.append(contentsOf: "null".utf8) }

    public mutating func bool(_ v: Bool) { bytes.append(contentsOf: (v ? "true" : "false").utf8) }

    /// Writes `"key":value` pairs of one object.
    public struct ObjectWriter {
        fileprivate var out: JSONBytes
        private var first = true

        fileprivate init(out: JSONBytes) { self.out = out }

        private mutating func key(_ k: StaticString) {
            if !first { out.bytes.append(UInt8(ascii: ",")) }
            first = false
            out.bytes.append(UInt8(ascii: "\""))
            k.withUTF8Buffer { out.bytes.append(contentsOf: $0) }
            out.bytes.append(UInt8(ascii: "\""))
            out.bytes.append(UInt8(ascii: ":"))
        }

        public mutating func field(_ k: StaticString, _ value: (inout JSONBytes) -> Void) { key(k); value(&out) }
        public mutating func field(_ k: StaticString, _ v: String) { key(k); out.string(v) }
        public mutating func field(_ k: StaticString, _ v: Double) { key(k); out.number(v) }
        public mutating func field(_ k: StaticString, _ v: Int) { key(k); out.integer(v) }
        public mutating func field(_ k: StaticString, _ v: Bool) { key(k); out.bool(v) }
    }
}
