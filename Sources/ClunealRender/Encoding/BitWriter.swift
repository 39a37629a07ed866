/// Deflate's bit order (RFC 1951 §3.1.1): values packed least significant bit first into
/// bytes. Collects whole bytes in ``bytes``; at most 31 bits wait in the accumulator.
///
/// Invariant: `pendingCount < 32` between calls, so a write of up to 32 bits never overflows
/// the 64-bit accumulator.
struct BitWriter: Sendable {
    private(set) var bytes: [UInt8] = []
    private var pending: UInt64 = 0
    private var pendingCount = 0

    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// Bits written so far, including those still in the accumulator.
    var bitCount: Int { bytes.count * 8 + pendingCount }

    /// Appends the low `count` bits of `value` (`count` in 0...32; higher bits of `value`
    /// must be zero).
    @inline(__always)
    mutating func write(_ value: UInt32, count: Int) {
        pending |= UInt64(value) << UInt64(pendingCount & 63)
        pendingCount += count
        if pendingCount >= 32 {
            let word = UInt32(truncatingIfNeeded: pending)
            bytes.append(UInt8(truncatingIfNeeded: word))
            bytes.append(UInt8(truncatingIfNeeded: word >> 8))
            bytes.append(UInt8(truncatingIfNeeded: word >> 16))
            bytes.append(UInt8(truncatingIfNeeded: word >> 24))
            pending >>= 32
            pendingCount -= 32
        }
    }

    /// Pads with zero bits to the next byte boundary and moves every whole byte to ``bytes``.
    mutating func alignToByte() {
        while pendingCount > 0 {
            bytes.append(UInt8(truncatingIfNeeded: pending))
            pending >>= 8
            pendingCount = Swift.max(0, pendingCount - 8)
        }
        pending = 0
    }

    /// Appends whole bytes; the writer must be byte-aligned (after ``alignToByte()``).
    mutating func append(bytes more: some Sequence<UInt8>) {
        alignToByte()
        bytes.append(contentsOf: more)
    }

    /// Hands whole bytes to `emit` in pieces of `pieceBytes` (≥ 1) and removes them: every
    /// full piece, and with `all` the shorter rest too (none if empty).
    mutating func drain(pieceBytes: Int, all: Bool,
                        _ emit: (UnsafeBufferPointer<UInt8>) throws(RenderError) -> Void) throws(RenderError) {
        let size = Swift.max(1, pieceBytes)
        let whole = all ? bytes.count : bytes.count / size * size
        guard whole > 0 else { return }
        try bytes.withUnsafeBufferPointer { (all) throws(RenderError) in
            var start = 0
            while start < whole {
                let end = Swift.min(whole, start + size)
                try emit(UnsafeBufferPointer(rebasing: all[start..<end]))
                start = end
            }
        }
        bytes.removeFirst(whole)
    }
}
