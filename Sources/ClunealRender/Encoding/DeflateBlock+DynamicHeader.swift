extension DeflateBlock {
    /// The codes of a dynamic-Huffman block (RFC 1951 §3.2.7) for given symbol frequencies,
    /// and the header that sends them: the literal/length code limited to 15 bits, the
    /// distance code (only distance 1 is ever used: codes 0 and 1, one bit each, so the code
    /// is complete), their lengths run-length coded with symbols 16, 17 and 18, and the
    /// code-length code limited to 7 bits.
    struct DynamicHeader: Sendable {
        let literal: HuffmanCode
        let distance: HuffmanCode
        /// Literal/length codes sent (257...286) and distance codes sent (2).
        let literalCount: Int
        let distanceCount: Int
        /// The code-length code, and how many of its lengths are sent (4...19, in
        /// ``DeflateBlock/codeLengthOrder``).
        let codeLengthCode: HuffmanCode
        let codeLengthCount: Int
        /// The run-length coded lengths: a code-length symbol (0...18) and its extra bits' value.
        let lengthSymbols: [(symbol: UInt8, extra: UInt8)]

        init(frequencies: [UInt32]) {
            let literalLengths = HuffmanCode.lengths(frequencies: frequencies, limit: DeflateBlock.maximumCodeBits)
            literal = HuffmanCode(lengths: literalLengths)
            distance = HuffmanCode(lengths: [1, 1])
            literalCount = Swift.max(257, (literalLengths.lastIndex { $0 > 0 } ?? 0) + 1)
            distanceCount = 2
            let sequence = Array(literalLengths.prefix(literalCount)) + distance.lengths
            lengthSymbols = Self.runLengthCoded(sequence)
            var counts = [UInt32](repeating: 0, count: 19)
            for (symbol, _) in lengthSymbols { counts[Int(symbol)] += 1 }
            let codeLengths = HuffmanCode.lengths(frequencies: counts, limit: DeflateBlock.maximumCodeLengthBits)
            codeLengthCode = HuffmanCode(lengths: codeLengths)
            let lastSent = DeflateBlock.codeLengthOrder.lastIndex { codeLengths[$0] > 0 } ?? 0
            codeLengthCount = Swift.max(4, lastSent + 1)
        }

        /// Bits of the header after BFINAL and BTYPE.
        var headerBits: Int {
            var bits = 5 + 5 + 4 + 3 * codeLengthCount
            for (symbol, _) in lengthSymbols {
                bits += Int(codeLengthCode.lengths[Int(symbol)]) + Self.extraBits(symbol)
            }
            return bits
        }

        /// Writes HLIT, HDIST, HCLEN, the code-length code and the coded lengths.
        func write(to writer: inout BitWriter) {
            writer.write(UInt32(literalCount - 257), count: 5)
            writer.write(UInt32(distanceCount - 1), count: 5)
            writer.write(UInt32(codeLengthCount - 4), count: 4)
            for symbol in DeflateBlock.codeLengthOrder.prefix(codeLengthCount) {
                writer.write(UInt32(codeLengthCode.lengths[symbol]), count: 3)
            }
            for (symbol, extra) in lengthSymbols {
                writer.write(UInt32(codeLengthCode.codes[Int(symbol)]), count: Int(codeLengthCode.lengths[Int(symbol)]))
                writer.write(UInt32(extra), count: Self.extraBits(symbol))
            }
        }

        /// Extra bits after code-length symbol 16 (repeat 3...6), 17 (3...10 zeros) and 18
        /// (11...138 zeros).
        static func extraBits(_ symbol: UInt8) -> Int {
            switch symbol {
            case 16: 2
            case 17: 3
            case 18: 7
            default: 0
            }
        }

        /// `lengths` as code-length symbols: a length, 16 to repeat the previous one 3...6
        /// times, 17 and 18 for runs of zeros.
        static func runLengthCoded(_ lengths: [UInt8]) -> [(symbol: UInt8, extra: UInt8)] {
            var out: [(symbol: UInt8, extra: UInt8)] = []
            var i = 0
            while i < lengths.count {
                let length = lengths[i]
                var run = 1
                while i + run < lengths.count && lengths[i + run] == length { run += 1 }
                i += run
                if length == 0 {
                    while run >= 11 {
                        let n = Swift.min(run, 138)
                        out.append((18, UInt8(n - 11)))
                        run -= n
                    }
                    if run >= 3 {
                        out.append((17, UInt8(run - 3)))
                        run = 0
                    }
                } else {
                    out.append((length, 0))
                    run -= 1
                    while run >= 3 {
                        let n = Swift.min(run, 6)
                        out.append((16, UInt8(n - 3)))
                        run -= n
                    }
                }
                out.append(contentsOf: repeatElement((symbol: length, extra: UInt8(0)), count: run))
            }
            return out
        }
    }
}
