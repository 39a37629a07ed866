import Foundation
import Testing
@testable import ClunealRender

/// Timings for a 2000 × 1600 px render. Runs only with `CLUNEAL_BENCH=1`; meaningful only in
/// release: `swift test -c release -Xswiftc -enable-testing --filter BenchmarkTests`.
@Suite struct BenchmarkTests {
    @Test func fullSizeRenderAndEncode() throws {
        guard ProcessInfo.processInfo.environment["CLUNEAL_BENCH"] == "1" else { return }
        let runs = Int(ProcessInfo.processInfo.environment["CLUNEAL_BENCH_RUNS"] ?? "") ?? 9
        let renderer = try SceneRenderer.withSystemFonts()
        // Page 250 × 200 mm at 8 px/mm = 2000 × 1600 px.
        let scene = DemoScene.make(halfWidth: 119, top: 94, bottom: -80)
        let clock = ContinuousClock()
        func median(_ body: () throws -> Void) rethrows -> (Double, Double) {
            var times: [Double] = []
            for _ in 0..<runs {
                let d = try clock.measure(body)
                times.append(Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15)
            }
            times.sort()
            return (times[times.count / 2], times[0])
        }
        var resolved = scene
        let place = try median { resolved = try renderer.resolvingLabels(scene, pxPerMm: 8).scene }
        var image = try renderer.render(resolved, pxPerMm: 8)
        let raster = try median { image = try renderer.render(resolved, pxPerMm: 8) }
        var noText = resolved
        for i in noText.layers.indices { noText.layers[i].items.removeAll { $0.isText } }
        let shapes = try median { _ = try renderer.render(noText, pxPerMm: 8) }
        var fast: [UInt8] = [], small: [UInt8] = []
        let encodeFast = try median { fast = try PNGEncoder(compression: .fast).encode(image, metadata: PNGMetadata(pxPerMm: 8)) }
        let encodeSmall = try median { small = try PNGEncoder(compression: .small).encode(image, metadata: PNGMetadata(pxPerMm: 8)) }
        let rle = PNGEncoder.Compression(level: 1, filters: .paeth, strategy: .runLength)
        var rleBytes: [UInt8] = []
        let encodeRLE = try median { rleBytes = try PNGEncoder(compression: rle).encode(image) }
        let l1up = PNGEncoder.Compression(level: 1, filters: .up)
        var l1Bytes: [UInt8] = []
        let encodeL1 = try median { l1Bytes = try PNGEncoder(compression: l1up).encode(image) }
        var svg = ""
        let svgTime = try median { svg = try SVGWriter().write(resolved) }
        let full = try median { _ = try renderer.renderPNG(scene, pxPerMm: 8) }
        func f(_ t: (Double, Double)) -> String { "median \(String(format: "%.1f", t.0)) ms, min \(String(format: "%.1f", t.1)) ms" }
        print("""
        BENCH \(image.width)×\(image.height), \(runs) runs
        BENCH label placement (resolve):     \(f(place))
        BENCH render, resolved scene:         \(f(raster))
        BENCH   of which shapes only:         \(f(shapes))
        BENCH PNG .fast (level 2, Up):        \(f(encodeFast)), \(fast.count) bytes
        BENCH PNG level 1, Up:                \(f(encodeL1)), \(l1Bytes.count) bytes
        BENCH PNG level 1, Paeth, RLE:        \(f(encodeRLE)), \(rleBytes.count) bytes
        BENCH PNG .small (libdeflate 6):       \(f(encodeSmall)), \(small.count) bytes
        BENCH SVG write:                      \(f(svgTime)), \(svg.utf8.count) bytes
        BENCH renderPNG end to end (.fast):   \(f(full))
        """)
    }
}
