/// A zlib stream (RFC 1950) written by ClunealRender for filtered PNG rows, in the spirit of
/// the `fdeflate` crate: the only matches are runs of the previous byte (distance 1, lengths
/// 3...258, what zlib's `Z_RLE` strategy finds), everything else is a literal, and each block
/// of at most ``blockSymbols`` symbols gets its own Huffman code (or is stored or fixed-coded
/// when that is smaller; see ``DeflateBlock``).
///
/// Made for rows where most filtered bytes are zero: a run is measured 16 bytes at a time
/// (two 64-bit words compared with the run's byte), and its Adler-32 update is O(1)
/// (``Adler32/update(repeating:count:)``), so a long zero run costs a fraction of an
/// instruction per byte. There is no hash table and no window to slide.
///
/// Streaming: ``compress(_:finish:emit:)`` takes any number of batches (a band of rows each);
/// a run may continue from one batch into the next, so the bytes written do not depend on how
/// the input is split, only on the input. Memory: one block of symbols (2 bytes each) and the
/// compressed bytes not yet handed out (less than one ``pieceBytes`` piece plus what one batch
/// produces).
///
/// Deterministic: the same input always gives the same bytes.
struct RunLengthDeflater: Sendable {
    /// Symbols per block unless told otherwise, and the most a block may hold (a block's
    /// symbols, 2 bytes each, are all the state that grows with the block).
    static let defaultBlockSymbols = 1 << 14
    static let maximumBlockSymbols = 1 << 20

    let blockSymbols: Int
    /// Compressed output is handed out in pieces of this many bytes (the last may be shorter).
    let pieceBytes: Int
    private var block: DeflateBlock
    private var writer: BitWriter
    private var adler = Adler32()
    /// Whether any byte has been read (before that, no run can start: there is no byte to repeat).
    private var started = false
    /// Bytes equal to the block's last byte read but not yet turned into symbols.
    private var pendingRun = 0
    private(set) var isFinished = false
    /// Input bytes taken so far.
    private(set) var inputCount = 0

    /// A stream with blocks of `blockSymbols` symbols (clamped to 1...``maximumBlockSymbols``)
    /// handing out pieces of `pieceBytes` (at least 1).
    init(blockSymbols: Int = RunLengthDeflater.defaultBlockSymbols, pieceBytes: Int = LibPNG.Stream.idatChunkBytes) {
        self.blockSymbols = Swift.min(Self.maximumBlockSymbols, Swift.max(1, blockSymbols))
        self.pieceBytes = Swift.max(1, pieceBytes)
        block = DeflateBlock(capacity: self.blockSymbols)
        writer = BitWriter(capacity: self.pieceBytes * 2)
        // CMF 0x78: deflate with a 32 KiB window; FLG 0x01: fastest, no dictionary, check bits.
        writer.write(0x78, count: 8)
        writer.write(0x01, count: 8)
    }

    /// Compresses all of `input` and, with `finish`, ends the stream (last block, Adler-32).
    /// Hands every full piece of ``pieceBytes`` (and with `finish` the rest) to `emit`.
    /// Throws ``RenderError/deflate(_:)`` for input after the end, or whatever `emit` throws.
    mutating func compress(_ input: UnsafeRawBufferPointer, finish: Bool,
                           emit: (UnsafeBufferPointer<UInt8>) throws(RenderError) -> Void) throws(RenderError) {
        guard !isFinished else {
            throw .deflate("run-length deflate: \(input.count) more bytes after the stream was finished (\(inputCount) bytes taken)")
        }
        if let base = input.baseAddress, !input.isEmpty {
            scan(base.assumingMemoryBound(to: UInt8.self), count: input.count)
            inputCount &+= input.count
        }
        if finish {
            endRun()
            block.write(final: true, to: &writer)
            writer.alignToByte()
            let check = adler.value
            writer.write(check.byteSwapped, count: 32)  // big-endian (§2.2)
            isFinished = true
        }
        try writer.drain(pieceBytes: pieceBytes, all: finish, emit)
    }

    /// Turns `count` bytes from `bytes` into symbols, writing each block as it fills.
    private mutating func scan(_ bytes: UnsafePointer<UInt8>, count n: Int) {
        var i = 0
        if !started {
            started = true
            adler.update(bytes[0])
            literal(bytes[0])
            i = 1
        }
        while i < n {
            let byte = bytes[i]
            if byte == block.lastByte {
                let end = Self.runEnd(bytes, from: i + 1, count: n, byte: byte)
                adler.update(repeating: byte, count: end - i)
                pendingRun += end - i
                i = end
                if i < n { endRun() }
            } else {
                if pendingRun > 0 { endRun() }
                adler.update(byte)
                literal(byte)
                i += 1
            }
        }
    }

    /// The first index from `start` on whose byte is not `byte` (`count` if none).
    @inline(__always)
    static func runEnd(_ bytes: UnsafePointer<UInt8>, from start: Int, count n: Int, byte: UInt8) -> Int {
        let pattern = UInt64(byte) &* 0x0101_0101_0101_0101
        let raw = UnsafeRawPointer(bytes)
        var j = start
        while j + 16 <= n {
            let x = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: j, as: UInt64.self)) ^ pattern
            let y = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: j + 8, as: UInt64.self)) ^ pattern
            if x | y != 0 {
                return x != 0 ? j + x.trailingZeroBitCount >> 3 : j + 8 + y.trailingZeroBitCount >> 3
            }
            j += 16
        }
        while j < n && bytes[j] == byte { j += 1 }
        return j
    }

    @inline(__always)
    private mutating func literal(_ byte: UInt8) {
        block.appendLiteral(byte)
        if block.isFull { block.write(final: false, to: &writer) }
    }

    /// Turns the pending run into symbols: runs of at most 258, the last one shortened so
    /// that no rest of one or two bytes is left where a split can avoid it; a rest of one or
    /// two bytes becomes literals.
    private mutating func endRun() {
        var run = pendingRun
        pendingRun = 0
        while run >= DeflateBlock.minimumRun {
            var length = Swift.min(run, DeflateBlock.maximumRun)
            if run > length && run - length < DeflateBlock.minimumRun { length = run - DeflateBlock.minimumRun }
            block.appendRun(length)
            run -= length
            if block.isFull { block.write(final: false, to: &writer) }
        }
        while run > 0 {
            literal(block.lastByte)
            run -= 1
        }
    }
}
