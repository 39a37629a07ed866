import Foundation
import RenderTestSupport
import Testing
@testable import ClunealRender

/// The small demo scene compared pixel by pixel with a committed golden PNG (tolerance and
/// recording: ``GoldenImage``).
@Suite struct GoldenImageTests {
    static let goldenURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden").appendingPathComponent("demo-small.png")

    @Test func smallDemoSceneMatchesGolden() throws {
        let renderer = try SceneRenderer.withSystemFonts()
        let scene = DemoScene.make(halfWidth: 40, top: 35, bottom: -30)
        let image = try renderer.render(scene, pxPerMm: 3)
        let verdict = try GoldenImage.compare(try PNGEncoder().encode(image, metadata: PNGMetadata(pxPerMm: 3)), golden: Self.goldenURL)
        #expect(verdict == .matches, "\(verdict)")
    }
}
