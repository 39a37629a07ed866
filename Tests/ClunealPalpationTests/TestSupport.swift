import BodyGeometry
import ClunealAnatomy
import Foundation
@testable import ClunealPalpation

/// Paths, loaders and shared expectations for the palpation tests.
enum TestFiles {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let atlasFolder = root.appendingPathComponent("Atlas")
    static let fixtures = root.appendingPathComponent("Tests/ClunealPalpationTests/Fixtures")
    static let samples = root.appendingPathComponent("Samples")

    static func input(_ url: URL) throws -> AtlasInput {
        AtlasInput(file: url.path, bytes: [UInt8](try Data(contentsOf: url)))
    }

    static func bytes(_ url: URL) throws -> [UInt8] { [UInt8](try Data(contentsOf: url)) }

    static func defaultAtlas() throws -> Atlas {
        let url = atlasFolder.appendingPathComponent("adult-default.atlas.json")
        let decoded = try AtlasLoader.decode(input(url))
        let sources = try decoded.sourceFileNames.map { try input(url.deletingLastPathComponent().appendingPathComponent($0)) }
        // Small fixture atlases do not carry every id the features rely on.
        return try AtlasLoader.validate(decoded, sourceFiles: sources, requiring: url.lastPathComponent == "adult-default.atlas.json" ? WellKnownId.all : [])
    }

    static func catalogue(_ atlas: Atlas) throws -> SymptomCatalogue {
        try SymptomCatalogue.load(input(atlasFolder.appendingPathComponent("symptoms.json")), atlas: atlas)
    }
}

/// How a body is scaled in the parameterised tests.
enum ScalingCase: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case reference
    case short = "stature 155 cm"
    case tall = "stature 187 cm"
    case similarity = "PSIS 4.6 cm from the midline"
    case affine = "crest 9 cm above the PSIS"
    case thinPlateSpline = "PSIS 4.4 cm and crest 9 cm"

    var measurements: Measurements {
        switch self {
        case .reference: Measurements()
        case .short: Measurements(stature: .centimetres(155))
        case .tall: Measurements(stature: .centimetres(187), sex: .male)
        case .similarity: Measurements(psisFromMidline: .centimetres(4.6))
        case .affine: Measurements(crestSummitAbovePSIS: .centimetres(9))
        case .thinPlateSpline: Measurements(psisFromMidline: .centimetres(4.4), crestSummitAbovePSIS: .centimetres(9))
        }
    }

    var testDescription: String { rawValue }
}

/// A published criterion: a position in an atlas frame, and the nerve it should land on.
struct Criterion: CustomTestStringConvertible, Sendable {
    var name: String
    var position: FramePosition
    /// `nil`: not typical of cluneal entrapment.
    var nerve: NerveGroup?
    var testDescription: String { name }

    static let kuniya = Criterion(name: "Kuniya: on the crest 70 mm from the midline", position: FramePosition(frame: "crest", lateral: 70, vertical: 0), nerve: .superior)
    static let konno = Criterion(name: "Konno: 36 mm lateral, 28.5 mm caudal of the PSIS level", position: FramePosition(frame: "body", lateral: 36, vertical: -28.5), nerve: .middle)
    static let isu = Criterion(name: "Isu: 35 mm caudal of the PSIS", position: FramePosition(frame: "psis", lateral: 0, vertical: -35), nerve: .middle)
    static let icn = Criterion(name: "ICN: lower border of gluteus maximus, 45.8 mm lateral of the ischial tuberosity", position: FramePosition(frame: "gluteal-border", lateral: 45.8, vertical: 0), nerve: .inferior)
    static let paraspinal = Criterion(name: "mid-lumbar paraspinal: 45 mm lateral, 120 mm above the PSIS level", position: FramePosition(frame: "body", lateral: 45, vertical: 120), nerve: nil)

    static let all = [kuniya, konno, isu, icn, paraspinal]

    /// Every published criterion point (a clinical criterion or a cadaver series' mean), with
    /// the nerve group it should land on.
    static let published: [Criterion] = [
        kuniya,
        Criterion(name: "Maigne 1989: on the crest 75 mm from the midline", position: FramePosition(frame: "crest", lateral: 75, vertical: 0), nerve: .superior),
        Criterion(name: "Maigne / Loubser thesis: on the crest 78 mm from the midline", position: FramePosition(frame: "crest", lateral: 78, vertical: 0), nerve: .superior),
        Criterion(name: "Loubser 2017: on the crest 72.1 mm from the midline", position: FramePosition(frame: "crest", lateral: 72.1, vertical: 0), nerve: .superior),
        Criterion(name: "Lu 1998: on the crest 81 mm from the midline", position: FramePosition(frame: "crest", lateral: 81, vertical: 0), nerve: .superior),
        Criterion(name: "Iwanaga 2019: groove 65.3 mm from the midline", position: FramePosition(frame: "crest", lateral: 65.3, vertical: 0), nerve: .superior),
        Criterion(name: "Tubbs 2010: 6.5 cm along the crest", position: FramePosition(frame: "crest-arc", lateral: 65, vertical: 0), nerve: .superior),
        konno,
        Criterion(name: "Isu 2018: 35 mm caudal, slightly lateral of the PSIS", position: FramePosition(frame: "psis", lateral: 5, vertical: -35), nerve: .middle),
        Criterion(name: "Aota 2016: 15 mm caudal of the PSIS", position: FramePosition(frame: "psis", lateral: 0, vertical: -15), nerve: .middle),
        icn,
        Criterion(name: "Ploteau 2017: lateral surface of the ischial tuberosity (PFCN 30.5 mm lateral)", position: FramePosition(frame: "ischial-tuberosity", lateral: 30.5, vertical: 0), nerve: .inferior),
        Criterion(name: "Darnis 2008: under the ischium (perineal branch 24.1 mm distal)", position: FramePosition(frame: "ischial-tuberosity", lateral: 0, vertical: -24.1), nerve: .inferior),
    ]

    /// Points that are not cluneal: they must stay "not typical" with the palpation error included.
    static let notCluneal: [Criterion] = [
        Criterion(name: "L4 spinous process", position: FramePosition(frame: "body", lateral: 0, vertical: 70.8), nerve: nil),
        Criterion(name: "L2 spinous process", position: FramePosition(frame: "body", lateral: 0, vertical: 122.3), nerve: nil),
        Criterion(name: "greater trochanter", position: FramePosition(frame: "body", lateral: 160, vertical: -85), nerve: nil),
        Criterion(name: "coccyx tip", position: FramePosition(frame: "body", lateral: 0, vertical: -90), nerve: nil),
        paraspinal,
        Criterion(name: "lumbosacral paraspinal: 20 mm lateral, 40 mm above the PSIS level", position: FramePosition(frame: "body", lateral: 20, vertical: 40), nerve: nil),
        Criterion(name: "mid-buttock: 100 mm lateral, 50 mm below the PSIS level", position: FramePosition(frame: "body", lateral: 100, vertical: -50), nerve: nil),
    ]
}

/// One loaded atlas and its catalogue, with a body model per scaling case, built once.
struct Fixture: Sendable {
    let atlas: Atlas
    let catalogue: SymptomCatalogue
    let locators: [ScalingCase: Locator]

    static let shared: Result<Fixture, any Error> = Result {
        let atlas = try TestFiles.defaultAtlas()
        var locators: [ScalingCase: Locator] = [:]
        for s in ScalingCase.allCases { locators[s] = Locator(model: try BodyModel(atlas: atlas, measurements: s.measurements)) }
        return Fixture(atlas: atlas, catalogue: try TestFiles.catalogue(atlas), locators: locators)
    }

    static func get() throws -> Fixture { try shared.get() }

    func locator(_ s: ScalingCase) throws -> Locator {
        guard let l = locators[s] else { throw FixtureError.missing }
        return l
    }

    enum FixtureError: Error { case missing }
}

extension BodyModel {
    /// The same physical point written in one of the tape-measure frames.
    func input(for p: Point, side: Side, frame: InputFrame) throws -> TenderPointInput {
        let lateral: Double, vertical: Double
        switch frame {
        case .midline:
            lateral = side.sign * p.x
            vertical = p.z
        case .psis:
            guard let psis = point(ofLandmark: "psis", side: side) else { throw Fixture.FixtureError.missing }
            lateral = side.sign * (p.x - psis.x)
            vertical = p.z - psis.z
        case .crest:
            guard let crest = resolver.curves[side]?["iliac-crest"] else { throw Fixture.FixtureError.missing }
            lateral = side.sign * p.x
            vertical = p.z - (try resolver.height(of: crest, id: "iliac-crest", atX: p.x))
        }
        return TenderPointInput(side: side, frame: frame, lateral: Length(millimetres: lateral), vertical: Length(millimetres: vertical))
    }
}

import Testing
