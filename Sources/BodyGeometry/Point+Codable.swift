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

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        try container.encode(x)
        try container.encode(z)
    }
}
