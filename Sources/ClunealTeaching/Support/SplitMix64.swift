#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A small seeded pseudo-random generator (SplitMix64, Steele, Lea and Flood 2014), so that a
/// quiz made with `--seed N` is the same on every machine and every Swift version.
///
/// `SystemRandomNumberGenerator` cannot be seeded, and the standard library's
/// `random(in:using:)` and `shuffled(using:)` do not promise a stable algorithm, so every draw
/// the quiz makes goes through the helpers below, which are written out here.
public struct SplitMix64: RandomNumberGenerator, Hashable, Sendable {
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A double in [0, 1) with 53 random bits.
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// A double in [lower, upper).
    public mutating func uniform(_ lower: Double, _ upper: Double) -> Double {
        lower + (upper - lower) * unit()
    }

    /// An integer in 0..<n without modulo bias; 0 when `n` ≤ 1.
    public mutating func index(below n: Int) -> Int {
        guard n > 1 else { return 0 }
        let bound = UInt64(n)
        // Reject the low values that would make some residues more likely.
        let threshold = (0 &- bound) % bound
        while true {
            let r = next()
            if r >= threshold { return Int(r % bound) }
        }
    }

    /// A standard normal draw (Box–Muller, cosine branch).
    public mutating func normal() -> Double {
        let u1 = 1 - unit() // (0, 1], so the logarithm is finite
        let u2 = unit()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// One element, or `nil` for an empty array.
    public mutating func element<T>(of items: [T]) -> T? {
        items.isEmpty ? nil : items[index(below: items.count)]
    }

    /// The items in a random order (Fisher–Yates).
    public mutating func shuffled<T>(_ items: [T]) -> [T] {
        var a = items
        var i = a.count - 1
        while i > 0 {
            let j = index(below: i + 1)
            a.swapAt(i, j)
            i -= 1
        }
        return a
    }
}
