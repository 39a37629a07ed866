import ClunealRender
import Foundation

/// A PDF read back by poppler against our own PNG of the same resolved scene, shared by the
/// engine's and the figures' PDF tests.
///
/// Both rasters are averaged over `block` × `block` pixel blocks first, because the two
/// rasterisers anti-alias hairlines and glyph edges differently; a block is an outlier when
/// some channel's averages differ by more than `delta` (0–255).
public enum PDFRasterCheck {
    public struct Result: Sendable {
        public var outliers: Int
        public var blocks: Int
        /// Poppler's page and ours differ by at most a pixel each way.
        public var sizesAgree: Bool
        public var fraction: Double { blocks == 0 ? 1 : Double(outliers) / Double(blocks) }
    }

    /// Writes `resolved` (a scene whose labels are already placed) as a PDF, rasterises it with
    /// `pdftoppm` at `pxPerMm`, and compares it with our PNG of the same scene. When the
    /// fraction is over `keepAbove`, both rasters are kept in the temporary folder under `name`.
    public static func compare(_ resolved: Scene, fonts: FontSet, pxPerMm: Double, block: Int, delta: Int,
                               name: String, keepAbove: Double) throws -> Result {
        let png = try SceneRenderer(fonts: fonts).render(resolved, pxPerMm: pxPerMm)
        let url = try Poppler.temporaryFile(try PDFWriter(fonts: fonts).write(resolved, metadata: PDFMetadata(title: "t")))
        let prefix = url.deletingPathExtension().path
        defer {
            try? FileManager.default.removeItem(at: url)
            try? FileManager.default.removeItem(atPath: prefix + ".png")
        }
        _ = try Poppler.run("pdftoppm", ["-r", "\(pxPerMm * 25.4)", "-png", "-singlefile", url.path, prefix])
        let poppler = try PNGDecoder.decode(Array(try Data(contentsOf: URL(fileURLWithPath: prefix + ".png"))))
        // Page sizes round to whole pixels differently; compare the common area.
        let sizesAgree = abs(poppler.width - png.width) <= 1 && abs(poppler.height - png.height) <= 1
        let ours = png.straightRGBA(), theirs = poppler.rgba
        let bw = min(poppler.width, png.width) / block, bh = min(poppler.height, png.height) / block
        var outliers = 0
        for by in 0..<bh {
            for bx in 0..<bw {
                var a = [0, 0, 0], b = [0, 0, 0]
                for y in (by * block)..<((by + 1) * block) {
                    for x in (bx * block)..<((bx + 1) * block) {
                        let i = (y * png.width + x) * 4, j = (y * poppler.width + x) * 4
                        for c in 0..<3 {
                            a[c] += Int(ours[i + c])
                            b[c] += Int(theirs[j + c])
                        }
                    }
                }
                let worst = (0..<3).map { abs(a[$0] - b[$0]) / (block * block) }.max() ?? 0
                if worst > delta { outliers += 1 }
            }
        }
        let result = Result(outliers: outliers, blocks: bw * bh, sizesAgree: sizesAgree)
        if result.fraction > keepAbove {
            let dump = FileManager.default.temporaryDirectory.appendingPathComponent("cluneal-pdf-\(name)")
            try? Data(try PNGEncoder().encode(png, metadata: PNGMetadata(pxPerMm: pxPerMm))).write(to: dump.appendingPathExtension("ours.png"))
            try? FileManager.default.copyItem(atPath: prefix + ".png", toPath: dump.appendingPathExtension("poppler.png").path)
        }
        return result
    }
}
