import Foundation
import Testing
@testable import ClunealRender

/// The small demo scene compared pixel by pixel with a committed golden PNG.
///
/// Tolerance: every channel of every pixel within ±2 (rounding differences), except that up to
/// 0.5 % of the pixels may differ by more (glyph rasterisation can change between FreeType
/// versions). A missing golden fails. To regenerate after an intended change, run once with
/// `CLUNEAL_RECORD_GOLDEN=1`: the file is written and the test fails to say so.
@Suite struct GoldenImageTests {
    static let goldenURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden").appendingPathComponent("demo-small.png")
    static let channelTolerance = 2
    static let outlierFraction = 0.005

    @Test func smallDemoSceneMatchesGolden() throws {
        let renderer = try SceneRenderer.withSystemFonts()
        let scene = DemoScene.make(halfWidth: 40, top: 35, bottom: -30)
        let image = try renderer.render(scene, pxPerMm: 3)
        try Self.compare(try PNGEncoder().encode(image, metadata: PNGMetadata(pxPerMm: 3)), golden: "demo-small.png")
    }

    /// Compares `actual` with the golden PNG `name` (tolerance above), or records it when
    /// `CLUNEAL_RECORD_GOLDEN=1` (and fails, to say so).
    static func compare(_ actual: [UInt8], golden name: String) throws {
        let url = goldenURL.deletingLastPathComponent().appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["CLUNEAL_RECORD_GOLDEN"] == "1" {
            try Data(actual).write(to: url)
            Issue.record("Recorded \(url.path); run again without CLUNEAL_RECORD_GOLDEN to compare.")
            return
        }
        guard let data = try? Data(contentsOf: url) else {
            Issue.record("Missing golden image \(url.path); record it with CLUNEAL_RECORD_GOLDEN=1.")
            return
        }
        let golden = try PNGDecoder.decode(Array(data))
        let decoded = try PNGDecoder.decode(actual)
        try #require(golden.width == decoded.width && golden.height == decoded.height,
                     "size \(decoded.width)×\(decoded.height), golden \(golden.width)×\(golden.height)")
        var outliers = 0, worst = 0
        for i in stride(from: 0, to: golden.rgba.count, by: 4) {
            var delta = 0
            for c in 0..<4 { delta = max(delta, abs(Int(golden.rgba[i + c]) - Int(decoded.rgba[i + c]))) }
            worst = max(worst, delta)
            if delta > channelTolerance { outliers += 1 }
        }
        let allowed = Int(Double(golden.width * golden.height) * outlierFraction)
        if outliers > allowed {
            let dump = FileManager.default.temporaryDirectory.appendingPathComponent(name.replacingOccurrences(of: ".png", with: ".actual.png"))
            try? Data(actual).write(to: dump)
            Issue.record("\(outliers) pixels differ by more than \(channelTolerance) (allowed \(allowed)); worst delta \(worst). Actual image: \(dump.path)")
        }
    }
}
