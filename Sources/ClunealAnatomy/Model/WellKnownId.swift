/// An atlas id the code relies on, declared once with the kind of item it must be and the
/// features that need it. ``AtlasValidator`` requires every one of ``all``, so an atlas that
/// lacks one fails `atlas validate` (naming the feature) instead of failing later in a walk,
/// a quiz or a map. Code refers to these constants, never to the id as a string literal
/// (a test scans the sources for that).
public struct WellKnownId: Hashable, Sendable, CustomStringConvertible {
    /// Where in the atlas the id lives.
    public enum Kind: String, Hashable, Sendable {
        case frame, landmark, structure, nerve, entrapmentSite, zone, lookAlike
    }

    public let id: String
    public let kind: Kind
    /// What stops working without it.
    public let neededBy: String

    public var description: String { id }

    // Frames (the tape-measure frames of `locate --from`).
    public static let bodyFrame = WellKnownId(id: "body", kind: .frame, neededBy: "locate --from midline, the quiz")
    public static let psisFrame = WellKnownId(id: "psis", kind: .frame, neededBy: "locate --from psis")
    public static let crestFrame = WellKnownId(id: "crest", kind: .frame, neededBy: "locate --from crest, the quiz")
    public static let crestArcFrame = WellKnownId(id: "crest-arc", kind: .frame, neededBy: "the quiz")

    // Landmarks.
    public static let psis = WellKnownId(id: "psis", kind: .landmark,
                                         neededBy: "scaling (psis-from-midline), block-site offsets, tender-point messages, maps, walks, handouts")
    public static let crestSummit = WellKnownId(id: "crest-summit", kind: .landmark, neededBy: "scaling (crest-height), maps, walks, the quiz")
    public static let posteriorMidline = WellKnownId(id: "posterior-midline", kind: .landmark, neededBy: "maps, walks")
    public static let intercristalLine = WellKnownId(id: "intercristal-line", kind: .landmark, neededBy: "map markers")
    public static let s2Level = WellKnownId(id: "s2-level", kind: .landmark, neededBy: "the middle cluneal walk")
    public static let s3Tubercle = WellKnownId(id: "s3-tubercle", kind: .landmark, neededBy: "the middle cluneal walk")
    public static let greaterTrochanter = WellKnownId(id: "greater-trochanter", kind: .landmark, neededBy: "map markers, the inferior cluneal walk")
    public static let ischialTuberosity = WellKnownId(id: "ischial-tuberosity", kind: .landmark, neededBy: "map markers, the inferior cluneal walk")
    public static let glutealFold = WellKnownId(id: "gluteal-fold", kind: .landmark, neededBy: "the inferior cluneal walk")
    public static let erectorSpinaeLateralBorder = WellKnownId(id: "erector-spinae-lateral-border", kind: .landmark, neededBy: "map markers")

    // Structures.
    public static let iliacCrest = WellKnownId(id: "iliac-crest", kind: .structure, neededBy: "scaling (bicristal width), maps, walks, handouts, the quiz")
    public static let thoracolumbarFascia = WellKnownId(id: "tlf-posterior-layer", kind: .structure, neededBy: "handouts")
    public static let longDorsalSacroiliacLigament = WellKnownId(id: "long-dorsal-sacroiliac-ligament", kind: .structure, neededBy: "the middle cluneal walk")
    public static let gluteusMaximusUpperBorder = WellKnownId(id: "gluteus-maximus-upper-border", kind: .structure, neededBy: "handouts")
    public static let gluteusMaximusLowerBorder = WellKnownId(id: "gluteus-maximus-lower-border", kind: .structure, neededBy: "handouts, the inferior cluneal walk")
    public static let lumbarSpinousProcesses = WellKnownId(id: "lumbar-spinous-processes", kind: .structure, neededBy: "map markers")

    // Nerve branches, entrapment sites, zones and look-alikes the walks name.
    public static let scnMedial = WellKnownId(id: "scn-medial", kind: .nerve, neededBy: "the superior cluneal walk")
    public static let scnIntermediate = WellKnownId(id: "scn-intermediate", kind: .nerve, neededBy: "the superior cluneal walk")
    public static let scnLateral = WellKnownId(id: "scn-lateral", kind: .nerve, neededBy: "the superior cluneal walk")
    public static let scnMedialTunnel = WellKnownId(id: "scn-medial-tunnel", kind: .entrapmentSite, neededBy: "the superior cluneal walk, the quiz")
    public static let scnIntermediateCrest = WellKnownId(id: "scn-intermediate-crest", kind: .entrapmentSite, neededBy: "the superior cluneal walk, the quiz")
    public static let scnLateralCrest = WellKnownId(id: "scn-lateral-crest", kind: .entrapmentSite, neededBy: "the superior cluneal walk, the quiz")
    public static let mcnLDSL = WellKnownId(id: "mcn-ldsl", kind: .entrapmentSite, neededBy: "the middle cluneal walk")
    public static let icnGlutealBorder = WellKnownId(id: "icn-gluteal-border", kind: .entrapmentSite, neededBy: "the inferior cluneal walk")
    public static let pfcnTrunk = WellKnownId(id: "pfcn-trunk", kind: .nerve, neededBy: "the inferior cluneal walk")
    public static let icnIschial = WellKnownId(id: "icn-ischial", kind: .entrapmentSite, neededBy: "the inferior cluneal walk")
    public static let mcnLDSLIsu = WellKnownId(id: "mcn-ldsl.isu-2018", kind: .zone, neededBy: "the middle cluneal walk")
    public static let sijFortinPoint = WellKnownId(id: "sij-fortin-point", kind: .lookAlike, neededBy: "the middle cluneal walk")
    public static let sijMurakamiArea = WellKnownId(id: "sij-murakami-area", kind: .lookAlike, neededBy: "the middle cluneal walk")

    /// Every id the validator requires.
    public static let all: [WellKnownId] = [
        bodyFrame, psisFrame, crestFrame, crestArcFrame,
        psis, crestSummit, posteriorMidline, intercristalLine, s2Level, s3Tubercle, greaterTrochanter, ischialTuberosity, glutealFold,
        erectorSpinaeLateralBorder,
        iliacCrest, thoracolumbarFascia, longDorsalSacroiliacLigament, gluteusMaximusUpperBorder, gluteusMaximusLowerBorder, lumbarSpinousProcesses,
        scnMedial, scnIntermediate, scnLateral, scnMedialTunnel, scnIntermediateCrest, scnLateralCrest, mcnLDSL, icnGlutealBorder, pfcnTrunk, icnIschial, mcnLDSLIsu,
        sijFortinPoint, sijMurakamiArea,
    ]
}
