import CLibPNG

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one place ClunealRender calls libpng (and zlib).
///
/// Writing goes through `clibpng_write_guarded` in `Sources/CLibPNG/shim.h`, a C function that
/// owns the setjmp guard, so a libpng error becomes a thrown ``RenderError/libpng(_:)``
/// instead of an `abort()`, and no `longjmp` ever crosses a Swift frame. Reading uses libpng's
/// simplified API, which guards itself.
enum LibPNG {
    struct TextEntry {
        var keyword: String
        /// Latin-1 for tEXt, UTF-8 for iTXt.
        var value: [UInt8]
        var international: Bool
        var language: String
        var translatedKeyword: String
    }

    enum Samples {
        case rgba
        case rgb
    }

    /// Collects libpng's output; reached from the C write callback through png_get_io_ptr.
    private final class ByteSink {
        var bytes: [UInt8] = []
        init(capacity: Int) { bytes.reserveCapacity(capacity) }
    }

    /// A C function pointer (no captures), called by libpng for each block of output.
    private static let appendToSink: png_rw_ptr = { png, data, length in
        guard let png, let data, let io = png_get_io_ptr(png) else { return }
        Unmanaged<ByteSink>.fromOpaque(io).takeUnretainedValue()
            .bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: length))
    }

    static func write(width: Int, height: Int, samples: Samples, pixels: [UInt8], level: Int32, filters: Int32,
                      strategy: Int32, pixelsPerMetre: UInt32?, text: [TextEntry]) throws(RenderError) -> [UInt8] {
        let channels = samples == .rgba ? 4 : 3
        guard width > 0, height > 0, pixels.count == width * height * channels,
              let w = png_uint_32(exactly: width), let h = png_uint_32(exactly: height) else {
            throw .libpng("image size \(width) × \(height) does not match \(pixels.count) bytes")
        }
        let sink = ByteSink(capacity: pixels.count / 8 + 1024)
        var params = clibpng_write_params()
        params.width = w
        params.height = h
        params.color_type = samples == .rgba ? PNG_COLOR_TYPE_RGB_ALPHA : PNG_COLOR_TYPE_RGB
        params.row_stride = width * channels
        params.compression_level = level
        params.filters = filters
        params.strategy = strategy
        params.pixels_per_metre = pixelsPerMetre ?? 0

        // C strings for the text chunks; libpng copies them in png_set_text.
        var owned: [UnsafeMutablePointer<CChar>] = []
        defer { owned.forEach { $0.deallocate() } }
        func cString(_ bytes: [UInt8]) -> UnsafeMutablePointer<CChar> {
            let p = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count + 1)
            for (i, b) in bytes.enumerated() { p[i] = CChar(bitPattern: b) }
            p[bytes.count] = 0
            owned.append(p)
            return p
        }
        var entries: [png_text] = text.map { entry in
            var t = png_text()
            t.compression = entry.international ? PNG_ITXT_COMPRESSION_NONE : PNG_TEXT_COMPRESSION_NONE
            t.key = cString(Array(entry.keyword.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }))
            t.text = cString(entry.value)
            if entry.international {
                t.text_length = 0
                t.itxt_length = entry.value.count
                t.lang = cString(Array(entry.language.utf8))
                t.lang_key = cString(Array(entry.translatedKeyword.utf8))
            } else {
                t.text_length = entry.value.count
            }
            return t
        }

        let ok = pixels.withUnsafeBufferPointer { px in
            entries.withUnsafeMutableBufferPointer { textBuffer in
                params.pixels = px.baseAddress
                params.text = UnsafePointer(textBuffer.baseAddress)
                params.text_count = Int32(textBuffer.count)
                return clibpng_write_guarded(&params, Unmanaged.passUnretained(sink).toOpaque(), appendToSink)
            }
        }
        withExtendedLifetime(sink) {}
        guard ok != 0 else {
            let message = withUnsafeBytes(of: params.error_message) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            throw .libpng(message.isEmpty ? "unknown error" : message)
        }
        return sink.bytes
    }

    /// Decodes any PNG to straight 8-bit RGBA with the simplified read API.
    static func readRGBA(_ data: [UInt8]) throws(RenderError) -> (width: Int, height: Int, rgba: [UInt8]) {
        var image = png_image()
        image.version = png_uint_32(PNG_IMAGE_VERSION)
        func message() -> String {
            withUnsafeBytes(of: image.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        }
        let began = data.withUnsafeBytes { png_image_begin_read_from_memory(&image, $0.baseAddress, $0.count) }
        guard began != 0 else {
            let text = message()
            png_image_free(&image)
            throw .malformedPNG(text)
        }
        image.format = png_uint_32(CLIBPNG_FORMAT_RGBA)
        let width = Int(image.width), height = Int(image.height)
        guard width > 0, height > 0, width <= RGBABuffer.maximumDimension, height <= RGBABuffer.maximumDimension,
              width * height <= RGBABuffer.maximumPixelCount else {
            png_image_free(&image)
            throw .malformedPNG("image is \(width) × \(height) pixels, larger than this decoder accepts")
        }
        var pixels = [UInt8](repeating: 0, count: width * height * 4)
        let finished = data.withUnsafeBytes { _ in  // keep `data` alive: libpng reads it lazily
            pixels.withUnsafeMutableBytes { png_image_finish_read(&image, nil, $0.baseAddress, 0, nil) }
        }
        guard finished != 0 else {
            let text = message()
            png_image_free(&image)
            throw .malformedPNG(text)
        }
        return (width, height, pixels)
    }

    /// zlib's CRC-32 of `bytes`.
    static func crc32(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        bytes.withUnsafeBufferPointer { UInt32(CLibPNG.crc32(0, $0.baseAddress, uInt($0.count))) }
    }

    /// Inflates zlib data (compressed iTXt/zTXt), refusing to grow past `limit` bytes.
    static func inflate(_ bytes: ArraySlice<UInt8>, limit: Int = 16 << 20) -> [UInt8]? {
        var capacity = Swift.max(256, bytes.count * 4)
        while capacity <= limit {
            var out = [UInt8](repeating: 0, count: capacity)
            var length = uLongf(capacity)
            let status = out.withUnsafeMutableBufferPointer { dst in
                bytes.withUnsafeBufferPointer { src in
                    uncompress(dst.baseAddress, &length, src.baseAddress, uLong(src.count))
                }
            }
            if status == Z_OK { return Array(out.prefix(Int(length))) }
            if status != Z_BUF_ERROR { return nil }
            capacity *= 2
        }
        return nil
    }

    static let filterNone = Int32(PNG_FILTER_NONE)
    static let filterSub = Int32(PNG_FILTER_SUB)
    static let filterUp = Int32(PNG_FILTER_UP)
    static let filterAverage = Int32(PNG_FILTER_AVG)
    static let filterPaeth = Int32(PNG_FILTER_PAETH)
    static let allFilters = Int32(CLIBPNG_ALL_FILTERS)
    static let strategyDefault = Int32(Z_DEFAULT_STRATEGY)
    static let strategyFiltered = Int32(Z_FILTERED)
    static let strategyRLE = Int32(Z_RLE)
}
