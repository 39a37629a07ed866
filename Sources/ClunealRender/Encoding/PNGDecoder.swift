/// A decoded PNG: straight RGBA pixels plus the metadata chunks this project writes.
public struct DecodedPNG: Hashable, Sendable {
    public var width: Int
    public var height: Int
    /// Straight (un-premultiplied) 8-bit RGBA, row-major.
    public var rgba: [UInt8]
    /// `pHYs`: pixels per unit in x and y, and whether the unit is the metre.
    public var physicalResolution: PhysicalResolution?
    /// `tEXt`, `zTXt` and `iTXt` chunks in file order.
    public var text: [PNGText]
    /// IHDR colour type (2 = RGB, 6 = RGBA, ...).
    public var colorType: UInt8

    public struct PhysicalResolution: Hashable, Sendable {
        public var x: UInt32
        public var y: UInt32
        public var unitIsMetre: Bool
    }

    /// The value of the first text chunk with `keyword`.
    public func text(for keyword: String) -> String? { text.first { $0.keyword == keyword }?.value }

    /// The straight colour at (`x`, `y`), or `nil` outside the image.
    public func pixel(x: Int, y: Int) -> Color? {
        guard x >= 0, y >= 0, x < width, y < height else { return nil }
        let i = (y * width + x) * 4
        return Color(red: rgba[i], green: rgba[i + 1], blue: rgba[i + 2], alpha: rgba[i + 3])
    }

    /// The pixels as a premultiplied canvas.
    public func buffer() throws(RenderError) -> RGBABuffer {
        try RGBABuffer(width: width, height: height, straightRGBA: rgba)
    }
}

/// Reads PNG files: pixels through libpng's simplified API, metadata chunks parsed in Swift
/// (with CRC checks).
public enum PNGDecoder {
    public static func decode(_ bytes: [UInt8]) throws(RenderError) -> DecodedPNG {
        let chunks = try PNGChunks.parse(bytes)
        let (width, height, rgba) = try LibPNG.readRGBA(bytes)
        var resolution: DecodedPNG.PhysicalResolution?
        var text: [PNGText] = []
        var colorType: UInt8 = 0
        for chunk in chunks {
            let d = chunk.data
            switch chunk.type {
            case "IHDR" where d.count == 13:
                colorType = d[d.startIndex + 9]
            case "pHYs" where d.count == 9:
                resolution = .init(x: PNGChunks.uint32(d, at: 0), y: PNGChunks.uint32(d, at: 4), unitIsMetre: d[d.startIndex + 8] == 1)
            case "tEXt":
                guard let nul = d.firstIndex(of: 0) else { throw .malformedPNG("tEXt chunk without a keyword separator") }
                text.append(PNGText(latin1: d[d.startIndex..<nul], value: d[(nul + 1)...]))
            case "zTXt":
                guard let nul = d.firstIndex(of: 0), nul + 2 <= d.endIndex,
                      let inflated = LibPNG.inflate(d[(nul + 2)...]) else { throw .malformedPNG("unreadable zTXt chunk") }
                text.append(PNGText(latin1: d[d.startIndex..<nul], value: inflated[...]))
            case "iTXt":
                text.append(try PNGChunks.parseITXt(d))
            default:
                break
            }
        }
        return DecodedPNG(width: width, height: height, rgba: rgba, physicalResolution: resolution, text: text, colorType: colorType)
    }
}

extension PNGText {
    init(latin1 keyword: ArraySlice<UInt8>, value: ArraySlice<UInt8>) {
        func string(_ bytes: ArraySlice<UInt8>) -> String {
            var s = String.UnicodeScalarView()
            for b in bytes { s.append(Unicode.Scalar(b)) }
            return String(s)
        }
        self.init(string(keyword), string(value))
    }
}

/// PNG chunk framing.
enum PNGChunks {
    struct Chunk {
        let type: String
        let data: ArraySlice<UInt8>
    }

    static let signature: [UInt8] = [137, 80, 78, 71, 13, 10, 26, 10]

    static func uint32(_ d: ArraySlice<UInt8>, at offset: Int) -> UInt32 {
        let i = d.startIndex + offset
        return UInt32(d[i]) << 24 | UInt32(d[i + 1]) << 16 | UInt32(d[i + 2]) << 8 | UInt32(d[i + 3])
    }

    /// Splits the file into chunks, checking the signature, lengths and CRCs.
    static func parse(_ bytes: [UInt8]) throws(RenderError) -> [Chunk] {
        guard bytes.count >= 8, Array(bytes[0..<8]) == signature else { throw .malformedPNG("missing PNG signature") }
        var chunks: [Chunk] = []
        var offset = 8
        while offset < bytes.count {
            guard offset + 12 <= bytes.count else { throw .malformedPNG("truncated chunk at byte \(offset)") }
            let length = Int(uint32(bytes[...], at: offset))
            guard length <= bytes.count - offset - 12 else { throw .malformedPNG("chunk at byte \(offset) runs past the end") }
            let typeBytes = bytes[(offset + 4)..<(offset + 8)]
            let type = String(decoding: typeBytes, as: UTF8.self)
            let data = bytes[(offset + 8)..<(offset + 8 + length)]
            let crc = uint32(bytes[...], at: offset + 8 + length)
            guard LibPNG.crc32(bytes[(offset + 4)..<(offset + 8 + length)]) == crc else {
                throw .malformedPNG("CRC mismatch in \(type) chunk at byte \(offset)")
            }
            chunks.append(Chunk(type: type, data: data))
            offset += 12 + length
            if type == "IEND" { break }
        }
        return chunks
    }

    /// keyword NUL flag method language NUL translated NUL text
    static func parseITXt(_ d: ArraySlice<UInt8>) throws(RenderError) -> PNGText {
        guard let k = d.firstIndex(of: 0), k + 3 <= d.endIndex else { throw .malformedPNG("short iTXt chunk") }
        let compressed = d[k + 1] == 1
        let rest = d[(k + 3)...]
        guard let l = rest.firstIndex(of: 0) else { throw .malformedPNG("iTXt without language separator") }
        let afterLanguage = d[(l + 1)...]
        guard let t = afterLanguage.firstIndex(of: 0) else { throw .malformedPNG("iTXt without translated-keyword separator") }
        var body = Array(d[(t + 1)...])
        if compressed {
            guard let inflated = LibPNG.inflate(body[...]) else { throw .malformedPNG("iTXt text does not inflate") }
            body = inflated
        }
        let keyword = PNGText(latin1: d[d.startIndex..<k], value: []).keyword
        return PNGText(keyword, String(decoding: body, as: UTF8.self), international: true,
                       language: String(decoding: d[(k + 3)..<l], as: UTF8.self),
                       translatedKeyword: String(decoding: d[(l + 1)..<t], as: UTF8.self))
    }
}
