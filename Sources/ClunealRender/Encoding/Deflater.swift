import CLibDeflate

/// The one place ClunealRender calls libdeflate: whole-buffer zlib compression (RFC 1950) of a
/// PNG's filtered image data. libdeflate has no streaming interface, so the whole input must be
/// in memory; in exchange it is several times faster than zlib on the same data (SIMD
/// Adler-32, no sliding window to renumber) and deterministic for a given level and version.
///
/// Not `Sendable`: it owns a libdeflate compressor. Make and use it on one thread.
final class Deflater {
    /// libdeflate's levels (1.14): 0 stores, 1 is fastest, 12 smallest.
    static let levels: ClosedRange<Int> = 0...12

    let level: Int
    private let compressor: OpaquePointer

    /// A compressor at `level`, clamped to ``levels``.
    init(level: Int) throws(RenderError) {
        let clamped = Swift.min(Self.levels.upperBound, Swift.max(Self.levels.lowerBound, level))
        guard let compressor = libdeflate_alloc_compressor(Int32(clamped)) else {
            throw .deflate("libdeflate could not allocate a level \(clamped) compressor (out of memory)")
        }
        self.level = clamped
        self.compressor = compressor
    }

    deinit {
        libdeflate_free_compressor(compressor)
    }

    /// `input` as one zlib stream. The output buffer is sized to libdeflate's worst-case bound,
    /// so compression cannot run out of room; only the pages actually written are touched.
    func zlibCompress(_ input: UnsafeRawBufferPointer) throws(RenderError) -> [UInt8] {
        guard let source = input.baseAddress, !input.isEmpty else {
            throw .deflate("libdeflate: nothing to compress")
        }
        let bound = libdeflate_zlib_compress_bound(compressor, input.count)
        var written = 0
        let output = [UInt8](unsafeUninitializedCapacity: bound) { buffer, count in
            written = libdeflate_zlib_compress(compressor, source, input.count, buffer.baseAddress, bound)
            count = written
        }
        guard written > 0 else {
            throw .deflate("libdeflate: compressing \(input.count) bytes did not fit libdeflate's own bound of \(bound) bytes")
        }
        return output
    }
}
