import BodyGeometry

/// How the body frame sits on the page.
///
/// The body is drawn **life size**: one body millimetre is one page millimetre, so a PNG whose
/// `pHYs` chunk records the render resolution prints at true anatomical size. The body
/// rectangle ``bodyViewport`` is placed with its top-left corner (`max.x`, `max.z`) at
/// ``viewportOrigin`` on the page.
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

    public init(pageSize: PageSize, bodyViewport: Bounds, viewportOrigin: PagePoint) {
        self.pageSize = pageSize
        self.bodyViewport = bodyViewport
        self.viewportOrigin = viewportOrigin
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
        PagePoint(viewportOrigin.x + (bodyViewport.max.x - p.x), viewportOrigin.y + (bodyViewport.max.z - p.z))
    }

    /// The body point under a page position.
    public func bodyPoint(_ p: PagePoint) -> Point {
        Point(bodyViewport.max.x - (p.x - viewportOrigin.x), bodyViewport.max.z - (p.y - viewportOrigin.y))
    }

    public func pagePoint(_ position: ScenePosition) -> PagePoint {
        switch position {
        case .body(let p): pagePoint(p)
        case .page(let p): p
        }
    }

    /// The viewport as a page rectangle.
    public var viewportRect: PageRect {
        PageRect(x: viewportOrigin.x, y: viewportOrigin.y, width: bodyViewport.width, height: bodyViewport.height)
    }
}
