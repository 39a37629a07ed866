import BodyGeometry

/// How the body frame sits on the page.
///
/// A map's body is drawn **life size** (``scale`` 1): one body millimetre is one page
/// millimetre, so a PNG whose `pHYs` chunk records the render resolution, or a PDF page of the
/// figure's size, prints at true body size. A figure on a fixed page (the patient
/// handout on A4) draws the body smaller, at ``scale`` page millimetres per body millimetre.
/// The body rectangle ``bodyViewport`` is placed with its top-left corner (`max.x`, `max.z`)
/// at ``viewportOrigin`` on the page.
///
/// It is a **posterior view**: we look at the patient's back, so the patient's left (+x in the
/// body frame) is on the page's left. Page x therefore grows toward −x (the patient's right). This type is the only place where z-up body
/// coordinates become y-down page coordinates.
public struct PageLayout: Hashable, Sendable {
    /// The page, millimetres.
    public var pageSize: PageSize
    /// The part of the body frame that is shown, body millimetres.
    public var bodyViewport: Bounds
    /// Page position of the viewport's top-left corner (body `max.x`, `max.z`), millimetres.
    public var viewportOrigin: PagePoint
    /// Page millimetres per body millimetre: 1 (life size) unless the body is drawn smaller.
    public var scale: Double

    public init(pageSize: PageSize, bodyViewport: Bounds, viewportOrigin: PagePoint, scale: Double = 1) {
        self.pageSize = pageSize
        self.bodyViewport = bodyViewport
        self.viewportOrigin = viewportOrigin
        self.scale = scale
    }

    /// A page just large enough for `bodyViewport` plus `margins`.
    public init(bodyViewport: Bounds, margins: PageInsets = .zero) {
        self.init(
            pageSize: PageSize(width: bodyViewport.width + margins.left + margins.right,
                               height: bodyViewport.height + margins.top + margins.bottom),
            bodyViewport: bodyViewport,
            viewportOrigin: PagePoint(margins.left, margins.top))
    }

    /// The page position of a body point.
    public func pagePoint(_ p: Point) -> PagePoint {
        PagePoint(viewportOrigin.x + (bodyViewport.max.x - p.x) * scale, viewportOrigin.y + (bodyViewport.max.z - p.z) * scale)
    }

    /// The body point under a page position.
    public func bodyPoint(_ p: PagePoint) -> Point {
        Point(bodyViewport.max.x - (p.x - viewportOrigin.x) / scale, bodyViewport.max.z - (p.y - viewportOrigin.y) / scale)
    }

    /// A length on the page: a body length (for something placed in the body) times
    /// ``scale``, or a page length as it is.
    public func pageLength(_ millimetres: Double, at position: ScenePosition) -> Double {
        switch position {
        case .body: millimetres * scale
        case .page: millimetres
        }
    }

    public func pagePoint(_ position: ScenePosition) -> PagePoint {
        switch position {
        case .body(let p): pagePoint(p)
        case .page(let p): p
        }
    }

    /// The viewport as a page rectangle.
    public var viewportRect: PageRect {
        PageRect(x: viewportOrigin.x, y: viewportOrigin.y, width: bodyViewport.width * scale, height: bodyViewport.height * scale)
    }
}
