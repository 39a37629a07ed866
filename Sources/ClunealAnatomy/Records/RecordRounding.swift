/// How many decimals every machine-readable output keeps, in one place: millimetres to
/// 0.01 mm, standard scores to 0.001 SD, ratios and unit-vector components to 1e-6. A record
/// holds its numbers already rounded, so every encoder of it writes the same digits.
public enum RecordRounding {
    /// Millimetres to 0.01 mm.
    public static func millimetres(_ v: Double) -> Double { rounded(v, 100) }
    /// Standard scores to 0.001 SD.
    public static func standardScore(_ v: Double) -> Double { rounded(v, 1000) }
    /// Dimensionless ratios and unit-vector components to 1e-6.
    public static func ratio(_ v: Double) -> Double { rounded(v, 1_000_000) }

    /// `nil` for a value that is not finite (JSON has no infinity).
    public static func finite(_ v: Double) -> Double? { v.isFinite ? v : nil }

    private static func rounded(_ v: Double, _ scale: Double) -> Double {
        guard v.isFinite else { return v }
        let r = (v * scale).rounded() / scale
        return r == 0 ? 0 : r // no "-0"
    }
}
