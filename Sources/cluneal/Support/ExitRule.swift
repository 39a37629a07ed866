import ClunealAnatomy

/// The one rule for usage (64) against data (65) errors:
///
/// - **64** — the value is wrong for any body: out of the fixed human ranges
///   (`MeasurementLimits`, `PalpationLimits`), unreadable, or inconsistent in itself (a
///   landmark given twice, a bilateral landmark without a side).
/// - **65** — the data, or this body: anything read from a file, a value that does not fit
///   the atlas (an unknown landmark id) or this person's scaled body (a point off the crest).
enum ExitRule {
    /// The code for a measurement given by flags (a measurements file is always 65).
    static func code(for error: MeasurementError) -> CLIError.Code {
        switch error {
        case .outOfRange, .unreadable, .sideRequired, .givenTwice: .usage
        case .unknownLandmark, .file: .dataError
        }
    }
}
