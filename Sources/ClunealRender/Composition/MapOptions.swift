import ClunealAnatomy

/// What a map shows.
public struct MapOptions: Hashable, Sendable {
    /// The drawing layers a caller can switch on and off.
    public enum LayerKind: String, Hashable, Sendable, CaseIterable {
        case outline, bone, fascia, ligament, muscle, nerve, zone, injection, grid, label, legend, measure
    }

    /// Which zones to draw.
    public enum ZoneSelection: Hashable, Sendable {
        /// Each site's default zone.
        case defaults
        /// Every source's zone (non-defaults dashed, disputed ones dotted grey).
        case all
        /// Only the zones from one source id.
        case source(String)
    }

    /// What to bring forward; everything else is drawn fainter.
    public enum Highlight: Hashable, Sendable {
        case group(NerveGroup)
        /// A nerve, entrapment site, zone or structure id.
        case item(String)
    }

    public var sides: [Side]
    public var layers: Set<LayerKind>
    public var zones: ZoneSelection
    public var highlight: Highlight?
    public var labels: Bool
    public var theme: MapTheme
    /// A second line under the title (the command, a case id...).
    public var subtitle: String?

    public init(sides: [Side] = Side.allCases, layers: Set<LayerKind> = Set(LayerKind.allCases), zones: ZoneSelection = .defaults,
                highlight: Highlight? = nil, labels: Bool = true, theme: MapTheme = .standard, subtitle: String? = nil) {
        self.sides = sides
        self.layers = layers
        self.zones = zones
        self.highlight = highlight
        self.labels = labels
        self.theme = theme
        self.subtitle = subtitle
    }
}
