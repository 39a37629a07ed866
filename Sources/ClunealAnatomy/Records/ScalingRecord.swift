import BodyGeometry

/// How the body was scaled, as every command writes it: method, one-line summary, stature
/// ratio and height, sex, the landmark pairs of the fit (mm, body frame) and notes. Numbers
/// are rounded by ``RecordRounding``; absent values are left out.
public struct ScalingRecord: Encodable, Hashable, Sendable {
    public struct PointRecord: Encodable, Hashable, Sendable {
        public let xMillimetres: Double
        public let zMillimetres: Double

        public init(_ p: Point) {
            xMillimetres = RecordRounding.millimetres(p.x)
            zMillimetres = RecordRounding.millimetres(p.z)
        }
    }

    public struct Pair: Encodable, Hashable, Sendable {
        public let landmark: String
        public let side: Side?
        public let reference: PointRecord
        public let target: PointRecord
        /// Which measurement gave the target.
        public let from: String
    }

    public let method: ScalingMethod
    public let summary: String
    public let statureRatio: Double?
    public let statureMillimetres: Double?
    public let sex: Sex?
    public let pairs: [Pair]
    public let notes: [String]

    public init(_ s: Scaling) {
        method = s.method
        summary = s.summary
        statureRatio = s.statureRatio.map(RecordRounding.ratio)
        statureMillimetres = s.statureMillimetres.map(RecordRounding.millimetres)
        sex = s.sex
        pairs = s.pairs.map { Pair(landmark: $0.landmark, side: $0.side, reference: PointRecord($0.reference), target: PointRecord($0.target), from: $0.from) }
        notes = s.notes
    }
}
