import ClunealRender
import Foundation

/// Pixel-by-pixel comparison of a PNG with a committed golden image, shared by the engine's
/// and the figures' golden tests.
///
/// Tolerance: every channel of every pixel within ±``channelTolerance`` (rounding
/// differences), except that up to ``outlierFraction`` of the pixels may differ by more (glyph
/// rasterisation can change between FreeType versions). A missing golden fails. To regenerate
/// after an intended change, run once with `CLUNEAL_RECORD_GOLDEN=1`: the file is written and
/// the comparison reports that it recorded (which the tests count as a failure, to say so).
public enum GoldenImage {
    public static let channelTolerance = 2
    public static let outlierFraction = 0.005

    /// What a comparison found.
    public enum Verdict: Equatable, CustomStringConvertible {
        case matches
        case recorded(String)
        case missing(String)
        case sizeDiffers(actual: String, golden: String)
        /// More pixels than allowed differ; the actual image was written to `dump`.
        case differs(outliers: Int, allowed: Int, worstDelta: Int, dump: String)

        public var description: String {
            switch self {
            case .matches: "matches"
            case .recorded(let path): "Recorded \(path); run again without CLUNEAL_RECORD_GOLDEN to compare."
            case .missing(let path): "Missing golden image \(path); record it with CLUNEAL_RECORD_GOLDEN=1."
            case .sizeDiffers(let actual, let golden): "size \(actual), golden \(golden)"
            case .differs(let outliers, let allowed, let worst, let dump):
                "\(outliers) pixels differ by more than \(GoldenImage.channelTolerance) (allowed \(allowed)); worst delta \(worst). Actual image: \(dump)"
            }
        }
    }

    /// Compares the PNG bytes `actual` with the golden PNG at `golden`, or records it there when
    /// the environment has `CLUNEAL_RECORD_GOLDEN=1`.
    public static func compare(_ actual: [UInt8], golden url: URL) throws -> Verdict {
        if ProcessInfo.processInfo.environment["CLUNEAL_RECORD_GOLDEN"] == "1" {
            try Data(actual).write(to: url)
            return .recorded(url.path)
        }
        guard let data = try? Data(contentsOf: url) else { return .missing(url.path) }
        let golden = try PNGDecoder.decode(Array(data))
        let decoded = try PNGDecoder.decode(actual)
        guard golden.width == decoded.width && golden.height == decoded.height else {
            return .sizeDiffers(actual: "\(decoded.width)×\(decoded.height)", golden: "\(golden.width)×\(golden.height)")
        }
        var outliers = 0, worst = 0
        for i in stride(from: 0, to: golden.rgba.count, by: 4) {
            var delta = 0
            for c in 0..<4 { delta = max(delta, abs(Int(golden.rgba[i + c]) - Int(decoded.rgba[i + c]))) }
            worst = max(worst, delta)
            if delta > channelTolerance { outliers += 1 }
        }
        let allowed = Int(Double(golden.width * golden.height) * outlierFraction)
        guard outliers > allowed else { return .matches }
        let dump = FileManager.default.temporaryDirectory.appendingPathComponent(url.lastPathComponent.replacingOccurrences(of: ".png", with: ".actual.png"))
        try? Data(actual).write(to: dump)
        return .differs(outliers: outliers, allowed: allowed, worstDelta: worst, dump: dump.path)
    }
}
