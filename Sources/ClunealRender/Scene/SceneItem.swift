/// One drawable thing with a stable identity.
///
/// `id` becomes the SVG `id` (made XML-safe and unique), `title` the SVG `<title>` (a tooltip
/// in browsers and Inkscape), and each `metadata` entry a `data-<key>` attribute
/// (kind, laterality, source, fidelity, ...).
public struct SceneItem: Hashable, Sendable {
    public enum Content: Hashable, Sendable {
        case path(ScenePath, Style)
        case ellipse(SceneEllipse, Style)
        case text(TextLabel)
        case marker(Marker)
    }

    public var id: String
    public var title: String?
    public var metadata: [String: String]
    public var content: Content

    public init(id: String, title: String? = nil, metadata: [String: String] = [:], content: Content) {
        self.id = id
        self.title = title
        self.metadata = metadata
        self.content = content
    }

    public static func path(_ id: String, _ path: ScenePath, style: Style, title: String? = nil,
                            metadata: [String: String] = [:]) -> SceneItem {
        SceneItem(id: id, title: title, metadata: metadata, content: .path(path, style))
    }

    public static func ellipse(_ id: String, _ ellipse: SceneEllipse, style: Style, title: String? = nil,
                               metadata: [String: String] = [:]) -> SceneItem {
        SceneItem(id: id, title: title, metadata: metadata, content: .ellipse(ellipse, style))
    }

    public static func text(_ id: String, _ label: TextLabel, title: String? = nil,
                            metadata: [String: String] = [:]) -> SceneItem {
        SceneItem(id: id, title: title, metadata: metadata, content: .text(label))
    }

    public static func marker(_ id: String, _ marker: Marker, title: String? = nil,
                              metadata: [String: String] = [:]) -> SceneItem {
        SceneItem(id: id, title: title, metadata: metadata, content: .marker(marker))
    }

    public var isText: Bool {
        if case .text = content { return true }
        return false
    }

    /// Throws when the geometry or style cannot be drawn (non-finite numbers, negative sizes).
    public func validate() throws(RenderError) {
        switch content {
        case .path(let path, let style):
            guard path.isFinite else { throw .invalidItem(id: id, reason: "a path coordinate is not finite") }
            try style.validate(id: id)
        case .ellipse(let e, let style):
            guard e.isValid else { throw .invalidItem(id: id, reason: "ellipse centre, radii or rotation not finite or negative") }
            try style.validate(id: id)
        case .text(let label):
            guard label.anchor.isFinite else { throw .invalidItem(id: id, reason: "label anchor is not finite") }
            guard label.fontSizeMm.isFinite, label.fontSizeMm > 0, label.fontSizeMm < 1_000 else {
                throw .invalidItem(id: id, reason: "font size \(label.fontSizeMm) mm must be within (0, 1000)")
            }
            if let halo = label.halo, !(halo.widthMm.isFinite && halo.widthMm >= 0 && halo.widthMm < 100) {
                throw .invalidItem(id: id, reason: "halo width \(halo.widthMm) mm must be within [0, 100)")
            }
            if case .automatic(let auto) = label.placement {
                guard auto.gapMm.isFinite, auto.gapMm >= 0 else {
                    throw .invalidItem(id: id, reason: "label gap \(auto.gapMm) mm must be finite and non-negative")
                }
                if let leader = auto.leader { try Style(stroke: leader).validate(id: id) }
            }
        case .marker(let m):
            guard m.position.isFinite else { throw .invalidItem(id: id, reason: "marker position is not finite") }
            guard m.sizeMm.isFinite, m.sizeMm >= 0 else { throw .invalidItem(id: id, reason: "marker size \(m.sizeMm) mm is negative or not finite") }
            try m.style.validate(id: id)
        }
    }
}
