import Testing
@testable import ClunealRender

/// The paths where ClunealRender filters the rows and its own deflate (`.fast`), zlib
/// (`.fastZlib`, band by band) or
/// libdeflate (the whole image) compresses them, and libpng writes the chunks. They must give
/// the same pixels as libpng's own row path, as a valid PNG.
@Suite("PNG rows filtered by ClunealRender (zlib, libdeflate)")
struct DeflatePNGTests {
    /// PNG specification §9.2, byte by byte: the filtered bytes of `row` (no type byte).
    static func reference(_ type: UInt8, row: [UInt8], previous: [UInt8]?, bpp: Int) -> [UInt8] {
        row.indices.map { i in
            let x = row[i], a = i >= bpp ? row[i - bpp] : 0
            let b = previous?[i] ?? 0, c = i >= bpp ? (previous?[i - bpp] ?? 0) : 0
            switch type {
            case 1: return x &- a
            case 2: return x &- b
            case 3: return x &- UInt8((Int(a) + Int(b)) / 2)
            case 4:
                let p = Int(a) + Int(b) - Int(c)
                let pa = abs(p - Int(a)), pb = abs(p - Int(b)), pc = abs(p - Int(c))
                return x &- (pa <= pb && pa <= pc ? a : (pb <= pc ? b : c))
            default: return x
            }
        }
    }

    static let filterBits: [(bit: PNGEncoder.Filters, type: UInt8)] = [(.none, 0), (.sub, 1), (.up, 2), (.average, 3), (.paeth, 4)]

    @Test func vectorFiltersMatchTheSpecificationByteForByte() {
        var rng = SeededGenerator(seed: 11)
        for bpp in [3, 4] {
            for n in [1, 2, 3, 4, 5, 15, 16, 17, 19, 20, 31, 32, 33, 47, 64, 70, 301] where n % bpp == 0 || n < bpp {
                // Random bytes, and rows with runs (where the predictors tie).
                for pattern in 0..<3 {
                    let row = (0..<n).map { i in pattern == 0 ? UInt8.random(in: 0...255, using: &rng) : UInt8((i / (pattern * 5)) * 37 % 256) }
                    let above = (0..<n).map { i in pattern == 2 ? UInt8(truncatingIfNeeded: i * 3) : UInt8.random(in: 0...255, using: &rng) }
                    for previous in [nil, above] {
                        for (bit, type) in Self.filterBits {
                            var out = [UInt8](repeating: 0xEE, count: n + 1)
                            row.withUnsafeBufferPointer { r in
                                out.withUnsafeMutableBufferPointer { o in
                                    if let previous {
                                        previous.withUnsafeBufferPointer { p in
                                            PNGRowFilter.apply(UInt8(bit.rawValue), row: r.baseAddress!, previous: p.baseAddress, count: n, bpp: bpp,
                                                               into: o.baseAddress!)
                                        }
                                    } else {
                                        PNGRowFilter.apply(UInt8(bit.rawValue), row: r.baseAddress!, previous: nil, count: n, bpp: bpp,
                                                           into: o.baseAddress!)
                                    }
                                }
                            }
                            #expect(out[0] == type)
                            #expect(Array(out[1...]) == Self.reference(type, row: row, previous: previous, bpp: bpp),
                                    "type \(type), bpp \(bpp), \(n) bytes, pattern \(pattern), row above \(previous != nil)")
                        }
                    }
                }
            }
        }
    }

    /// Opaque background (RGB) and a clear one (RGBA): libpng decodes the libdeflate file to
    /// the same pixels as the zlib files, banded or not.
    @Test(arguments: [Color(rgb: 0xFBFAF7), Color.clear], [PNGEncoder.Compression.fast, .fastZlib, .fastLibdeflate])
    func samePixelsAsLibpngsRowPath(background: Color, compression: PNGEncoder.Compression) throws {
        let renderer = try SceneRenderer.withSystemFonts()
        let scene = try BandedPNGTests.scene(background: background)
        let image = try renderer.render(scene, pxPerMm: BandedPNGTests.pxPerMm)
        let metadata = PNGMetadata(pxPerMm: BandedPNGTests.pxPerMm, text: BandedPNGTests.text)
        let deflated = try PNGEncoder(compression: compression).encode(image, metadata: metadata)
        let banded = try renderer.renderPNG(scene, pxPerMm: BandedPNGTests.pxPerMm, encoder: PNGEncoder(compression: compression),
                                            text: BandedPNGTests.text, bandRows: 7)
        #expect(banded == deflated)
        let expected = try LibPNG.readRGBA(try PNGEncoder(compression: .fastLibpng).encode(image, metadata: metadata))
        for other in [PNGEncoder.Compression.small, .smallLibpng] {
            #expect(try LibPNG.readRGBA(try PNGEncoder(compression: other).encode(image, metadata: metadata)).rgba == expected.rgba)
        }
        let decoded = try LibPNG.readRGBA(deflated)
        #expect(decoded.width == expected.width && decoded.height == expected.height)
        #expect(decoded.rgba == expected.rgba)
        #expect(decoded.rgba == image.straightRGBA())
        // libpng wrote the header, pHYs and text before the image data, IEND after it.
        let png = try PNGDecoder.decode(deflated)
        #expect(png.colorType == (background == .clear ? 6 : 2))
        #expect(png.text.map(\.value) == BandedPNGTests.text.map(\.value))
        let types = try PNGChunks.parse(deflated).map(\.type)
        #expect(types.first == "IHDR" && types[1] == "pHYs" && types.last == "IEND")
        #expect(types.dropLast().suffix(1) == ["IDAT"])
    }

    /// Every libdeflate level and every filter set decodes to the same pixels; an image that
    /// does not compress (noise) is split into several IDAT chunks of the stated size, which
    /// a decoder joins.
    @Test func everyLevelAndFilterSetRoundTripsAndLargeDataSplitsIntoIDATChunks() throws {
        var rng = SeededGenerator(seed: 7)
        var noise = try RGBABuffer(width: 300, height: 240)
        for i in stride(from: 0, to: noise.premultiplied.count, by: 4) {
            let a = UInt8.random(in: 0...255, using: &rng)
            noise.premultiplied[i + 3] = a
            for c in 0..<3 { noise.premultiplied[i + c] = UInt8.random(in: 0...a, using: &rng) }
        }
        for compression in [PNGEncoder.Compression.fast, .fastZlib, .fastLibdeflate] {
            let bytes = try PNGEncoder(compression: compression).encode(noise)
            let idat = try PNGChunks.parse(bytes).filter { $0.type == "IDAT" }
            #expect(idat.count >= 2)
            #expect(idat.dropLast().allSatisfy { $0.data.count == LibPNG.Stream.idatChunkBytes })
            #expect(try LibPNG.readRGBA(bytes).rgba == noise.straightRGBA())
        }

        let sample = try PNGTests.sample()
        for level in [-3, 0, 1, 6, 12, 40] {
            for filters in [PNGEncoder.Filters.none, .up, [.up, .sub], [.up, .sub, .paeth], .all] {
                for compressor in [PNGEncoder.Compressor.libdeflate, .zlib] where compressor == .libdeflate || (0...9).contains(level) {
                    let compression = PNGEncoder.Compression(level: level, filters: filters, compressor: compressor)
                    let decoded = try LibPNG.readRGBA(try PNGEncoder(compression: compression).encode(sample))
                    #expect(decoded.rgba == sample.straightRGBA(), "\(compressor) level \(level), filters \(filters.rawValue)")
                }
            }
        }
    }

    /// Above ``PNGEncoder/Compression/libdeflateMaximumBytes`` of filtered rows, the image
    /// streams through zlib with the same compression's strategy and memLevel: the very file
    /// the zlib compression writes.
    @Test func largeImagesStreamThroughZlib() throws {
        var capped = PNGEncoder.Compression.fastLibdeflate
        capped.libdeflateMaximumBytes = 24 << 20
        let encoder = PNGEncoder(compression: capped)
        #expect(encoder.usesLibdeflate(width: 1864, height: 1888, samples: .rgb))  // 40 px/cm map, 10.6 MB
        #expect(!encoder.usesLibdeflate(width: 4660, height: 4720, samples: .rgb))  // 100 px/cm map, 66 MB
        #expect(encoder.imageData(width: 4660, height: 4720, samples: .rgb) == .zlibStream)
        #expect(!encoder.usesLibdeflate(width: .max / 2, height: .max / 2, samples: .rgba))  // overflow: never libdeflate
        #expect(!PNGEncoder(compression: .fastLibpng).usesLibdeflate(width: 10, height: 10, samples: .rgb))
        #expect(PNGEncoder(compression: .fastLibpng).imageData(width: 10, height: 10, samples: .rgb) == .libpngRows)
        #expect(PNGEncoder(compression: .fastZlib).imageData(width: 10, height: 10, samples: .rgb) == .zlibStream)
        #expect(PNGEncoder(compression: .fast).imageData(width: 10, height: 10, samples: .rgb)
                == .runLengthDeflate(blockSymbols: RunLengthDeflater.defaultBlockSymbols))

        let sample = try PNGTests.sample()  // 37 × 23 RGBA: 23 × 149 = 3427 filtered bytes
        var limited = PNGEncoder.Compression.fastLibdeflate
        limited.libdeflateMaximumBytes = 3426
        var zlib = PNGEncoder.Compression.fastLibdeflate
        zlib.compressor = .zlib
        let viaZlib = try PNGEncoder(compression: zlib).encode(sample)
        #expect(try PNGEncoder(compression: limited).encode(sample) == viaZlib)
        limited.libdeflateMaximumBytes = 3427
        let viaLibdeflate = try PNGEncoder(compression: limited).encode(sample)
        #expect(viaLibdeflate != viaZlib)
        #expect(try LibPNG.readRGBA(viaLibdeflate).rgba == LibPNG.readRGBA(viaZlib).rgba)
    }

    @Test func deflaterClampsItsLevelAndRefusesNothing() throws {
        #expect(try Deflater(level: 99).level == 12)
        #expect(try Deflater(level: -1).level == 0)
        let deflater = try Deflater(level: 1)
        #expect(throws: RenderError.deflate("libdeflate: nothing to compress")) {
            try deflater.zlibCompress(UnsafeRawBufferPointer(start: nil, count: 0))
        }
        // A zlib stream that zlib inflates back.
        let input = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 / 7) }
        let stream = try input.withUnsafeBytes { (raw) throws(RenderError) in try deflater.zlibCompress(raw) }
        #expect(stream.count < input.count / 4)
        #expect(LibPNG.inflate(stream[...]) == input)
        #expect(RenderError.deflate("libdeflate: x").description == "compressing the PNG image data: libdeflate: x")
    }
}
