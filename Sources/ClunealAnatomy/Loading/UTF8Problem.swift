/// Where a file stops being UTF-8 text, for a message that says what to do about it.
public struct UTF8Problem: Hashable, Sendable, CustomStringConvertible {
    /// Byte offset (0-based) of the first byte that is not valid UTF-8.
    public var offset: Int
    /// That byte.
    public var byte: UInt8
    /// 1-based line of that byte.
    public var line: Int
    /// The file starts with a UTF-16 byte-order mark or has NUL bytes between ASCII letters.
    public var looksLikeUTF16: Bool

    public init(offset: Int, byte: UInt8, line: Int, looksLikeUTF16: Bool) {
        self.offset = offset
        self.byte = byte
        self.line = line
        self.looksLikeUTF16 = looksLikeUTF16
    }

    /// `nil` when `bytes` are valid UTF-8.
    public static func find(in bytes: [UInt8]) -> UTF8Problem? {
        if String(validating: bytes, as: UTF8.self) != nil { return nil }
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        loop: while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): offset += encoded.count
            case .emptyInput: break loop
            case .error: break loop
            }
        }
        let at = min(offset, max(bytes.count - 1, 0))
        var line = 1
        for b in bytes[..<at] where b == 0x0A { line += 1 }
        let bom16 = bytes.count >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF))
        let sample = bytes.prefix(64)
        let nulls = sample.filter { $0 == 0 }.count
        return UTF8Problem(offset: at, byte: bytes.isEmpty ? 0 : bytes[at], line: line,
                           looksLikeUTF16: bom16 || (sample.count >= 4 && nulls * 3 >= sample.count))
    }

    public var description: String {
        let hex = String(byte, radix: 16, uppercase: true)
        let what = "byte 0x\(hex.count == 1 ? "0" + hex : hex) at offset \(offset) (line \(line)) is not UTF-8"
        return looksLikeUTF16
            ? "the file is UTF-16, not UTF-8 text (\(what)); save it as UTF-8"
            : "the file is not UTF-8 text: \(what)"
    }
}
