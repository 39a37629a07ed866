import BodyGeometry

/// How a ``BodyModel`` was fitted to a person. Travels with every output.
public enum ScalingMethod: String, Codable, Hashable, Sendable, CaseIterable {
    /// No measurements: the reference adult as the atlas draws it.
    case reference
    /// Height alone: uniform scaling about the origin by stature / reference stature.
    case stature
    /// A least-squares similarity (scale, rotation) fitted to landmark pairs.
    case similarity
    /// A least-squares affine map fitted to landmark pairs.
    case affine
    /// A thin-plate spline through the landmark pairs (exact at each).
    case thinPlateSpline = "thin-plate-spline"
}

/// One correspondence used in the fit, with the name of what was measured.
public struct ScalingPair: Codable, Hashable, Sendable {
    /// `origin` (the frame's definition), or a landmark id.
    public var landmark: String
    public var side: Side?
    /// Where the atlas puts it after stature scaling (mm, body frame).
    public var reference: Point
    /// Where it is on the person (mm, body frame).
    public var target: Point
    /// Which measurement gave the target ("psisFromMidline", "palpated"...).
    public var from: String
}

/// The chosen method and everything that went into it.
public struct Scaling: Codable, Hashable, Sendable {
    public var method: ScalingMethod
    /// Stature / reference stature, when a height was given.
    public var statureRatio: Double?
    public var statureMillimetres: Double?
    public var sex: Sex?
    /// How a measured crest summit height was brought to the bony level (nil: none measured).
    public var crestCorrection: CrestLevelCorrection?
    /// Landmarks placed by the person's sex before the fit (atlas `bySex` variants), by id.
    public var sexSpecificLandmarks: [String]
    public var pairs: [ScalingPair]
    /// Fallbacks taken and other things a reader should know.
    public var notes: [String]

    public init(method: ScalingMethod, statureRatio: Double?, statureMillimetres: Double?, sex: Sex?,
                crestCorrection: CrestLevelCorrection? = nil, sexSpecificLandmarks: [String] = [],
                pairs: [ScalingPair], notes: [String]) {
        self.method = method
        self.statureRatio = statureRatio
        self.statureMillimetres = statureMillimetres
        self.sex = sex
        self.crestCorrection = crestCorrection
        self.sexSpecificLandmarks = sexSpecificLandmarks
        self.pairs = pairs
        self.notes = notes
    }

    /// Records written before the crest correction and sex variants existed still read.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(method: try c.decode(ScalingMethod.self, forKey: .method),
                  statureRatio: try c.decodeIfPresent(Double.self, forKey: .statureRatio),
                  statureMillimetres: try c.decodeIfPresent(Double.self, forKey: .statureMillimetres),
                  sex: try c.decodeIfPresent(Sex.self, forKey: .sex),
                  crestCorrection: try c.decodeIfPresent(CrestLevelCorrection.self, forKey: .crestCorrection),
                  sexSpecificLandmarks: try c.decodeIfPresent([String].self, forKey: .sexSpecificLandmarks) ?? [],
                  pairs: try c.decode([ScalingPair].self, forKey: .pairs),
                  notes: try c.decode([String].self, forKey: .notes))
    }

    /// One line for text output and PNG metadata.
    public var summary: String {
        var parts = [method.rawValue]
        if let r = statureRatio, let h = statureMillimetres {
            parts.append("height \(LengthUnit.centimetres.format(h)) (ratio \(LengthUnit.fixed(r, 3)))")
        }
        if let sex {
            let placed = sexSpecificLandmarks.isEmpty ? "" : " (\(sexSpecificLandmarks.joined(separator: ", ")) placed for the sex)"
            parts.append("sex \(sex.rawValue)\(placed)")
        }
        if let crestCorrection { parts.append(crestCorrection.summary) }
        let measured = pairs.filter { $0.landmark != "origin" }
        if !measured.isEmpty {
            let names = measured.map { p in p.side.map { "\(p.landmark) \($0.rawValue)" } ?? p.landmark }
            parts.append("\(measured.count) landmark\(measured.count == 1 ? "" : "s"): \(names.joined(separator: ", "))")
        }
        return parts.joined(separator: "; ")
    }
}
