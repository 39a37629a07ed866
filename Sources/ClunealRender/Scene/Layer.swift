/// A layer's identity. The page's own kinds are constants (a figure module adds its own); any
/// string works.
public struct LayerID: RawRepresentable, Hashable, Sendable, Comparable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }
    public static func < (a: LayerID, b: LayerID) -> Bool { a.rawValue < b.rawValue }

    public static let outline: LayerID = "outline"
    public static let measure: LayerID = "measure"
    public static let grid: LayerID = "grid"
    public static let label: LayerID = "label"
    public static let legend: LayerID = "legend"
    public static let title: LayerID = "title"
    public static let notice: LayerID = "notice"
}

/// An ordered group of items: one Inkscape layer in the SVG, drawn in order in the PNG.
public struct Layer: Hashable, Sendable {
    public var id: LayerID
    /// The human name (Inkscape's layer label).
    public var title: String
    /// Hidden layers are left out of the PNG and written with `display:none` in the SVG
    /// (for example quiz answers that a teacher can reveal).
    public var isHidden: Bool
    public var metadata: [String: String]
    public var items: [SceneItem]

    public init(id: LayerID, title: String, isHidden: Bool = false, metadata: [String: String] = [:],
                items: [SceneItem] = []) {
        self.id = id
        self.title = title
        self.isHidden = isHidden
        self.metadata = metadata
        self.items = items
    }

    public mutating func add(_ item: SceneItem) { items.append(item) }
}
