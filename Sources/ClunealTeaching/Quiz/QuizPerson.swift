import ClunealAnatomy

/// The person a quiz question is about: generated, or the one measured at the command line.
/// Stored as plain millimetres so that it survives JSON and rebuilds the same ``BodyModel``.
public struct QuizPerson: Codable, Hashable, Sendable {
    public var statureMillimetres: Double?
    public var sex: Sex?
    public var psisFromMidlineMillimetres: Double?
    public var crestSummitAbovePSISMillimetres: Double?
    /// How the crest summit height was found (nil: palpation, the default).
    public var crestSummitSource: CrestLevelSource?
    public var bicristalWidthMillimetres: Double?
    public var landmarks: [Landmark]
    /// True when the quiz made the person up.
    public var generated: Bool
    /// How the body was fitted to the person.
    public var scaling: Scaling

    /// A palpated landmark, body frame, millimetres.
    public struct Landmark: Codable, Hashable, Sendable {
        public var id: String
        public var side: Side?
        public var lateralMillimetres: Double
        public var verticalMillimetres: Double
    }

    public init(_ m: Measurements, generated: Bool, scaling: Scaling) {
        statureMillimetres = m.stature?.millimetres
        sex = m.sex
        psisFromMidlineMillimetres = m.psisFromMidline?.millimetres
        crestSummitAbovePSISMillimetres = m.crestSummitAbovePSIS?.millimetres
        crestSummitSource = m.crestSummitSource
        bicristalWidthMillimetres = m.bicristalWidth?.millimetres
        landmarks = m.palpated.map { Landmark(id: $0.id, side: $0.side, lateralMillimetres: $0.lateral.millimetres, verticalMillimetres: $0.vertical.millimetres) }
        self.generated = generated
        self.scaling = scaling
    }

    /// The measurements again, to rebuild the body (for a map drawn later).
    public var measurements: Measurements {
        Measurements(stature: statureMillimetres.map(Length.init(millimetres:)), sex: sex,
                     psisFromMidline: psisFromMidlineMillimetres.map(Length.init(millimetres:)),
                     crestSummitAbovePSIS: crestSummitAbovePSISMillimetres.map(Length.init(millimetres:)),
                     crestSummitSource: crestSummitSource,
                     bicristalWidth: bicristalWidthMillimetres.map(Length.init(millimetres:)),
                     palpated: landmarks.map {
                         PalpatedLandmark(id: $0.id, side: $0.side, lateral: Length(millimetres: $0.lateralMillimetres),
                                          vertical: Length(millimetres: $0.verticalMillimetres))
                     })
    }

    /// "a 176 cm woman; PSIS dimples 4.2 cm from the midline".
    public func description(unit: LengthUnit) -> String {
        let noun = sex.map { $0 == .female ? "woman" : "man" } ?? "adult"
        var head: String
        if let h = statureMillimetres {
            let cm = h / 10
            let whole = (cm - cm.rounded()).magnitude < 0.05
            head = "a \(LengthUnit.fixed(cm, whole ? 0 : 1)) cm \(noun)"
        } else if generated || !landmarks.isEmpty || psisFromMidlineMillimetres != nil || crestSummitAbovePSISMillimetres != nil {
            head = sex == nil ? "an adult" : "a \(noun)"
        } else {
            head = "the reference adult"
        }
        var facts: [String] = []
        if let d = psisFromMidlineMillimetres { facts.append("PSIS dimples \(unit.format(d)) from the midline") }
        if let d = crestSummitAbovePSISMillimetres {
            facts.append("crest summit \(unit.format(d)) above the PSIS level\(crestSummitSource == .imaging ? " on imaging" : "")")
        }
        if let d = bicristalWidthMillimetres { facts.append("bicristal breadth \(unit.format(d))") }
        if !landmarks.isEmpty { facts.append("\(landmarks.count) palpated landmark\(landmarks.count == 1 ? "" : "s")") }
        if !facts.isEmpty { head += "; " + facts.joined(separator: ", ") }
        return head
    }
}
