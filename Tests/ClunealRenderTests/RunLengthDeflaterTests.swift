import CLibPNG
import Testing
@testable import ClunealRender

/// ClunealRender's own deflate for filtered rows (``RunLengthDeflater``): every stream must
/// inflate through zlib to exactly the input, whatever the input and however it is split into
/// batches; its Huffman codes must be length-limited and complete; its Adler-32 must be zlib's.
@Suite("Run-length deflate (ClunealRender's own zlib stream)")
struct RunLengthDeflaterTests {
    /// The whole stream for `input` fed in batches that end at `splits` (ascending offsets).
    static func compress(_ input: [UInt8], splits: [Int] = [], blockSymbols: Int = RunLengthDeflater.defaultBlockSymbols,
                         pieceBytes: Int = 1 << 16) throws -> [UInt8] {
        var deflater = RunLengthDeflater(blockSymbols: blockSymbols, pieceBytes: pieceBytes)
        var out: [UInt8] = []
        let emit = { (piece: UnsafeBufferPointer<UInt8>) throws(RenderError) in out.append(contentsOf: piece) }
        try input.withUnsafeBytes { raw in
            var start = 0
            for end in splits + [input.count] where end >= start && end <= input.count {
                try deflater.compress(UnsafeRawBufferPointer(rebasing: raw[start..<end]), finish: false, emit: emit)
                start = end
            }
            try deflater.compress(UnsafeRawBufferPointer(start: nil, count: 0), finish: true, emit: emit)
        }
        return out
    }

    /// zlib's inflate (`uncompress`, which also checks the Adler-32).
    static func inflate(_ stream: [UInt8], expecting count: Int) -> [UInt8]? {
        LibPNG.inflate(stream[...], limit: Swift.max(stream.count * 4, count * 2) + 1024)
    }

    static func zlibAdler32(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { UInt32(adler32(1, $0.baseAddress, uInt($0.count))) }
    }

    /// Named inputs: the edges of runs (2, 3, 4, 258, 259, 260, 261, 1000 equal bytes, at the
    /// start and after other bytes), tiny inputs, all 256 byte values, noise, and zero-heavy rows.
    static let inputs: [(String, [UInt8])] = {
        var rng = SeededGenerator(seed: 1950)
        var cases: [(String, [UInt8])] = [("empty", []), ("1 byte", [7]), ("1 zero byte", [0]), ("2 bytes", [1, 2]),
                                          ("2 equal bytes", [9, 9])]
        for n in [2, 3, 4, 5, 258, 259, 260, 261, 516, 517, 1000] {
            cases.append(("run of \(n) at the start", [UInt8](repeating: 0, count: n)))
            cases.append(("run of \(n) after a literal", [5] + [UInt8](repeating: 5, count: n) + [6]))
            cases.append(("run of \(n) zeros between literals", [1, 2] + [UInt8](repeating: 0, count: n) + [3, 3]))
        }
        cases.append(("every byte value, twice", (0..<512).map { UInt8(truncatingIfNeeded: $0 / 2) }))
        cases.append(("noise (incompressible)", (0..<200_000).map { _ in UInt8.random(in: 0...255, using: &rng) }))
        cases.append(("zero-heavy rows", (0..<300_000).map { i in
            UInt8.random(in: 0...99, using: &rng) < 3 ? UInt8.random(in: 0...255, using: &rng) : (i % 5000 < 40 ? 0xFF : 0)
        }))
        cases.append(("10 MB of zeros", [UInt8](repeating: 0, count: 10_000_000)))
        return cases
    }()

    @Test(arguments: inputs.indices)
    func roundTripsThroughZlibWhateverTheBatches(_ index: Int) throws {
        let (name, input) = Self.inputs[index]
        let whole = try Self.compress(input)
        let inflated = Self.inflate(whole, expecting: input.count)
        let roundTrips = inflated == input
        #expect(roundTrips, "\(name): \(inflated.map { "\($0.count) bytes" } ?? "zlib refused the stream")")
        #expect(whole.prefix(2) == [0x78, 0x01])
        #expect(Array(whole.suffix(4)) == withUnsafeBytes(of: Self.zlibAdler32(input).bigEndian, Array.init))
        // The same bytes however the input is split: here at every offset (short inputs) or at
        // a spread of offsets, including runs cut by a batch end.
        let splits = input.count <= 1100 ? Array(0...input.count) : stride(from: 1, to: input.count, by: input.count / 37 + 1).map { $0 }
        let splitGivesTheSameBytes = try Self.compress(input, splits: splits) == whole
        #expect(splitGivesTheSameBytes, "\(name) in batches")
    }

    /// Blocks of 1, 2, 3 and 7 symbols: runs and literals cross every block boundary, and runs
    /// also cross batch boundaries.
    @Test(arguments: [1, 2, 3, 7, 64])
    func roundTripsAcrossSmallBlocks(_ blockSymbols: Int) throws {
        for (name, input) in Self.inputs.map({ ($0.0, Array($0.1.prefix(3000))) }) {
            let splits = stride(from: 3, to: input.count, by: 97).map { $0 }
            let stream = try Self.compress(input, splits: splits, blockSymbols: blockSymbols)
            let inflatesToTheInput = Self.inflate(stream, expecting: input.count) == input
            #expect(inflatesToTheInput, "\(name), \(blockSymbols)-symbol blocks")
        }
    }

    /// 400 random inputs made of runs (1...600 bytes, mostly zeros) and literals, each with a
    /// random block size (1...300 symbols) and random batch ends: every stream inflates to
    /// its input, and the split never changes the bytes.
    @Test func randomRunsBlocksAndBatchesRoundTrip() throws {
        var rng = SeededGenerator(seed: 1951_3_2)
        for trial in 0..<400 {
            var input: [UInt8] = []
            let target = Int.random(in: 0...4000, using: &rng)
            while input.count < target {
                let byte = UInt8.random(in: 0...9, using: &rng) < 7 ? 0 : UInt8.random(in: 0...255, using: &rng)
                let count = UInt8.random(in: 0...3, using: &rng) == 0 ? Int.random(in: 1...600, using: &rng) : Int.random(in: 1...4, using: &rng)
                input += repeatElement(byte, count: count)
            }
            let blockSymbols = Int.random(in: 1...300, using: &rng)
            let splits = (0..<Int.random(in: 0...6, using: &rng)).map { _ in Int.random(in: 0...input.count, using: &rng) }.sorted()
            let whole = try Self.compress(input, blockSymbols: blockSymbols)
            let inflatesToTheInput = Self.inflate(whole, expecting: input.count) == input
            #expect(inflatesToTheInput, "trial \(trial)")
            let splitGivesTheSameBytes = try Self.compress(input, splits: splits, blockSymbols: blockSymbols) == whole
            #expect(splitGivesTheSameBytes, "trial \(trial), split at \(splits)")
        }
    }

    /// Noise goes out as stored blocks (several of at most 65535 bytes in one 200 000-symbol
    /// block): the stream is barely larger than its input.
    @Test func incompressibleInputIsStored() throws {
        let noise = try #require(Self.inputs.first { $0.0.hasPrefix("noise") }?.1)
        for blockSymbols in [1 << 14, 1 << 18] {
            let stream = try Self.compress(noise, blockSymbols: blockSymbols)
            #expect(stream.count <= noise.count + noise.count / 16_000 * 5 + 16, "\(blockSymbols)-symbol blocks: \(stream.count) bytes")
            let inflatesToTheInput = Self.inflate(stream, expecting: noise.count) == noise
            #expect(inflatesToTheInput)
        }
        // Zeros compress to almost nothing: 10 MB into a few kilobytes.
        let zeros = try #require(Self.inputs.last?.1)
        #expect(try Self.compress(zeros).count < 20_000)
    }

    /// The filtered rows of a rendered map, fed band by band (7-row bands, as `renderPNG` does
    /// with 7-row bands), and in one piece: the same stream, which zlib inflates to the rows.
    @Test func filteredRowsOfARenderedImageInManyBands() throws {
        let renderer = try SceneRenderer.withSystemFonts()
        let image = try renderer.render(try BandedPNGTests.scene(), pxPerMm: BandedPNGTests.pxPerMm)
        let rgb = image.flattenedRGB(over: .black)
        let rowBytes = image.width * 3
        var filtered = [UInt8](repeating: 0, count: image.height * (rowBytes + 1))
        rgb.withUnsafeBufferPointer { px in
            filtered.withUnsafeMutableBufferPointer { out in
                guard let base = px.baseAddress, let dst = out.baseAddress else { return }
                for y in 0..<image.height {
                    let row = base + y * rowBytes, previous = y > 0 ? row - rowBytes : nil
                    let filter = RowFilterChooser.choose(row: row, previous: previous, count: rowBytes, bpp: 3,
                                                         allowed: PNGEncoder.Filters([.up, .sub]).rawValue)
                    PNGRowFilter.apply(filter, row: row, previous: previous, count: rowBytes, bpp: 3, into: dst + y * (rowBytes + 1))
                }
            }
        }
        let bands = stride(from: 7, to: image.height, by: 7).map { $0 * (rowBytes + 1) }
        let banded = try Self.compress(filtered, splits: bands)
        #expect(bands.count > 10)
        let wholeGivesTheSameBytes = try Self.compress(filtered) == banded
        #expect(wholeGivesTheSameBytes)
        let inflatesToTheInput = Self.inflate(banded, expecting: filtered.count) == filtered
        #expect(inflatesToTheInput)
        #expect(banded.count < filtered.count / 8)
    }

    /// Nothing may follow the end of the stream.
    @Test func refusesInputAfterTheEnd() throws {
        var deflater = RunLengthDeflater()
        let ignore = { (_: UnsafeBufferPointer<UInt8>) throws(RenderError) in }
        try deflater.compress(UnsafeRawBufferPointer(start: nil, count: 0), finish: true, emit: ignore)
        #expect(deflater.isFinished)
        let more: [UInt8] = [1, 2, 3]
        #expect(throws: RenderError.deflate("run-length deflate: 3 more bytes after the stream was finished (0 bytes taken)")) {
            try more.withUnsafeBytes { raw in try deflater.compress(raw, finish: false, emit: ignore) }
        }
    }

    // MARK: Huffman codes

    /// The cost of an optimal (unlimited) Huffman code: the sum of the merged weights.
    static func huffmanCost(_ frequencies: [UInt32]) -> UInt64 {
        var weights = frequencies.filter { $0 > 0 }.map(UInt64.init).sorted()
        guard weights.count > 1 else { return weights.first ?? 0 }
        var cost: UInt64 = 0
        while weights.count > 1 {
            let merged = weights.removeFirst() + weights.removeFirst()
            cost += merged
            weights.insert(merged, at: weights.firstIndex { $0 >= merged } ?? weights.count)
        }
        return cost
    }

    static let frequencySets: [(String, [UInt32], Int)] = {
        var rng = SeededGenerator(seed: 1951)
        var fibonacci: [UInt32] = [1, 1]
        while fibonacci.count < 30 { fibonacci.append(fibonacci[fibonacci.count - 1] + fibonacci[fibonacci.count - 2]) }
        return [
            ("one symbol", [0, 0, 5, 0], 15),
            ("one symbol, the first", [5, 0, 0], 15),
            ("two symbols", [3, 0, 9], 15),
            ("all equal", [UInt32](repeating: 4, count: 286), 15),
            ("random literal/length", (0..<286).map { _ in UInt32.random(in: 0...1000, using: &rng) }, 15),
            ("sparse random", (0..<286).map { _ in UInt32.random(in: 0...9, using: &rng) < 2 ? UInt32.random(in: 1...50_000, using: &rng) : 0 }, 15),
            ("Fibonacci, 30 symbols (depth 29 unlimited)", fibonacci, 15),
            ("Fibonacci, limit 7", Array(fibonacci.prefix(19)), 7),
            ("code-length alphabet", (0..<19).map { _ in UInt32.random(in: 0...300, using: &rng) }, 7),
            ("skewed literal/length", (0..<286).map { s in s == 0 ? 1_000_000 : UInt32(s % 3) }, 15),
        ]
    }()

    @Test(arguments: frequencySets.indices)
    func codeLengthsAreLimitedAndComplete(_ index: Int) {
        let (name, frequencies, limit) = Self.frequencySets[index]
        let lengths = HuffmanCode.lengths(frequencies: frequencies, limit: limit)
        #expect(lengths.count == frequencies.count)
        #expect(lengths.allSatisfy { Int($0) <= limit }, "\(name)")
        // Every used symbol has a code; the code is complete (Kraft sum exactly 1).
        #expect(zip(frequencies, lengths).allSatisfy { $0 == 0 || $1 > 0 }, "\(name)")
        let kraft = lengths.reduce(0) { $0 + ($1 > 0 ? 1 << (15 - Int($1)) : 0) }
        #expect(kraft == 1 << 15, "\(name): Kraft sum \(kraft) / 32768")
        // Where the limit does not bind, the code is an optimal Huffman code.
        let cost = zip(frequencies, lengths).reduce(UInt64(0)) { $0 + UInt64($1.0) * UInt64($1.1) }
        if lengths.contains(where: { Int($0) == limit }) == false && frequencies.filter({ $0 > 0 }).count > 1 {
            #expect(cost == Self.huffmanCost(frequencies), "\(name)")
        }
        // Canonical codes are prefix-free: no code is a prefix of another.
        let code = HuffmanCode(lengths: lengths)
        let words = lengths.indices.filter { lengths[$0] > 0 }.map { s in
            (HuffmanCode.reversed(code.codes[s], bits: Int(lengths[s])), Int(lengths[s]))
        }
        for (i, a) in words.enumerated() {
            for b in words[(i + 1)...] where a.1 <= b.1 {
                #expect(b.0 >> UInt16(b.1 - a.1) != a.0, "\(name): a code is a prefix of another")
            }
        }
    }

    // MARK: Adler-32

    @Test func adler32MatchesZlib() {
        var rng = SeededGenerator(seed: 1950_8_2)
        for count in [0, 1, 2, 100, 5551, 5552, 5553, 11_104, 100_000] {
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }
            var adler = Adler32()
            bytes.withUnsafeBufferPointer { adler.update($0) }
            #expect(adler.value == Self.zlibAdler32(bytes), "\(count) random bytes")
            var byByte = Adler32()
            for b in bytes { byByte.update(b) }
            #expect(byByte.value == Self.zlibAdler32(bytes), "\(count) random bytes, one at a time")
        }
        // Runs in O(1), alone and mixed with single bytes, up to 10 million bytes.
        for (byte, count) in [(UInt8(0), 1), (255, 2), (255, 5552), (255, 5553), (1, 65521), (255, 65522), (200, 1_000_003),
                              (255, 10_000_000)] {
            var adler = Adler32()
            adler.update(repeating: byte, count: count)
            #expect(adler.value == Self.zlibAdler32([UInt8](repeating: byte, count: count)), "\(count) × \(byte)")
        }
        var mixed = Adler32()
        var reference: [UInt8] = []
        for step in 0..<2000 {
            let byte = UInt8.random(in: 0...255, using: &rng)
            if step % 3 == 0 {
                let count = Int.random(in: 0...20_000, using: &rng)
                mixed.update(repeating: byte, count: count)
                reference += repeatElement(byte, count: count)
            } else {
                mixed.update(byte)
                reference.append(byte)
            }
        }
        #expect(mixed.value == Self.zlibAdler32(reference))
    }

    // MARK: PNG

    /// `.fast` (``RunLengthDeflater``) writes a PNG that libpng decodes to the pixels the zlib path gives, RGB
    /// and RGBA, banded or whole, and its files stay near the zlib path's size.
    @Test(arguments: [Color(rgb: 0xFBFAF7), Color.clear])
    func pngDecodesToTheSamePixelsAsTheZlibPath(background: Color) throws {
        let renderer = try SceneRenderer.withSystemFonts()
        let scene = try BandedPNGTests.scene(background: background)
        let image = try renderer.render(scene, pxPerMm: BandedPNGTests.pxPerMm)
        let metadata = PNGMetadata(pxPerMm: BandedPNGTests.pxPerMm, text: BandedPNGTests.text)
        let ours = try PNGEncoder(compression: .fast).encode(image, metadata: metadata)
        let zlib = try PNGEncoder(compression: .fastZlib).encode(image, metadata: metadata)
        let decoded = try LibPNG.readRGBA(ours).rgba
        let sameAsZlib = try decoded == LibPNG.readRGBA(zlib).rgba, sameAsImage = decoded == image.straightRGBA()
        #expect(sameAsZlib)
        #expect(sameAsImage)
        #expect(Double(ours.count) <= Double(zlib.count) * 1.1, "\(ours.count) against zlib's \(zlib.count) bytes")
        let banded = try renderer.renderPNG(scene, pxPerMm: BandedPNGTests.pxPerMm, encoder: PNGEncoder(compression: .fast),
                                            text: BandedPNGTests.text, bandRows: 7)
        let bandedIsTheSame = banded == ours
        #expect(bandedIsTheSame)
        let types = try PNGChunks.parse(ours).map(\.type)
        #expect(types.first == "IHDR" && types.last == "IEND" && types.contains("IDAT"))
    }
}
