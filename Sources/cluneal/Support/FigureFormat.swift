/// What a figure is written as, decided from its target: the one rule behind every figure
/// command's checks, its renderer and its "wrote …" line.
enum FigureFormat: Hashable, Sendable {
    case png, svg, pdf

    /// A file by its extension (`.png`, `.svg`, `.pdf`, any case); standard output (`-`) is a
    /// PNG; `nil` for any other name.
    init?(_ target: OutputTarget) {
        if target.isStandardOutput || target.hasSuffix(".png") {
            self = .png
        } else if target.hasSuffix(".svg") {
            self = .svg
        } else if target.hasSuffix(".pdf") {
            self = .pdf
        } else {
            return nil
        }
    }
}
