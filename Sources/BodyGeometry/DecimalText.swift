/// Numbers as people read them on a figure or in a report: the one rounding rule every output
/// uses (lengths in ClunealAnatomy, print scales in ClunealRender).
public enum DecimalText {
    /// `v` with exactly `places` decimals, no locale, no exponent; never "-0.0".
    public static func fixed(_ v: Double, _ places: Int) -> String {
        guard v.isFinite else { return v.isNaN ? "nan" : (v > 0 ? "inf" : "-inf") }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let r = (v * scale).rounded()
        // Beyond 2^53 a Double holds no fraction and may not fit an Int: an absurd value (a
        // typo of 1e20 cm) is written in Swift's shortest form rather than trapping.
        guard abs(r) < 9.0e15 else { return String(v) }
        let negative = r < 0
        let whole = Int(abs(r) / scale)
        var s = (negative ? "-" : "") + String(whole)
        if places > 0 {
            let frac = Int((abs(r) - Double(whole) * scale).rounded())
            let digits = String(frac)
            s += "." + String(repeating: "0", count: Swift.max(0, places - digits.count)) + digits
        }
        // Never print a negative zero ("-0.0").
        let isZero = s.allSatisfy { $0 == "-" || $0 == "0" || $0 == "." }
        return negative && isZero ? String(s.dropFirst()) : s
    }
}
