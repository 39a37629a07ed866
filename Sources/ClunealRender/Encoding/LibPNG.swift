import CLibPNG

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one place ClunealRender calls libpng (and zlib).
///
/// Writing goes through the `clibpng_stream_*` functions in `Sources/CLibPNG/shim.h`: C
/// functions that each own a setjmp guard, so a libpng error becomes a thrown
/// ``RenderError/libpng(_:)`` instead of an `abort()`, and no `longjmp` ever crosses a Swift
/// frame. Reading uses libpng's simplified API, which guards itself.
enum LibPNG {
    struct TextEntry: Sendable {
        var keyword: String
        /// Latin-1 for tEXt, UTF-8 for iTXt.
        var value: [UInt8]
        var international: Bool
        var language: String
        var translatedKeyword: String
    }

    enum Samples: Sendable {
        case rgba
        case rgb

        var channels: Int { self == .rgba ? 4 : 3 }
    }

    /// Everything libpng needs before the first row.
    struct Header: Sendable {
        var width: Int
        var height: Int
        var samples: Samples
        var level: Int32
        /// Every filter any row may use (a PNG_FILTER_* mask, never 0).
        var filters: Int32
        var strategy: Int32
        /// zlib memLevel 1...9, or 0 for libpng's default.
        var memoryLevel: Int32
        /// Who filters and compresses the rows (see ``Stream``).
        var imageData: ImageData = .libpngRows
        var pixelsPerMetre: UInt32?
        var text: [TextEntry]

        var rowBytes: Int { width * samples.channels }
    }

    /// How a ``Stream`` turns rows into image data.
    enum ImageData: Hashable, Sendable {
        /// libpng filters each row (one byte at a time) and compresses it with zlib at
        /// ``Header/level``, ``Header/strategy`` and ``Header/memoryLevel``.
        case libpngRows
        /// ClunealRender filters the rows (``PNGRowFilter``) and zlib compresses them band by
        /// band with the header's settings; libpng writes the IDAT chunks.
        case zlibStream
        /// ClunealRender filters the rows into one buffer of the whole image, which
        /// ``Deflater`` compresses at this libdeflate level; libpng writes the IDAT chunks.
        case libdeflate(level: Int)
        /// ClunealRender filters the rows and compresses them band by band itself
        /// (``RunLengthDeflater``, blocks of `blockSymbols` symbols); libpng writes the IDAT
        /// chunks.
        case runLengthDeflate(blockSymbols: Int)
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

    /// One PNG being written, rows in order: ``write(rows:count:rowFilters:)`` any number of
    /// times, then ``finish()``.
    ///
    /// libpng always writes the signature, IHDR, pHYs and text chunks, and every chunk's
    /// length and CRC. Outside ``ImageData/libpngRows`` the image data takes another way: each
    /// row is filtered here (``PNGRowFilter``, 16 bytes at a time), either into one buffer of
    /// `height × (rowBytes + 1)` bytes that ``finish()`` compresses with libdeflate, or band by
    /// band into ClunealRender's own ``RunLengthDeflater`` (the default) or zlib
    /// (``ZlibStream``); libpng writes the one zlib stream as IDAT chunks of
    /// ``idatChunkBytes``, then IEND (`clibpng_stream_write_chunk` in the shim says why that
    /// replaces png_write_end).
    ///
    /// Not `Sendable`: it owns a libpng write struct. Make it, feed it and finish it on one
    /// thread.
    final class Stream {
        private let state: UnsafeMutablePointer<clibpng_stream>
        private let sink: ByteSink
        let header: Header
        private(set) var rowsWritten = 0
        /// Who compresses the image data: libpng itself, or one of the compressors fed with rows
        /// ClunealRender filtered (``ImageData``).
        private enum Compressor {
            case libpng
            /// libdeflate, once, over the whole filtered image.
            case wholeImage(Deflater)
            /// zlib, band by band.
            case zlib(ZlibStream)
            /// ClunealRender's own, band by band.
            case runLength(RunLengthDeflater)

            /// True for the compressors fed band by band (``compressBand(_:finish:)``).
            var streams: Bool {
                switch self {
                case .zlib, .runLength: true
                case .libpng, .wholeImage: false
                }
            }
        }

        private var compressor: Compressor
        /// Outside ``ImageData/libpngRows``: the filtered rows (each led by its filter-type
        /// byte: the whole image for libdeflate, one batch otherwise) and a copy of the last
        /// unfiltered row (the next row's "above").
        private var filtered: UnsafeMutableRawBufferPointer?
        private var lastRow: UnsafeMutableBufferPointer<UInt8>?

        /// IDAT chunk size for image data compressed outside libpng (the last chunk may be
        /// shorter).
        static let idatChunkBytes = 1 << 16

        init(_ header: Header) throws(RenderError) {
            guard header.width > 0, header.height > 0, png_uint_32(exactly: header.width) != nil,
                  png_uint_32(exactly: header.height) != nil else {
                throw .libpng("image size \(header.width) × \(header.height) is not writable")
            }
            self.header = header
            switch header.imageData {
            case .libpngRows:
                compressor = .libpng
            case .libdeflate(let level):
                let (total, overflow) = header.height.multipliedReportingOverflow(by: header.rowBytes + 1)
                guard !overflow else { throw .deflate("image size \(header.width) × \(header.height) is too large to filter in memory") }
                compressor = .wholeImage(try Deflater(level: level))
                // Pages are touched as rows are filtered into them.
                filtered = .allocate(byteCount: total, alignment: 16)
                lastRow = .allocate(capacity: header.rowBytes)
            case .zlibStream:
                compressor = .zlib(try ZlibStream(level: header.level, memoryLevel: header.memoryLevel == 0 ? 8 : header.memoryLevel,
                                                  strategy: header.strategy))
                lastRow = .allocate(capacity: header.rowBytes)
            case .runLengthDeflate(let blockSymbols):
                compressor = .runLength(RunLengthDeflater(blockSymbols: blockSymbols, pieceBytes: Self.idatChunkBytes))
                lastRow = .allocate(capacity: header.rowBytes)
            }
            // Maps compress to well under an eighth of their raw size; the sink grows if not.
            sink = ByteSink(capacity: Swift.min(header.height * header.rowBytes / 8, 64 << 20) + 1024)
            state = UnsafeMutablePointer<clibpng_stream>.allocate(capacity: 1)
            state.initialize(to: clibpng_stream())
            var params = clibpng_write_params()
            params.width = png_uint_32(truncatingIfNeeded: header.width)
            params.height = png_uint_32(truncatingIfNeeded: header.height)
            params.color_type = header.samples == .rgba ? PNG_COLOR_TYPE_RGB_ALPHA : PNG_COLOR_TYPE_RGB
            params.row_stride = header.rowBytes
            params.compression_level = header.level
            params.filters = header.filters
            params.strategy = header.strategy
            params.memory_level = header.memoryLevel
            params.pixels_per_metre = header.pixelsPerMetre ?? 0

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
            var entries: [png_text] = header.text.map { entry in
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
            let ok = entries.withUnsafeMutableBufferPointer { textBuffer in
                params.text = UnsafePointer(textBuffer.baseAddress)
                params.text_count = Int32(textBuffer.count)
                return clibpng_stream_begin(state, &params, Unmanaged.passUnretained(sink).toOpaque(), LibPNG.appendToSink)
            }
            guard ok != 0 else { throw failure() }
        }

        deinit {
            filtered?.deallocate()
            lastRow?.deallocate()
            clibpng_stream_destroy(state)
            state.deinitialize(count: 1)
            state.deallocate()
        }

        private func failure() -> RenderError {
            let message = withUnsafeBytes(of: state.pointee.error_message) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            return .libpng(message.isEmpty ? "unknown error" : message)
        }

        /// Writes the next `count` rows from `rows` (tightly packed, ``Header/rowBytes`` each).
        /// With `rowFilters`, row `i` is filtered with the PNG_FILTER_* bit `rowFilters[i]`
        /// (libpng still picks the filter of the image's first row itself).
        func write(rows: UnsafeBufferPointer<UInt8>, count: Int, rowFilters: UnsafeBufferPointer<UInt8>?) throws(RenderError) {
            guard count > 0 else { return }
            guard count <= header.height - rowsWritten, rows.count >= count * header.rowBytes,
                  rowFilters.map({ $0.count >= count }) ?? true, let base = rows.baseAddress else {
                throw .libpng("\(count) rows of \(header.rowBytes) bytes do not fit the image (\(rowsWritten) of \(header.height) written)")
            }
            let filteredBytes = count * (header.rowBytes + 1)
            if case .wholeImage = compressor, let out = filtered?.baseAddress?.assumingMemoryBound(to: UInt8.self) {
                filter(base, count: count, rowFilters: rowFilters, into: out + rowsWritten * (header.rowBytes + 1))
            } else if compressor.streams {
                if (filtered?.count ?? 0) < filteredBytes {
                    filtered?.deallocate()
                    filtered = .allocate(byteCount: filteredBytes, alignment: 16)
                }
                guard let band = filtered?.baseAddress else { throw .deflate("no buffer for \(count) filtered rows") }
                filter(base, count: count, rowFilters: rowFilters, into: band.assumingMemoryBound(to: UInt8.self))
                try compressBand(UnsafeRawBufferPointer(start: band, count: filteredBytes), finish: false)
            } else {
                let ok = clibpng_stream_write_rows(state, base, header.rowBytes, png_uint_32(truncatingIfNeeded: count),
                                                   rowFilters?.baseAddress)
                guard ok != 0 else { throw failure() }
            }
            rowsWritten += count
        }

        /// Filters `count` rows from `base` into `out` (`rowBytes + 1` bytes a row), each with
        /// its filter from `rowFilters` or, without them, ``RowFilterChooser``'s, and keeps a
        /// copy of the last row for the next call.
        private func filter(_ base: UnsafePointer<UInt8>, count: Int, rowFilters: UnsafeBufferPointer<UInt8>?,
                            into out: UnsafeMutablePointer<UInt8>) {
            guard let lastRowBase = lastRow?.baseAddress else { return }
            let rowBytes = header.rowBytes, bpp = header.samples.channels
            var previous: UnsafePointer<UInt8>? = rowsWritten > 0 ? UnsafePointer(lastRowBase) : nil
            for i in 0..<count {
                let row = base + i * rowBytes
                let filter = rowFilters?[i]
                    ?? RowFilterChooser.choose(row: row, previous: previous, count: rowBytes, bpp: bpp, allowed: header.filters)
                PNGRowFilter.apply(filter, row: row, previous: previous, count: rowBytes, bpp: bpp, into: out + i * (rowBytes + 1))
                previous = row
            }
            lastRowBase.update(from: base + (count - 1) * rowBytes, count: rowBytes)
        }

        /// Streams filtered rows through zlib or ``RunLengthDeflater``, each full piece of output
        /// written as an IDAT chunk at once.
        private func compressBand(_ band: UnsafeRawBufferPointer, finish: Bool) throws(RenderError) {
            let idat = { (piece: UnsafeBufferPointer<UInt8>) throws(RenderError) in try self.writeChunk("IDAT", piece) }
            switch compressor {
            case .zlib(let zlib):
                try zlib.compress(band, finish: finish, emit: idat)
            case .runLength(var runLength):
                // Taken out while it works, so that its buffers are not shared (and copied).
                compressor = .libpng
                defer { compressor = .runLength(runLength) }
                try runLength.compress(band, finish: finish, emit: idat)
            case .libpng, .wholeImage:
                break
            }
        }

        /// Has libpng write one chunk (length, type, data, CRC).
        private func writeChunk(_ type: String, _ data: UnsafeBufferPointer<UInt8>) throws(RenderError) {
            guard clibpng_stream_write_chunk(state, type, data.baseAddress, data.count) != 0 else { throw failure() }
        }

        /// Has libpng write `data` (one zlib stream) as IDAT chunks of ``idatChunkBytes``,
        /// then IEND.
        private func writeImageData(_ data: [UInt8]) throws(RenderError) {
            try data.withUnsafeBufferPointer { (bytes) throws(RenderError) in
                var start = 0
                while start < bytes.count {
                    let length = Swift.min(Self.idatChunkBytes, bytes.count - start)
                    try writeChunk("IDAT", UnsafeBufferPointer(rebasing: bytes[start..<(start + length)]))
                    start += length
                }
            }
            try writeChunk("IEND", UnsafeBufferPointer(start: nil, count: 0))
        }

        /// Ends the image and returns the file's bytes. Every row must have been written.
        func finish() throws(RenderError) -> [UInt8] {
            guard rowsWritten == header.height else {
                throw .libpng("only \(rowsWritten) of \(header.height) rows were written")
            }
            if case .wholeImage(let deflater) = compressor, let whole = filtered {
                let data = try deflater.zlibCompress(UnsafeRawBufferPointer(whole))
                whole.deallocate()
                filtered = nil
                try writeImageData(data)
            } else if compressor.streams {
                try compressBand(UnsafeRawBufferPointer(start: nil, count: 0), finish: true)
                try writeChunk("IEND", UnsafeBufferPointer(start: nil, count: 0))
            } else {
                guard clibpng_stream_end(state) != 0 else { throw failure() }
            }
            clibpng_stream_destroy(state)
            let bytes = sink.bytes
            sink.bytes = []
            return bytes
        }
    }

    /// zlib's deflate over rows filtered by ClunealRender (``ImageData/zlibStream``): one zlib
    /// stream, fed batch by batch, handed out in pieces of ``Stream/idatChunkBytes`` as they
    /// fill (so only one piece of output is ever held here).
    ///
    /// Not `Sendable`: it owns a z_stream. Use it on one thread.
    final class ZlibStream {
        private let stream: UnsafeMutablePointer<z_stream>
        private let buffer: UnsafeMutableBufferPointer<UInt8>

        init(level: Int32, memoryLevel: Int32, strategy: Int32) throws(RenderError) {
            stream = .allocate(capacity: 1)
            stream.initialize(to: z_stream())
            buffer = .allocate(capacity: Stream.idatChunkBytes)
            let status = deflateInit2_(stream, level, Z_DEFLATED, 15, memoryLevel, strategy, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
            // On failure deinit still runs (every property is set) and frees the stream;
            // deflateEnd ignores a stream whose init failed.
            guard status == Z_OK else {
                throw .deflate("zlib deflateInit2 (level \(level), memLevel \(memoryLevel), strategy \(strategy)) failed with \(status)")
            }
            stream.pointee.next_out = buffer.baseAddress
            stream.pointee.avail_out = uInt(buffer.count)
        }

        deinit {
            deflateEnd(stream)
            stream.deinitialize(count: 1)
            stream.deallocate()
            buffer.deallocate()
        }

        /// Compresses all of `input` (with `finish`, also ends the stream), handing each full
        /// piece of output, and with `finish` the last one, to `emit`.
        func compress(_ input: UnsafeRawBufferPointer, finish: Bool,
                      emit: (UnsafeBufferPointer<UInt8>) throws(RenderError) -> Void) throws(RenderError) {
            stream.pointee.next_in = input.baseAddress.map { UnsafeMutablePointer(mutating: $0.assumingMemoryBound(to: Bytef.self)) }
            stream.pointee.avail_in = uInt(input.count)
            while true {
                let status = deflate(stream, finish ? Z_FINISH : Z_NO_FLUSH)
                guard status == Z_OK || status == Z_BUF_ERROR || status == Z_STREAM_END else {
                    throw .deflate("zlib deflate failed with \(status)")
                }
                if stream.pointee.avail_out == 0 || status == Z_STREAM_END {
                    let produced = buffer.count - Int(stream.pointee.avail_out)
                    if produced > 0 { try emit(UnsafeBufferPointer(rebasing: buffer[0..<produced])) }
                    stream.pointee.next_out = buffer.baseAddress
                    stream.pointee.avail_out = uInt(buffer.count)
                }
                if status == Z_STREAM_END { return }
                // Without finish, done once zlib has taken every input byte with room to spare.
                if !finish && stream.pointee.avail_in == 0 && stream.pointee.avail_out > 0 { return }
            }
        }
    }

    /// Encodes a whole image in one call (see ``Stream``).
    static func write(_ header: Header, pixels: [UInt8], rowFilters: [UInt8]?) throws(RenderError) -> [UInt8] {
        guard pixels.count == header.height * header.rowBytes else {
            throw .libpng("image size \(header.width) × \(header.height) does not match \(pixels.count) bytes")
        }
        let stream = try Stream(header)
        try pixels.withUnsafeBufferPointer { (px) throws(RenderError) in
            if let rowFilters {
                try rowFilters.withUnsafeBufferPointer { (f) throws(RenderError) in
                    try stream.write(rows: px, count: header.height, rowFilters: f)
                }
            } else {
                try stream.write(rows: px, count: header.height, rowFilters: nil)
            }
        }
        return try stream.finish()
    }

    /// Encodes a whole image with libpng's default memLevel, libpng choosing each row's filter.
    static func write(width: Int, height: Int, samples: Samples, pixels: [UInt8], level: Int32, filters: Int32,
                      strategy: Int32, pixelsPerMetre: UInt32?, text: [TextEntry]) throws(RenderError) -> [UInt8] {
        let header = Header(width: width, height: height, samples: samples, level: level, filters: filters, strategy: strategy,
                            memoryLevel: 0, pixelsPerMetre: pixelsPerMetre, text: text)
        return try write(header, pixels: pixels, rowFilters: nil)
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
