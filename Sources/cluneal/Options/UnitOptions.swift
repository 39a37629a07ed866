import ArgumentParser
import ClunealAnatomy

extension LengthUnit: ExpressibleByArgument {}

/// `--units` and `--json`, shared by commands that print.
struct OutputOptions: ParsableArguments {
    @Option(help: "Units for printed distances.")
    var units: DisplayUnit = .cm

    @Flag(help: "Print JSON for programs instead of text for people (millimetres, stable field names).")
    var json = false

    enum DisplayUnit: String, ExpressibleByArgument, CaseIterable {
        case cm, mm
        var lengthUnit: LengthUnit { self == .cm ? .centimetres : .millimetres }
    }

    func format(_ millimetres: Double) -> String { units.lengthUnit.format(millimetres) }

    /// A signed distance with its sign always shown ("+2.0 cm").
    func formatSigned(_ millimetres: Double) -> String {
        let s = format(millimetres)
        return s.hasPrefix("-") ? s : "+" + s
    }
}
