/// Encodes an ``RGBABuffer`` as PNG bytes through libpng (8-bit RGBA or RGB), with `pHYs`
/// and text chunks. The same pixels and metadata always give the same bytes (no time chunk,
/// fixed zlib settings). No file I/O: it returns bytes.
public struct PNGEncoder: Hashable, Sendable {
    public enum Format: Hashable, Sendable {
        /// Straight (un-premultiplied) RGBA.
        case rgba
        /// RGB, the image flattened over an opaque `background` first.
        case rgb(background: Color)
    }

    /// PNG row filters to try (libpng picks per row when more than one is given).
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

    public struct Compression: Hashable, Sendable {
        /// zlib level, 0...9 (clamped).
        public var level: Int
        public var filters: Filters
        public var strategy: Strategy

        public init(level: Int, filters: Filters, strategy: Strategy = .default) {
            self.level = level
            self.filters = filters
            self.strategy = strategy
        }

        /// The default: zlib level 2 with the Up filter. On the 2000 × 1600 test scene (release,
        /// 2-core machine) it encodes in about 31 ms to 363 KB; level 1 + Up is no faster,
        /// level 1 + Paeth + RLE is 42 ms / 352 KB.
        public static let fast = Compression(level: 2, filters: .up)
        /// For archiving: zlib level 9 with libpng's adaptive choice among all filters (about
        /// 414 ms / 286 KB on the same scene).
        public static let small = Compression(level: 9, filters: .all)
    }

    public var format: Format
    public var compression: Compression

    public init(format: Format = .rgba, compression: Compression = .fast) {
        self.format = format
        self.compression = compression
    }

    /// The PNG file's bytes.
    public func encode(_ image: RGBABuffer, metadata: PNGMetadata = PNGMetadata()) throws(RenderError) -> [UInt8] {
        try metadata.validate()
        let text = metadata.text.map { entry -> LibPNG.TextEntry in
            if !entry.international, let latin1 = entry.latin1 {
                return LibPNG.TextEntry(keyword: entry.keyword, value: latin1, international: false, language: "", translatedKeyword: "")
            }
            return LibPNG.TextEntry(keyword: entry.keyword, value: Array(entry.value.utf8), international: true,
                                    language: entry.language, translatedKeyword: entry.translatedKeyword)
        }
        let samples: LibPNG.Samples
        let pixels: [UInt8]
        switch format {
        case .rgba:
            samples = .rgba
            pixels = image.straightRGBA()
        case .rgb(let background):
            samples = .rgb
            pixels = image.flattenedRGB(over: background)
        }
        let filters = compression.filters.isEmpty ? Filters.none : compression.filters
        return try LibPNG.write(width: image.width, height: image.height, samples: samples, pixels: pixels,
                                level: Int32(Swift.min(9, Swift.max(0, compression.level))), filters: filters.rawValue,
                                strategy: compression.strategy.raw, pixelsPerMetre: metadata.pixelsPerMetre, text: text)
    }
}
