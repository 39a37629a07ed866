import BodyGeometry
@testable import ClunealRender

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SplitMix64: a tiny, reproducible generator (SystemRandomNumberGenerator is not seedable).
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

enum TestSupport {
    /// Rasterises closed contours (pixels) into a coverage mask.
    static func coverage(width: Int, height: Int, rule: FillRule = .nonZero, _ contours: [[PixelPoint]]) -> CoverageMask {
        var r = CoverageRasterizer(width: width, height: height)
        for c in contours { r.addPolygon(c) }
        return r.coverageMask(rule: rule)
    }

    static func area(_ mask: CoverageMask) -> Double {
        mask.values.reduce(0.0) { $0 + Double($1) }
    }

    static func rect(_ x: Float, _ y: Float, _ w: Float, _ h: Float) -> [PixelPoint] {
        [PixelPoint(x, y), PixelPoint(x + w, y), PixelPoint(x + w, y + h), PixelPoint(x, y + h)]
    }

    static func circle(_ cx: Double, _ cy: Double, _ r: Double) -> [PixelPoint] {
        Flattening.ellipse(centre: Vec2(cx, cy), radiusX: r, radiusY: r, rotation: 0).map { PixelPoint(Float($0.x), Float($0.y)) }
    }

    /// Stroke outline coverage for one polyline.
    static func strokeCoverage(width: Int, height: Int, _ points: [PixelPoint], closed: Bool = false,
                               style: StrokeGeometry) -> CoverageMask {
        var r = CoverageRasterizer(width: width, height: height)
        Stroker.outline([(points.map(Vec2.init), closed)], style: style) { r.addContour($0) }
        return r.coverageMask(rule: .nonZero)
    }

    /// A small scene in a 60 × 40 mm page with body viewport x −30...30, z −20...20.
    static func page(width: Double = 60, height: Double = 40) -> PageLayout {
        PageLayout(bodyViewport: Bounds(min: Point(-width / 2, -height / 2), max: Point(width / 2, height / 2)))
    }
}
