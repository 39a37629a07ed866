/// The symbols of one deflate block (RFC 1951) whose only matches repeat the previous byte
/// (distance 1), and how to write them: as a dynamic-Huffman block, a fixed-Huffman block or
/// stored bytes, whichever is smallest.
///
/// A symbol is a literal byte (0...255) or a run: `runBase + (length − 3)` for a match of
/// `length` (3...258) copies of the byte before it. ``rawCount`` is the number of bytes the
/// symbols stand for. Invariant: at most ``capacity`` symbols.
struct DeflateBlock: Sendable {
    static let runBase: UInt16 = 256
    static let minimumRun = 3
    static let maximumRun = 258
    /// Literal/length alphabet: 256 literals, end of block (256), length codes 257...285.
    static let litLenSymbols = 286
    static let endOfBlock = 256
    /// Longest code lengths deflate allows: literal/length and distance codes 15 bits,
    /// code-length codes 7 bits (§3.2.7).
    static let maximumCodeBits = 15
    static let maximumCodeLengthBits = 7
    /// Largest stored block (§3.2.4: LEN is 16 bits).
    static let maximumStoredBytes = 65535

    let capacity: Int
    private(set) var symbols: [UInt16] = []
    private var frequencies = [UInt32](repeating: 0, count: DeflateBlock.litLenSymbols)
    private(set) var rawCount = 0
    /// The byte before the block's first symbol (what a run at its start repeats) and the
    /// last byte its symbols produce.
    private var startByte: UInt8 = 0
    private(set) var lastByte: UInt8 = 0

    /// An empty block that holds up to `capacity` (≥ 1) symbols.
    init(capacity: Int) {
        self.capacity = Swift.max(1, capacity)
        symbols.reserveCapacity(self.capacity)
    }

    var isFull: Bool { symbols.count >= capacity }
    var isEmpty: Bool { symbols.isEmpty }

    @inline(__always)
    mutating func appendLiteral(_ byte: UInt8) {
        symbols.append(UInt16(byte))
        frequencies[Int(byte)] &+= 1
        rawCount &+= 1
        lastByte = byte
    }

    /// A run of `length` copies of ``lastByte``; `length` must be in 3...258.
    @inline(__always)
    mutating func appendRun(_ length: Int) {
        let k = Swift.min(Self.maximumRun, Swift.max(Self.minimumRun, length)) - Self.minimumRun
        symbols.append(Self.runBase + UInt16(k))
        frequencies[Int(Self.lengthSymbol[k])] &+= 1
        rawCount &+= k + Self.minimumRun
    }

    /// Writes the block (with BFINAL when `final`) in its smallest form and empties it.
    mutating func write(final: Bool, to writer: inout BitWriter) {
        frequencies[Self.endOfBlock] = 1
        let dynamic = DynamicHeader(frequencies: frequencies)
        let fixedBits = 3 + symbolBits(lengths: Self.fixed.literal.lengths, distanceBits: 5)
        let dynamicBits = 3 + dynamic.headerBits + symbolBits(lengths: dynamic.literal.lengths, distanceBits: Int(dynamic.distance.lengths[0]))
        // Stored: up to 7 bits to the byte boundary, then LEN and NLEN per piece of 65535 bytes.
        let pieces = Swift.max(1, (rawCount + Self.maximumStoredBytes - 1) / Self.maximumStoredBytes)
        let storedBits = 3 + 7 + pieces * 32 + (pieces - 1) * 8 + rawCount * 8
        if storedBits < Swift.min(fixedBits, dynamicBits) {
            writeStored(final: final, to: &writer)
        } else if fixedBits <= dynamicBits {
            writer.write(final ? 1 : 0, count: 1)
            writer.write(1, count: 2)
            writeSymbols(literal: Self.fixed.literal, distance: Self.fixed.distance, to: &writer)
        } else {
            writer.write(final ? 1 : 0, count: 1)
            writer.write(2, count: 2)
            dynamic.write(to: &writer)
            writeSymbols(literal: dynamic.literal, distance: dynamic.distance, to: &writer)
        }
        symbols.removeAll(keepingCapacity: true)
        for i in frequencies.indices { frequencies[i] = 0 }
        rawCount = 0
        startByte = lastByte
    }

    /// Bits of the symbols and the end of block under these literal/length code lengths, with
    /// every run's distance code `distanceBits` long.
    private func symbolBits(lengths: [UInt8], distanceBits: Int) -> Int {
        var bits = 0
        for s in 0..<Self.litLenSymbols where frequencies[s] > 0 {
            var perSymbol = Int(lengths[s])
            if s > Self.endOfBlock { perSymbol += Self.lengthExtraBits[s - Self.endOfBlock - 1] + distanceBits }
            bits += Int(frequencies[s]) * perSymbol
        }
        return bits
    }

    private func writeSymbols(literal: HuffmanCode, distance: HuffmanCode, to writer: inout BitWriter) {
        let distanceCode = UInt32(distance.codes[0]), distanceBits = Int(distance.lengths[0])
        for s in symbols {
            if s < Self.runBase {
                writer.write(UInt32(literal.codes[Int(s)]), count: Int(literal.lengths[Int(s)]))
            } else {
                let k = Int(s - Self.runBase)
                let symbol = Int(Self.lengthSymbol[k])
                writer.write(UInt32(literal.codes[symbol]), count: Int(literal.lengths[symbol]))
                writer.write(UInt32(Self.lengthExtraValue[k]), count: Self.lengthExtraBits[symbol - Self.endOfBlock - 1])
                writer.write(distanceCode, count: distanceBits)
            }
        }
        writer.write(UInt32(literal.codes[Self.endOfBlock]), count: Int(literal.lengths[Self.endOfBlock]))
    }

    /// The block's bytes as stored blocks of at most 65535 bytes, rebuilt from the symbols.
    private func writeStored(final: Bool, to writer: inout BitWriter) {
        var raw: [UInt8] = []
        raw.reserveCapacity(rawCount)
        var previous = startByte
        for s in symbols {
            if s < Self.runBase {
                previous = UInt8(truncatingIfNeeded: s)
                raw.append(previous)
            } else {
                raw.append(contentsOf: repeatElement(previous, count: Int(s - Self.runBase) + Self.minimumRun))
            }
        }
        var start = 0
        repeat {
            let end = Swift.min(raw.count, start + Self.maximumStoredBytes)
            writer.write(final && end == raw.count ? 1 : 0, count: 1)
            writer.write(0, count: 2)
            writer.alignToByte()
            let length = UInt32(end - start)
            writer.write(length | (~length & 0xFFFF) << 16, count: 32)
            writer.append(bytes: raw[start..<end])
            start = end
        } while start < raw.count
    }
}

extension DeflateBlock {
    /// Base lengths of the length codes 257...285 (RFC 1951 §3.2.5).
    static let lengthBases = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163,
                              195, 227, 258]
    /// Extra bits of the length codes 257...285.
    static let lengthExtraBits = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    /// For a run of length 3 + k: its length code (257...285) and the value of its extra bits.
    static let lengthSymbol: [UInt16] = (minimumRun...maximumRun).map { length in
        UInt16(257 + (lengthBases.lastIndex { $0 <= length } ?? 0))
    }
    static let lengthExtraValue: [UInt16] = (minimumRun...maximumRun).map { length in
        UInt16(length - (lengthBases.last { $0 <= length } ?? length))
    }

    /// The fixed codes (§3.2.6): literal/length 8, 9, 7 and 8 bits; distance 5 bits.
    static let fixed = (literal: HuffmanCode(lengths: (0..<288).map { s in s < 144 ? 8 : s < 256 ? 9 : s < 280 ? 7 : 8 }),
                        distance: HuffmanCode(lengths: [UInt8](repeating: 5, count: 30)))

    /// Order in which the code-length code's lengths are sent (§3.2.7).
    static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
}
