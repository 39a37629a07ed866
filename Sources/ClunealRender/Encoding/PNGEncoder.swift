/// Encodes an ``RGBABuffer`` as PNG bytes through libpng (8-bit RGBA or RGB), with `pHYs`
/// and text chunks. The same pixels and metadata always give the same bytes (no time chunk,
/// fixed zlib settings, a filter choice that depends only on the pixels). No file I/O: it
/// returns bytes.
public struct PNGEncoder: Hashable, Sendable {
    public enum Format: Hashable, Sendable {
        /// RGB when every pixel is opaque (a map on an opaque background), RGBA otherwise:
        /// the same pixels in three quarters of the bytes to filter and compress.
        case automatic
        /// Straight (un-premultiplied) RGBA.
        case rgba
        /// RGB, the image flattened over an opaque `background` first.
        case rgb(background: Color)
    }

    /// PNG row filters to use.
    public struct Filters: OptionSet, Hashable, Sendable {
        public let rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }
        public static let none = Filters(rawValue: LibPNG.filterNone)
        public static let sub = Filters(rawValue: LibPNG.filterSub)
        public static let up = Filters(rawValue: LibPNG.filterUp)
        public static let average = Filters(rawValue: LibPNG.filterAverage)
        public static let paeth = Filters(rawValue: LibPNG.filterPaeth)
        public static let all = Filters(rawValue: LibPNG.allFilters)
    }

    /// How one filter is picked for each row when ``Compression/filters`` holds several.
    public enum FilterChoice: Hashable, Sendable {
        /// libpng's adaptive heuristic: every filter on every row, smallest sum of absolute
        /// residuals. Thorough and slow (scalar code over every byte, once per filter).
        case libpng
        /// ClunealRender counts the non-zero residual bytes each filter leaves on a sample of
        /// the row (SIMD) and libpng applies the winner: a few percent of libpng's cost. Made
        /// for ``Strategy/runLength``, where zero runs are nearly free and everything else is
        /// a literal. See `RowFilterChooser`.
        case fewestNonzero
    }

    /// zlib strategy.
    public enum Strategy: Hashable, Sendable {
        case `default`, filtered, runLength
        var raw: Int32 {
            switch self {
            case .default: LibPNG.strategyDefault
            case .filtered: LibPNG.strategyFiltered
            case .runLength: LibPNG.strategyRLE
            }
        }
    }

    /// Who filters the rows and which library compresses them. libpng writes the file (every
    /// chunk, length and CRC) either way.
    public enum Compressor: Hashable, Sendable {
        /// libpng filters each row, one byte at a time, and compresses it through zlib.
        case libpng
        /// ClunealRender filters each row, 16 bytes at a time (``PNGRowFilter``), and zlib
        /// compresses the filtered rows band by band with the compression's `level`,
        /// `strategy` and `memoryLevel`. The same zlib stream as ``libpng`` gives for the same
        /// filters, without libpng's scalar filters and row copies.
        case zlib
        /// ClunealRender filters each row into one buffer of the whole filtered image and
        /// libdeflate compresses it in one call, at ``Compression/level`` 0...12. It must hold
        /// the filtered image (`height × (rowBytes + 1)` bytes); above
        /// ``Compression/libdeflateMaximumBytes`` the image goes through ``zlib`` instead.
        case libdeflate
        /// ClunealRender filters each row as for ``zlib`` and compresses the filtered rows band
        /// by band itself (``RunLengthDeflater``): only runs of the previous byte are matched,
        /// as by zlib's run-length strategy, without zlib's hash table, sliding window and
        /// byte-at-a-time Adler-32. `level`, `strategy` and `memoryLevel` do not apply.
        case runLength
    }

    public struct Compression: Hashable, Sendable {
        /// zlib level, 0...9, or libdeflate level, 0...12 (clamped). With zlib's
        /// ``Strategy/runLength`` any level from 1 up compresses the same way.
        public var level: Int
        public var filters: Filters
        public var strategy: Strategy
        public var filterChoice: FilterChoice
        /// zlib's memLevel, 1...9 (clamped): hash table and block buffer size.
        public var memoryLevel: Int
        public var compressor: Compressor
        /// With ``Compressor/libdeflate``: the largest filtered image, `height × (rowBytes + 1)`
        /// bytes, that libdeflate compresses. ``PNGEncoder/imageData(width:height:samples:)``
        /// makes that choice, for every path.
        public var libdeflateMaximumBytes: Int

        public init(level: Int, filters: Filters, strategy: Strategy = .default, filterChoice: FilterChoice = .libpng,
                    memoryLevel: Int = 8, compressor: Compressor = .libpng, libdeflateMaximumBytes: Int = .max) {
            self.compressor = compressor
            self.libdeflateMaximumBytes = libdeflateMaximumBytes
            self.level = level
            self.filters = filters
            self.strategy = strategy
            self.filterChoice = filterChoice
            self.memoryLevel = memoryLevel
        }

        /// The default: Up or Sub per row by ``FilterChoice/fewestNonzero``, filtered by
        /// ClunealRender 16 bytes at a time, compressed band by band by ClunealRender's own
        /// ``RunLengthDeflater`` (``Compressor/runLength``). On the maps 97.6 % of the filtered
        /// bytes are zero: it measures a zero run 16 bytes at a time and updates the Adler-32
        /// over the run in O(1), where zlib's run-length strategy (``fastZlib``, the default
        /// until then) copies every byte into its window, renumbers its hash table every 32 KB
        /// and sums the Adler-32 byte by byte; the files are the same size (within 0.1 % on
        /// the maps). libdeflate's fastest level (``fastLibdeflate``) inserts every byte of
        /// every match into its hash table and needs the whole filtered image in memory (see
        /// the issue 11 note for the measurements).
        public static let fast = Compression(level: 1, filters: [.up, .sub], strategy: .runLength, filterChoice: .fewestNonzero,
                                             compressor: .runLength)
        /// Up or Sub per row, filtered by ClunealRender, compressed band by band by zlib's
        /// run-length strategy (level 1, memLevel 6): `.fast` until ClunealRender had its own
        /// deflate.
        public static let fastZlib = Compression(level: 1, filters: [.up, .sub], strategy: .runLength, filterChoice: .fewestNonzero,
                                                 memoryLevel: 6, compressor: .zlib)
        /// `.fastZlib`'s filters and zlib settings with libpng filtering and compressing the rows
        /// (the default until issue 11): the same pixels and zlib settings; libpng's scalar
        /// filters cost about 6 instructions a byte (Paeth about 25).
        public static let fastLibpng = Compression(level: 1, filters: [.up, .sub], strategy: .runLength,
                                                   filterChoice: .fewestNonzero, memoryLevel: 6)
        /// Up or Sub per row, libdeflate level 1 on the whole filtered image (measured against
        /// `.fast` in `render-bench`).
        public static let fastLibdeflate = Compression(level: 1, filters: [.up, .sub], filterChoice: .fewestNonzero,
                                                       compressor: .libdeflate)
        /// For archiving (`--compression small`): Up, Sub or Paeth per row, libdeflate level 6
        /// on the whole filtered image. On the 100 px/cm map: 1.93 MB in about 0.5 s, where
        /// zlib level 9 with libpng's adaptive filters (`.smallLibpng`, the setting until
        /// issue 11) wrote 1.97 MB in about 3.3 s, and libdeflate 12 1.78 MB in about 7 s.
        /// Beyond 256 MiB of filtered rows the image streams through zlib (level 6) instead,
        /// so an enormous canvas never needs its filtered copy in memory.
        public static let small = Compression(level: 6, filters: [.up, .sub, .paeth], filterChoice: .fewestNonzero,
                                              compressor: .libdeflate, libdeflateMaximumBytes: 256 << 20)
        /// zlib level 9 with libpng's adaptive choice among all filters (`.small` until issue 11).
        public static let smallLibpng = Compression(level: 9, filters: .all)

        /// The filter mask handed to libpng (never empty).
        var filterMask: Int32 { filters.isEmpty ? Filters.none.rawValue : filters.rawValue }

        /// True when ClunealRender picks each row's filter (see ``FilterChoice``). When it
        /// filters the rows itself (``Compressor/zlib``, ``Compressor/libdeflate``) it always
        /// does, by ``FilterChoice/fewestNonzero`` whatever `filterChoice` says.
        var choosesRowFilters: Bool {
            (filterChoice == .fewestNonzero || compressor != .libpng) && filterMask.nonzeroBitCount > 1
        }
    }

    public var format: Format
    public var compression: Compression

    public init(format: Format = .automatic, compression: Compression = .fast) {
        self.format = format
        self.compression = compression
    }

    /// The PNG file's bytes.
    public func encode(_ image: RGBABuffer, metadata: PNGMetadata = PNGMetadata()) throws(RenderError) -> [UInt8] {
        let samples: LibPNG.Samples
        let pixels: [UInt8]
        switch format {
        case .automatic where image.isOpaque, .rgb:
            samples = .rgb
            if case .rgb(let background) = format {
                pixels = image.flattenedRGB(over: background)
            } else {
                pixels = image.flattenedRGB(over: .black)  // every pixel is opaque: the background never shows
            }
        case .automatic, .rgba:
            samples = .rgba
            pixels = image.straightRGBA()
        }
        let header = try self.header(width: image.width, height: image.height, samples: samples, metadata: metadata)
        var rowFilters: [UInt8]?
        if compression.choosesRowFilters {
            rowFilters = pixels.withUnsafeBufferPointer { px in
                Self.rowFilters(px, rowBytes: header.rowBytes, rows: image.height, previousRow: nil,
                                bpp: samples.channels, allowed: compression.filterMask)
            }
        }
        return try LibPNG.write(header, pixels: pixels, rowFilters: rowFilters)
    }

    /// Whether libdeflate compresses an image of this size and sample layout (see
    /// ``Compression/libdeflateMaximumBytes``); otherwise libpng and zlib do.
    func usesLibdeflate(width: Int, height: Int, samples: LibPNG.Samples) -> Bool {
        guard compression.compressor == .libdeflate else { return false }
        let (rowBytes, o1) = width.multipliedReportingOverflow(by: samples.channels)
        let (total, o2) = height.multipliedReportingOverflow(by: rowBytes &+ 1)
        return !o1 && !o2 && total <= compression.libdeflateMaximumBytes
    }

    /// Who filters and compresses the rows of an image of this size and sample layout (see
    /// ``Compressor``): for ``Compressor/libdeflate``, libdeflate when the filtered image fits
    /// ``Compression/libdeflateMaximumBytes``, else zlib on rows filtered by ClunealRender.
    func imageData(width: Int, height: Int, samples: LibPNG.Samples) -> LibPNG.ImageData {
        switch compression.compressor {
        case .libpng: .libpngRows
        case .zlib: .zlibStream
        case .libdeflate: usesLibdeflate(width: width, height: height, samples: samples) ? .libdeflate(level: compression.level) : .zlibStream
        case .runLength: .runLengthDeflate(blockSymbols: RunLengthDeflater.defaultBlockSymbols)
        }
    }

    /// The libpng header for an image of this size and sample layout.
    func header(width: Int, height: Int, samples: LibPNG.Samples, metadata: PNGMetadata) throws(RenderError) -> LibPNG.Header {
        try metadata.validate()
        let text = metadata.text.map { entry -> LibPNG.TextEntry in
            if !entry.international, let latin1 = entry.latin1 {
                return LibPNG.TextEntry(keyword: entry.keyword, value: latin1, international: false, language: "", translatedKeyword: "")
            }
            return LibPNG.TextEntry(keyword: entry.keyword, value: Array(entry.value.utf8), international: true,
                                    language: entry.language, translatedKeyword: entry.translatedKeyword)
        }
        return LibPNG.Header(width: width, height: height, samples: samples,
                             level: Int32(Swift.min(9, Swift.max(0, compression.level))), filters: compression.filterMask,
                             strategy: compression.strategy.raw,
                             memoryLevel: Int32(Swift.min(9, Swift.max(1, compression.memoryLevel))),
                             imageData: imageData(width: width, height: height, samples: samples),
                             pixelsPerMetre: metadata.pixelsPerMetre, text: text)
    }

    /// One filter per row for `rows` rows of `rowBytes` bytes (see ``FilterChoice/fewestNonzero``);
    /// `previousRow` is the row above the first one, if any.
    static func rowFilters(_ pixels: UnsafeBufferPointer<UInt8>, rowBytes: Int, rows: Int, previousRow: UnsafeBufferPointer<UInt8>?,
                           bpp: Int, allowed: Int32) -> [UInt8] {
        guard let base = pixels.baseAddress, rows > 0, pixels.count >= rows * rowBytes else { return [] }
        var out = [UInt8](repeating: 0, count: rows)
        var previous = previousRow?.baseAddress
        for y in 0..<rows {
            let row = base + y * rowBytes
            out[y] = RowFilterChooser.choose(row: row, previous: previous, count: rowBytes, bpp: bpp, allowed: allowed)
            previous = row
        }
        return out
    }
}
