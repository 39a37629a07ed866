import BodyGeometry

/// A point on the page, millimetres, origin top-left, y down.
public struct PagePoint: Hashable, Sendable {
    public var x: Double
    public var y: Double
    public init(x: Double, y: Double) { self.x = x; self.y = y }
    public init(_ x: Double, _ y: Double) { self.init(x: x, y: y) }
    public var isFinite: Bool { x.isFinite && y.isFinite }
    public static let zero = PagePoint(0, 0)
}

/// A page size, millimetres.
public struct PageSize: Hashable, Sendable {
    public var width: Double
    public var height: Double
    public init(width: Double, height: Double) { self.width = width; self.height = height }
}

/// An axis-aligned rectangle on the page, millimetres (origin top-left, y down).
public struct PageRect: Hashable, Sendable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }
    public var minX: Double { x }
    public var minY: Double { y }
    public var maxX: Double { x + width }
    public var maxY: Double { y + height }
    public var isFinite: Bool { x.isFinite && y.isFinite && width.isFinite && height.isFinite }
}

/// Margins around the body viewport, millimetres.
public struct PageInsets: Hashable, Sendable {
    public var top: Double, left: Double, bottom: Double, right: Double
    public init(top: Double, left: Double, bottom: Double, right: Double) {
        self.top = top; self.left = left; self.bottom = bottom; self.right = right
    }
    public init(all: Double) { self.init(top: all, left: all, bottom: all, right: all) }
    public static let zero = PageInsets(all: 0)
}

/// Where a drawable thing sits: in **body** millimetres (+x toward the patient's left, +z
/// cranial, origin on the midline at the frame's zero level; drawn life size) or in **page**
/// millimetres (origin at the page's top-left corner, y down; for titles, legends, scale bars
/// and notices that stay put whatever part of the body is shown).
public enum ScenePosition: Hashable, Sendable {
    case body(Point)
    case page(PagePoint)

    public var isFinite: Bool {
        switch self {
        case .body(let p): p.isFinite
        case .page(let p): p.isFinite
        }
    }
}
