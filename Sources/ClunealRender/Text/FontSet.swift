/// The faces a render uses: regular and bold.
///
/// Not `Sendable` (it holds FreeType faces); make one per render or per task.
public final class FontSet {
    public let regular: FontFace
    public let bold: FontFace

    public init(regular: FontFace, bold: FontFace) {
        self.regular = regular
        self.bold = bold
    }

    /// Where Debian's `fonts-dejavu-core` installs DejaVu Sans.
    public static let dejaVuSansPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    public static let dejaVuSansBoldPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

    /// DejaVu Sans and DejaVu Sans Bold from the system font directory. Throws
    /// ``RenderError/fontUnavailable(source:reason:)`` when a file is missing.
    public static func dejaVuSans(regularPath: String = dejaVuSansPath, boldPath: String = dejaVuSansBoldPath) throws(RenderError) -> FontSet {
        FontSet(regular: try FontFace(path: regularPath), bold: try FontFace(path: boldPath))
    }

    /// Faces made from font bytes (for callers that read the files themselves).
    public static func fromBytes(regular: [UInt8], bold: [UInt8]) throws(RenderError) -> FontSet {
        FontSet(regular: try FontFace(bytes: regular, name: "regular font bytes"),
                bold: try FontFace(bytes: bold, name: "bold font bytes"))
    }

    public func face(_ weight: FontWeight) -> FontFace {
        switch weight {
        case .regular: regular
        case .bold: bold
        }
    }
}
