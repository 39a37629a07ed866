/// Points encode as the compact array `[x, z]`, which reads well in hand-written JSON.
extension Point: Codable {
    public init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        let x = try container.decode(Double.self)
        let z = try container.decode(Double.self)
        if !container.isAtEnd {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "a point is [x, z]: exactly two numbers")
        }
        self.init(x: x, z: z)
    }

    /// Encodes to a tenth of a micrometre, so computed points print as `42.0`, not
    /// `42.000000000000014`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        try container.encode(Self.rounded(x))
        try container.encode(Self.rounded(z))
    }

    static func rounded(_ v: Double) -> Double {
        guard v.isFinite, abs(v) < 1e12 else { return v }
        let r = (v * 10_000).rounded() / 10_000
        return r == 0 ? 0 : r
    }
}
