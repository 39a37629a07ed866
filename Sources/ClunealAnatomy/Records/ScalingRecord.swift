import BodyGeometry

/// How the body was scaled, as every command writes it: method, one-line summary, stature
/// ratio and height, sex (and the landmarks placed for it), the crest-level correction, the landmark pairs of the fit (mm, body frame) and notes. Numbers
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

    /// A measured crest height brought to the bony level (``CrestLevelCorrection``), all mm.
    public struct CrestCorrection: Encodable, Hashable, Sendable {
        public let source: CrestLevelSource
        public let sex: Sex?
        public let measuredMillimetres: Double
        public let offsetMillimetres: Double
        public let bonyMillimetres: Double
    }

    public let method: ScalingMethod
    public let summary: String
    public let statureRatio: Double?
    public let statureMillimetres: Double?
    public let sex: Sex?
    /// Landmarks placed for the sex (``Scaling/sexSpecificLandmarks``); empty without one.
    public let sexSpecificLandmarks: [String]
    /// Left out when no crest height was measured.
    public let crestCorrection: CrestCorrection?
    public let pairs: [Pair]
    public let notes: [String]

    public init(_ s: Scaling) {
        method = s.method
        summary = s.summary
        statureRatio = s.statureRatio.map(RecordRounding.ratio)
        statureMillimetres = s.statureMillimetres.map(RecordRounding.millimetres)
        sex = s.sex
        sexSpecificLandmarks = s.sexSpecificLandmarks
        crestCorrection = s.crestCorrection.map {
            CrestCorrection(source: $0.source, sex: $0.sex, measuredMillimetres: RecordRounding.millimetres($0.measuredMillimetres),
                            offsetMillimetres: RecordRounding.millimetres($0.offsetMillimetres),
                            bonyMillimetres: RecordRounding.millimetres($0.bonyMillimetres))
        }
        pairs = s.pairs.map { Pair(landmark: $0.landmark, side: $0.side, reference: PointRecord($0.reference), target: PointRecord($0.target), from: $0.from) }
        notes = s.notes
    }
}
