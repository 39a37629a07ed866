import BodyGeometry

/// Millimetres to pixels: the one bridge between the scene (body and page millimetres) and
/// the raster (``PixelPoint``).
///
/// Page millimetres map to pixels by `px = mm × pxPerMm`; body millimetres go through the
/// scene's ``PageLayout`` first (life size, z up → y down). The canvas is the page rounded to
/// whole pixels.
public struct MapTransform: Hashable, Sendable {
    public let layout: PageLayout
    public let pxPerMm: Double
    public let canvasWidth: Int
    public let canvasHeight: Int

    /// Fails for a non-finite or non-positive resolution, an empty page, or a canvas larger
    /// than ``RGBABuffer`` allows.
    public init(layout: PageLayout, pxPerMm: Double) throws(RenderError) {
        guard pxPerMm.isFinite, pxPerMm > 0 else { throw .invalidResolution(pxPerMm: pxPerMm) }
        let size = layout.pageSize
        guard size.width.isFinite, size.height.isFinite, size.width > 0, size.height > 0 else {
            throw .invalidPageSize(width: size.width, height: size.height)
        }
        let (w, h) = Self.canvasExtent(size, pxPerMm: pxPerMm)
        let limit = Double(RGBABuffer.maximumDimension)
        guard w <= limit, h <= limit else {
            throw .canvasTooLarge(width: w <= limit ? Int(w) : RGBABuffer.maximumDimension + 1,
                                  height: h <= limit ? Int(h) : RGBABuffer.maximumDimension + 1)
        }
        self.layout = layout
        self.pxPerMm = pxPerMm
        self.canvasWidth = Swift.max(1, Int(w))
        self.canvasHeight = Swift.max(1, Int(h))
        guard canvasWidth * canvasHeight <= RGBABuffer.maximumPixelCount else {
            throw .canvasTooLarge(width: canvasWidth, height: canvasHeight)
        }
    }

    /// The canvas of a page at a resolution, in whole pixels: the one rounding rule that
    /// sizes the PNG and that every message about its size uses.
    public static func canvasSize(_ page: PageSize, pxPerMm: Double) -> (width: Int, height: Int) {
        let (w, h) = canvasExtent(page, pxPerMm: pxPerMm)
        return (Swift.max(1, Int(Swift.min(w, 1e15))), Swift.max(1, Int(Swift.min(h, 1e15))))
    }

    private static func canvasExtent(_ page: PageSize, pxPerMm: Double) -> (Double, Double) {
        ((page.width * pxPerMm).rounded(), (page.height * pxPerMm).rounded())
    }

    /// The highest resolution (px/mm) whose canvas for `page` ``RGBABuffer`` allows: at most
    /// ``RGBABuffer/maximumDimension`` a side and ``RGBABuffer/maximumPixelCount`` in all.
    public static func maximumPxPerMm(for page: PageSize) -> Double {
        let side = Double(RGBABuffer.maximumDimension)
        var r = Swift.min(side / page.width, side / page.height, (Double(RGBABuffer.maximumPixelCount) / (page.width * page.height)).squareRoot())
        // Step down past rounding so that the canvas at r really fits.
        while r > 0 {
            let (w, h) = canvasSize(page, pxPerMm: r)
            if w <= RGBABuffer.maximumDimension, h <= RGBABuffer.maximumDimension, w * h <= RGBABuffer.maximumPixelCount { break }
            r *= 0.999
        }
        return r
    }

    /// The pixel position of a page point.
    public func pixel(_ p: PagePoint) -> PixelPoint {
        PixelPoint(Float(p.x * pxPerMm), Float(p.y * pxPerMm))
    }

    /// The pixel position of a body point.
    public func pixel(_ p: Point) -> PixelPoint { pixel(layout.pagePoint(p)) }

    public func pixel(_ position: ScenePosition) -> PixelPoint { pixel(layout.pagePoint(position)) }

    /// A length in page millimetres, in pixels.
    public func pixels(mm: Double) -> Float { Float(mm * pxPerMm) }

    /// A length in pixels, in page millimetres.
    public func millimetres(px: Float) -> Double { Double(px) / pxPerMm }

    public func pagePoint(_ p: PixelPoint) -> PagePoint {
        PagePoint(Double(p.x) / pxPerMm, Double(p.y) / pxPerMm)
    }

    public func bodyPoint(_ p: PixelPoint) -> Point { layout.bodyPoint(pagePoint(p)) }

    public func pixelRect(_ r: PageRect) -> PixelRect {
        PixelRect(x: Float(r.x * pxPerMm), y: Float(r.y * pxPerMm),
                  width: Float(r.width * pxPerMm), height: Float(r.height * pxPerMm))
    }

    public func pageRect(_ r: PixelRect) -> PageRect {
        PageRect(x: Double(r.x) / pxPerMm, y: Double(r.y) / pxPerMm,
                 width: Double(r.width) / pxPerMm, height: Double(r.height) / pxPerMm)
    }

    /// The resolution for a PNG `pHYs` chunk: a print at 100 % is life size.
    public var pixelsPerMetre: UInt32 { UInt32(Swift.min(Double(UInt32.max), (pxPerMm * 1000).rounded())) }
}
