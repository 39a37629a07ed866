/// The Adler-32 checksum of a zlib stream (RFC 1950 §8.2), updated byte by byte, by runs of
/// one repeated byte in O(1), or over a buffer.
///
/// Invariant: at most ``bytesBetweenReductions`` single bytes have been added to `a` and `b`
/// since they were last reduced below ``modulus``, so both stay below 2³². A run of `n` copies
/// of `v` adds `n·v` to `a` and `n·a + v·n(n+1)/2` to `b`, computed from `n mod 65521`, so no
/// product exceeds 2⁴⁸ whatever `n` is.
struct Adler32: Hashable, Sendable {
    static let modulus: UInt64 = 65521
    /// Bytes that can be summed into `a` and `b` before they must be reduced (zlib's NMAX):
    /// the largest n with 255·n(n+1)/2 + (n+1)(modulus−1) < 2³².
    static let bytesBetweenReductions = 5552

    private var a: UInt64 = 1
    private var b: UInt64 = 0
    /// Single bytes added since the last reduction.
    private var unreduced = 0

    /// The checksum as RFC 1950 stores it (big-endian in the stream).
    var value: UInt32 { UInt32(truncatingIfNeeded: ((b % Self.modulus) << 16) | (a % Self.modulus)) }

    /// Adds one byte (cheap: the reduction happens once every ``bytesBetweenReductions``).
    @inline(__always)
    mutating func update(_ byte: UInt8) {
        a &+= UInt64(byte)
        b &+= a
        unreduced &+= 1
        if unreduced == Self.bytesBetweenReductions {
            a %= Self.modulus
            b %= Self.modulus
            unreduced = 0
        }
    }

    /// Adds `count` copies of `byte`. Any `count` ≥ 0.
    mutating func update(repeating byte: UInt8, count: Int) {
        guard count > 0 else { return }
        let m = Self.modulus, v = UInt64(byte)
        let n = UInt64(count)
        // n(n+1)/2 mod m without forming n(n+1): halve whichever factor is even first.
        let triangle = n & 1 == 0 ? ((n / 2) % m) * ((n + 1) % m) % m : (n % m) * (((n + 1) / 2) % m) % m
        let nm = n % m
        b = (b + nm * a + v * triangle) % m
        a = (a + nm * v) % m
        unreduced = 0
    }

    /// Adds every byte of `bytes`.
    mutating func update(_ bytes: UnsafeBufferPointer<UInt8>) {
        var start = 0
        while start < bytes.count {
            let end = Swift.min(bytes.count, start + Self.bytesBetweenReductions)
            var a = self.a % Self.modulus, b = self.b % Self.modulus
            for i in start..<end {
                a &+= UInt64(bytes[i])
                b &+= a
            }
            self.a = a % Self.modulus
            self.b = b % Self.modulus
            unreduced = 0
            start = end
        }
    }
}
