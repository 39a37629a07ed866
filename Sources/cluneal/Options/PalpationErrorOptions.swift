import ArgumentParser
import ClunealAnatomy

/// `--palpation-error DIST`: one SD per axis of the error of a palpated, tape-measured point,
/// added in quadrature to every zone's spread. Absent: the atlas's default.
struct PalpationErrorOptions: ParsableArguments {
    @Option(name: .customLong("palpation-error"), parsing: .unconditional, help: ArgumentHelp(
        "One SD per axis of the error of a palpated, tape-measured point, e.g. 10mm or 1cm (bare numbers are cm); 0 gives anatomy-only scores.",
        discussion: "Default: the atlas's value (10 mm in the default atlas, from Kilby 2012, Robinson 2009 and Aird 2002; see Atlas/README.md).",
        valueName: "length"),
        transform: ArgumentTransforms.palpationError)
    var value: PalpationUncertainty?

    /// The error to use with `atlas`: the flag's value, or the atlas's default.
    func error(for atlas: Atlas) -> PalpationUncertainty { value ?? .atlasDefault(atlas) }
}
