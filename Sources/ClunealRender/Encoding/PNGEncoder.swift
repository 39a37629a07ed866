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

    /// Which library compresses the image data. libpng writes the file either way.
    public enum Compressor: Hashable, Sendable {
        /// libpng filters each row (one byte at a time) and compresses through zlib, row by row.
        case zlib
        /// ClunealRender filters each row (16 bytes at a time) into one buffer of the whole
        /// filtered image and libdeflate compresses it in one call: several times faster than
        /// zlib, at the cost of holding the filtered image (`height × (rowBytes + 1)` bytes).
        /// ``Compression/level`` is then libdeflate's, 0...12; `strategy` and `memoryLevel`
        /// are zlib's and unused.
        case libdeflate
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
        /// bytes, that libdeflate compresses (it must hold all of it). A larger image goes
        /// through zlib with this compression's `strategy` and `memoryLevel` (and `level`
        /// clamped to zlib's 0...9). ``PNGEncoder/header(width:height:samples:metadata:)``
        /// makes that choice, for every path.
        public var libdeflateMaximumBytes: Int

        public init(level: Int, filters: Filters, strategy: Strategy = .default, filterChoice: FilterChoice = .libpng,
                    memoryLevel: Int = 8, compressor: Compressor = .zlib, libdeflateMaximumBytes: Int = .max) {
            self.compressor = compressor
            self.libdeflateMaximumBytes = libdeflateMaximumBytes
            self.level = level
            self.filters = filters
            self.strategy = strategy
            self.filterChoice = filterChoice
            self.memoryLevel = memoryLevel
        }

        /// The default: Up or Sub per row by ``FilterChoice/fewestNonzero``. An image whose
        /// filtered rows fit in ``libdeflateMaximumBytes`` (24 MiB) is filtered by ClunealRender
        /// and compressed by libdeflate level 1 in one piece; a larger one streams through
        /// libpng and zlib's run-length strategy (level 1, memLevel 6), band by band.
        ///
        /// Measured on the default map (`render-bench`, whole streamed PNG, CPU per run):
        /// libdeflate wins on small images (20 px/cm, 2.6 MB filtered: 49 against 52 ms,
        /// 272 against 298 KB; 40 px/cm, 10.6 MB: 112 against 129 ms, 682 against 743 KB) and
        /// loses on large ones (100 px/cm, 66 MB: 511 against 371 ms). There 97.6 % of the
        /// filtered bytes are zero: zlib's Z_RLE passes over a zero run almost for free, while
        /// libdeflate's fastest level inserts every byte of every match into its hash table (a
        /// store-to-load chain on one bucket), and the 66 MB buffer costs page faults of its
        /// own. Paeth is left out of both: libpng applies it one byte at a time (~25
        /// instructions a byte), and it saved only 2 % with libdeflate.
        public static let fast = Compression(level: 1, filters: [.up, .sub], strategy: .runLength, filterChoice: .fewestNonzero,
                                             memoryLevel: 6, compressor: .libdeflate, libdeflateMaximumBytes: 24 << 20)
        /// The zlib default before libdeflate (issue 11; kept for `render-bench --encodings`):
        /// Up or Sub per row by ``FilterChoice/fewestNonzero``, zlib's run-length strategy,
        /// memLevel 6. libpng applies each row's filter in scalar code, one byte at a time (Up
        /// and Sub about 6 instructions a byte, Paeth about 25), hence no Paeth; 2.09 MB on the
        /// 100 px/cm map (4660 × 4720 RGB), with the encoder thread the longer of the two.
        public static let fastZlib = Compression(level: 1, filters: [.up, .sub], strategy: .runLength,
                                                 filterChoice: .fewestNonzero, memoryLevel: 6)
        /// For archiving: zlib level 9 with libpng's adaptive choice among all filters (about
        /// 1.19 MB in about 2 s on the same map).
        public static let small = Compression(level: 9, filters: .all)

        /// The filter mask handed to libpng (never empty).
        var filterMask: Int32 { filters.isEmpty ? Filters.none.rawValue : filters.rawValue }

        /// True when ClunealRender picks each row's filter (see ``FilterChoice``). With
        /// libdeflate it always does (libpng never sees the rows): by
        /// ``FilterChoice/fewestNonzero`` whatever `filterChoice` says.
        var choosesRowFilters: Bool {
            (filterChoice == .fewestNonzero || compressor == .libdeflate) && filterMask.nonzeroBitCount > 1
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
                             deflateLevel: usesLibdeflate(width: width, height: height, samples: samples) ? compression.level : nil,
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
