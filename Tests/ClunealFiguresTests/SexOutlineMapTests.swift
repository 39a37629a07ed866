import BodyGeometry
import ClunealAnatomy
import Foundation
import Testing
@testable import ClunealFigures
@testable import ClunealRender

/// `--sex` draws that sex's body outline on the map, and the outline says where it came from.
@Suite("Map outline by sex")
struct SexOutlineMapTests {
    static func outline(_ sex: Sex?) throws -> (points: [Point], item: SceneItem) {
        let atlas = try MapComposerTests.atlas()
        let model = try BodyModel(atlas: atlas, measurements: Measurements(sex: sex))
        let scene = MapComposer(model: model).compose()
        let item = try #require(scene[layer: .outline]?.items.first { $0.metadata["kind"] == "outline" })
        guard case .path(let path, _) = item.content else { throw OutlineError.notAPath }
        let points = path.subpaths.flatMap { $0.points.compactMap { p -> Point? in if case .body(let b) = p { b } else { nil } } }
        return (points, item)
    }

    enum OutlineError: Error { case notAPath }

    /// Half the largest breadth of the drawn outline between the crest and the gluteal fold.
    static func hipHalfBreadth(_ points: [Point]) -> Double {
        points.filter { (-130.0 ... 0).contains($0.z) }.map { abs($0.x) }.max() ?? 0
    }

    @Test func womenAreDrawnWiderAtTheHipsThanMenAndTheMixedOutlineLiesBetween() throws {
        let woman = try Self.outline(.female), man = try Self.outline(.male), mixed = try Self.outline(nil)
        let w = Self.hipHalfBreadth(woman.points), m = Self.hipHalfBreadth(man.points), x = Self.hipHalfBreadth(mixed.points)
        #expect(m < x && x < w, "men \(m), mixed \(x), women \(w)")
        // 15 mm in breadth (cityu-hip-breadth, US 50th percentile), split evenly: 3.75 mm a side.
        #expect(abs((w - m) - 7.5) < 0.2, "\(w - m)")
        // The drawn outline cites the sex's own sourcing, and the mixed one its own.
        #expect(woman.item.metadata["source"]?.contains("cityu-hip-breadth") == true)
        #expect(man.item.metadata["source"]?.contains("cityu-hip-breadth") == true)
        #expect(mixed.item.metadata["source"]?.contains("cityu-hip-breadth") == false)
    }
}
