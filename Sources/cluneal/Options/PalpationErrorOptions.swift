import ArgumentParser
import ClunealAnatomy

/// `--palpation-error DIST`: one SD per axis of the error of a palpated, tape-measured point,
/// added in quadrature to every zone's spread. Absent: the atlas's default.
struct PalpationErrorOptions: ParsableArguments {
    @Option(name: .customLong("palpation-error"), help: ArgumentHelp(
        "One SD per axis of the error of a palpated, tape-measured point, e.g. 10mm or 1cm (bare numbers are cm); 0 gives anatomy-only scores.",
        discussion: "Default: the atlas's value (10 mm in the default atlas, from Kilby 2012, Robinson 2009 and Aird 2002; see Atlas/README.md).",
        valueName: "length"),
        transform: PalpationErrorOptions.parse)
    var value: PalpationUncertainty?

    /// The error to use with `atlas`: the flag's value, or the atlas's default.
    func error(for atlas: Atlas) -> PalpationUncertainty { value ?? .atlasDefault(atlas) }

    static func parse(_ text: String) throws -> PalpationUncertainty {
        let length: Length
        do { length = try Length.parse(text) } catch { throw ValidationError("--palpation-error: \(error.description).") }
        guard let error = PalpationUncertainty(millimetres: length.millimetres) else {
            throw ValidationError("--palpation-error: \(text) is outside 0–\(Int(PalpationUncertainty.range.upperBound)) mm.")
        }
        return error
    }
}
