/// A canonical, length-limited Huffman code for deflate (RFC 1951 §3.2.2): a code length per
/// symbol (0 for an unused symbol) and the code itself, bit-reversed so that a least-significant-
/// bit-first ``BitWriter`` sends it most significant bit first, as deflate requires.
///
/// Invariants: every length is in `0...limit`; the used lengths satisfy Kraft's equality
/// (sum of 2^−length is exactly 1) whenever two or more symbols are used, so any inflater
/// accepts the code; a single used symbol gets length 1.
struct HuffmanCode: Hashable, Sendable {
    /// Code length per symbol, in bits (0: unused).
    var lengths: [UInt8]
    /// The bit-reversed code per symbol (meaningful where the length is non-zero).
    var codes: [UInt16]

    /// The code for `lengths` (each `0...15`, as from ``lengths(frequencies:limit:)``).
    init(lengths: [UInt8]) {
        self.lengths = lengths
        var perLength = [Int](repeating: 0, count: 16)
        for length in lengths where length > 0 { perLength[Int(length & 15)] += 1 }
        var next = [Int](repeating: 0, count: 16)
        var code = 0
        for bits in 1..<16 {
            code = (code + perLength[bits - 1]) << 1
            next[bits] = code
        }
        codes = lengths.map { length in
            let bits = Int(length & 15)
            guard bits > 0 else { return 0 }
            let value = next[bits]
            next[bits] += 1
            return Self.reversed(UInt16(truncatingIfNeeded: value), bits: bits)
        }
    }

    /// The lowest `bits` bits of `value`, in reverse order.
    static func reversed(_ value: UInt16, bits: Int) -> UInt16 {
        var value = value, out: UInt16 = 0
        for _ in 0..<bits {
            out = (out << 1) | (value & 1)
            value >>= 1
        }
        return out
    }

    /// Code lengths for symbols with these frequencies, none longer than `limit` bits (1...15),
    /// as short as Huffman's algorithm makes them where the limit allows.
    ///
    /// Huffman lengths come from Moffat and Katajainen's in-place algorithm on the used symbols
    /// sorted by frequency; lengths over `limit` are then cut back and the Kraft sum restored
    /// by lengthening the longest codes below the limit (the method of miniz and zlib's
    /// `gen_bitlen`), and the lengths handed out again, shortest to the most frequent symbols.
    /// With no used symbol every length is 0; with one, it gets length 1 and, so that the code
    /// is complete, the next symbol too (symbol 1 if the used one is 0, else symbol 0). Needs
    /// `frequencies.count ≤ 2^limit` (deflate's alphabets: 286 ≤ 2^15, 19 ≤ 2^7); a larger
    /// alphabet has its excess symbols dropped from the code (length 0), never a trap.
    static func lengths(frequencies: [UInt32], limit: Int) -> [UInt8] {
        let limit = Swift.min(15, Swift.max(1, limit))
        var lengths = [UInt8](repeating: 0, count: frequencies.count)
        // (frequency, symbol), ascending; ties by symbol so the code is deterministic.
        var used: [(frequency: UInt64, symbol: Int)] = frequencies.indices.compactMap { s in
            frequencies[s] > 0 ? (UInt64(frequencies[s]), s) : nil
        }
        if used.count > 1 << limit {
            used.sort { $0.frequency != $1.frequency ? $0.frequency > $1.frequency : $0.symbol < $1.symbol }
            used.removeLast(used.count - (1 << limit))
        }
        switch used.count {
        case 0:
            return lengths
        case 1:
            guard frequencies.count > 1 else {
                lengths[used[0].symbol] = 1
                return lengths
            }
            lengths[used[0].symbol] = 1
            lengths[used[0].symbol == 0 ? 1 : 0] = 1
            return lengths
        default:
            break
        }
        used.sort { $0.frequency != $1.frequency ? $0.frequency < $1.frequency : $0.symbol < $1.symbol }
        var depth = used.map(\.frequency)
        minimumRedundancy(&depth)
        // Count codes per length, folding everything over the limit into the limit.
        var perLength = [Int](repeating: 0, count: limit + 1)
        for d in depth { perLength[Swift.min(limit, Int(Swift.min(d, UInt64(limit))))] += 1 }
        var kraft = 0  // in units of 2^−limit
        for bits in 1...limit { kraft += perLength[bits] << (limit - bits) }
        while kraft > 1 << limit {
            // Take a code off the limit, and split a shorter one into two one bit longer.
            perLength[limit] -= 1
            for bits in stride(from: limit - 1, through: 1, by: -1) where perLength[bits] > 0 {
                perLength[bits] -= 1
                perLength[bits + 1] += 2
                break
            }
            kraft -= 1
        }
        // Shortest codes to the most frequent symbols (the end of `used`).
        var next = used.count
        for bits in 1...limit {
            for _ in 0..<perLength[bits] {
                next -= 1
                lengths[used[next].symbol] = UInt8(bits)
            }
        }
        return lengths
    }

    /// Moffat and Katajainen, "In-place calculation of minimum-redundancy codes" (1995): `a`
    /// holds at least two frequencies in ascending order and is replaced by the Huffman code
    /// length of each.
    private static func minimumRedundancy(_ a: inout [UInt64]) {
        let n = a.count
        guard n > 1 else {
            if n == 1 { a[0] = 1 }
            return
        }
        // Phase 1: internal node weights, with parent pointers left in place.
        a[0] += a[1]
        var root = 0, leaf = 2
        for next in 1..<(n - 1) {
            if leaf >= n || a[root] < a[leaf] {
                a[next] = a[root]
                a[root] = UInt64(next)
                root += 1
            } else {
                a[next] = a[leaf]
                leaf += 1
            }
            if leaf >= n || (root < next && a[root] < a[leaf]) {
                a[next] += a[root]
                a[root] = UInt64(next)
                root += 1
            } else {
                a[next] += a[leaf]
                leaf += 1
            }
        }
        // Phase 2: depths of the internal nodes.
        a[n - 2] = 0
        if n >= 3 {
            for next in stride(from: n - 3, through: 0, by: -1) {
                a[next] = a[Int(a[next])] + 1
            }
        }
        // Phase 3: depths of the leaves.
        var available = 1, usedNodes = 0, depth: UInt64 = 0
        var rootIndex = n - 2, nextIndex = n - 1
        while available > 0 {
            while rootIndex >= 0 && a[rootIndex] == depth {
                usedNodes += 1
                rootIndex -= 1
            }
            while available > usedNodes {
                a[nextIndex] = depth
                nextIndex -= 1
                available -= 1
            }
            available = 2 * usedNodes
            depth += 1
            usedNodes = 0
        }
    }
}
