import Foundation
import Testing
@testable import ClunealRender

/// Writes the demo scene as PNG and SVG to `$CLUNEAL_DEMO_DIR` when that is set (for looking
/// at the output); does nothing otherwise.
@Suite struct DemoOutputTests {
    @Test func writeDemoWhenAsked() throws {
        guard let dir = ProcessInfo.processInfo.environment["CLUNEAL_DEMO_DIR"] else { return }
        let scale = Double(ProcessInfo.processInfo.environment["CLUNEAL_DEMO_PX_PER_MM"] ?? "") ?? 3
        let renderer = try SceneRenderer.withSystemFonts()
        let resolved = try renderer.resolvingLabels(DemoScene.make(), pxPerMm: scale)
        let png = try renderer.renderPNG(resolved.scene, pxPerMm: scale, text: [PNGText(PNGText.Keyword.title, "demo")])
        try Data(png).write(to: URL(fileURLWithPath: dir).appendingPathComponent("demo.png"))
        let svg = try SVGWriter(matching: renderer.fonts).write(resolved.scene)
        try Data(svg.utf8).write(to: URL(fileURLWithPath: dir).appendingPathComponent("demo.svg"))
        print("dropped labels: \(resolved.dropped)")
        // Optional magnified crops: CLUNEAL_DEMO_CROPS="x,y,w,h,zoom;..." (pixels).
        let image = try PNGDecoder.decode(png)
        for (n, spec) in (ProcessInfo.processInfo.environment["CLUNEAL_DEMO_CROPS"] ?? "").split(separator: ";").enumerated() {
            let v = spec.split(separator: ",").compactMap { Int($0) }
            guard v.count == 5 else { continue }
            var crop = try RGBABuffer(width: v[2] * v[4], height: v[3] * v[4])
            for y in 0..<crop.height {
                for x in 0..<crop.width {
                    let c = image.pixel(x: v[0] + x / v[4], y: v[1] + y / v[4]) ?? .clear
                    let i = (y * crop.width + x) * 4
                    crop.premultiplied[i] = c.red; crop.premultiplied[i + 1] = c.green
                    crop.premultiplied[i + 2] = c.blue; crop.premultiplied[i + 3] = c.alpha
                }
            }
            let bytes = try PNGEncoder().encode(crop)
            try Data(bytes).write(to: URL(fileURLWithPath: dir).appendingPathComponent("crop\(n).png"))
        }
    }
}
