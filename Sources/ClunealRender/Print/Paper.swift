/// Office paper a figure can be printed on, and the rules every printed sheet follows.
public enum Paper: String, Hashable, Sendable, CaseIterable {
    /// ISO A4, 210 × 297 mm.
    case a4
    /// US Letter, 8.5 × 11 in (215.9 × 279.4 mm).
    case letter
    /// ISO A3, 297 × 420 mm.
    case a3

    /// Portrait size, millimetres.
    public var portrait: PageSize {
        switch self {
        case .a4: PageSize(width: 210, height: 297)
        case .letter: PageSize(width: 215.9, height: 279.4)
        case .a3: PageSize(width: 297, height: 420)
        }
    }

    /// Landscape size, millimetres.
    public var landscape: PageSize { PageSize(width: portrait.height, height: portrait.width) }

    /// The name printed on sheets ("A4", "Letter").
    public var displayName: String {
        switch self {
        case .a4: "A4"
        case .letter: "Letter"
        case .a3: "A3"
        }
    }

    /// White border kept on every sheet, millimetres: office printers cannot print the outer
    /// 3–6 mm, and crop marks and edge notes sit in it.
    public static let marginMm = 10.0
}
