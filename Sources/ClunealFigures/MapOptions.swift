import BodyGeometry
import ClunealAnatomy
import ClunealRender

/// What a map shows.
public struct MapOptions: Hashable, Sendable {
    /// The drawing layers a caller can switch on and off.
    public enum LayerKind: String, Hashable, Sendable, CaseIterable {
        case outline, territory, bone, fascia, ligament, muscle, nerve, zone, injection, grid, label, legend, measure
        /// The probe footprint and needle path of each ultrasound-guided block site; off by default.
        case ultrasound

        /// What a map draws unless asked otherwise: everything but the optional skin territories
        /// and the ultrasound probes.
        public static let standard: Set<LayerKind> = Set(allCases).subtracting([.territory, .ultrasound])
    }

    /// The part of the body a map shows.
    public enum Region: String, Hashable, Sendable, CaseIterable {
        /// Everything from L1 to the upper thigh.
        case full
        /// The superior nerves' crossing of the iliac crest.
        case crest
        /// The middle nerves' exit beside the sacrum under the long dorsal ligament.
        case sacral
        /// The inferior nerves round the lower border of gluteus maximus and the ischium.
        case gluteal

        /// Where the region is, in a title's words ("beside the sacrum"); nil for the full map.
        public var placeWords: String? {
            switch self {
            case .full: nil
            case .crest: "at the iliac crest"
            case .sacral: "beside the sacrum"
            case .gluteal: "at the lower border of gluteus maximus"
            }
        }

        /// The nerve group whose entrapment sites frame the region (nil for the full map).
        public var group: NerveGroup? {
            switch self {
            case .full: nil
            case .crest: .superior
            case .sacral: .middle
            case .gluteal: .inferior
            }
        }
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

    /// A numbered marker for a blank "name the structure" map: the number is drawn, the answer
    /// goes to a hidden layer (kept in the SVG for a teacher to reveal, left out of the PNG).
    public struct NumberedMarker: Hashable, Sendable {
        public var number: Int
        /// Body frame, millimetres.
        public var position: BodyGeometry.Point
        public var answer: String
        public init(number: Int, position: BodyGeometry.Point, answer: String) {
            self.number = number
            self.position = position
            self.answer = answer
        }
    }

    public var sides: [Side]
    public var layers: Set<LayerKind>
    public var zones: ZoneSelection
    public var highlight: Highlight?
    public var labels: Bool
    public var theme: MapTheme
    /// A second line under the title (the command, a case id...).
    public var subtitle: String?
    /// A line printed above everything else, in red (a red-flag warning).
    public var banner: String?
    /// The title instead of "Cluneal nerves: posterior view, …" (an exam chart's).
    public var title: String?
    /// Page room added above the map under the title (a chart's header), millimetres.
    public var extraTopMillimetres = 0.0
    /// Page room added below the map above the notice (a chart's table), millimetres.
    public var extraBottomMillimetres = 0.0
    /// When not empty, the map is a blank quiz map: numbered markers, no labels, no zones or
    /// block sites, and a legend that names nothing the markers stand on.
    public var quizMarkers: [NumberedMarker] = []
    /// Added in quadrature to each zone's spread when its ±1 and ±2 SD outlines are drawn
    /// (``PlacedZone/outline(standardDeviations:error:count:)``); anatomy-only unless asked.
    public var palpationError: PalpationUncertainty = .anatomyOnly

    /// Text size of the map labels, points on the life-size page (1 pt = 25.4/72 mm); the
    /// legend and notes grow in proportion.
    public var textSizePoints: Double = MapOptions.defaultTextSizePoints
    /// The part of the body shown; every region keeps the life-size scale and the grid.
    public var region: Region = .full

    /// 9 pt: 3.2 mm, readable on an A3 print of the full map and on a slide of one region.
    public static let defaultTextSizePoints = 9.0
    /// The text sizes a map accepts, points.
    public static let textSizeRange: ClosedRange<Double> = 4...36

    /// Paper millimetres per figure millimetre when the figure will be printed scaled (fitted
    /// onto one sheet); 1, the default, is life size. The scale bar's note says which.
    public var printScale: Double = 1

    /// How much the map's labels and quiz markers grow to stay legible when printed smaller:
    /// 1 / ``printScale``, at most 2 (so a map fitted at 41 % prints its 3 mm labels at 2.4 mm,
    /// 7 pt, instead of 1.2 mm). The page furniture (title, legend) keeps its size.
    public var labelScale: Double {
        guard printScale.isFinite, printScale > 0, printScale < 1 else { return 1 }
        return Swift.min(2, 1 / printScale)
    }

    /// True for a blank quiz map.
    public var isQuiz: Bool { !quizMarkers.isEmpty }

    public init(sides: [Side] = Side.allCases, layers: Set<LayerKind> = LayerKind.standard, zones: ZoneSelection = .defaults,
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
