import ClunealAnatomy

/// A byte-level reader for the common shapes of a length ("7", "7.5cm", "-28.5 mm", "1.72m"),
/// giving exactly the millimetres ``Length/parse(_:defaultUnit:)`` gives. Anything it does not
/// recognise — exponents, commas, unknown units, long mantissas — goes to `Length.parse`, so
/// results and error messages are those of the one general parser.
enum FastLength {
    /// Exact powers of ten: with a mantissa below 2⁵³ and at most 22 decimals one division is
    /// correctly rounded, the same result as a full decimal-to-binary conversion.
    private static let powersOfTen: [Double] = (0...22).map { k in (0..<k).reduce(1.0) { r, _ in r * 10 } }

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(Length.ParseError) -> Length {
        if let mm = fast(bytes) { return Length(millimetres: mm) }
        return try Length.parse(String(decoding: bytes, as: UTF8.self))
    }

    /// Millimetres, or `nil` when the general parser must decide.
    static func fast(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
        var i = 0, end = b.count
        while i < end, b[i] == 0x20 || b[i] == 0x09 { i += 1 }
        while end > i, b[end - 1] == 0x20 || b[end - 1] == 0x09 { end -= 1 }
        guard i < end else { return nil }
        var negative = false
        if b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") { negative = b[i] == UInt8(ascii: "-"); i += 1 }
        var mantissa: UInt64 = 0
        var digits = 0, decimals = 0
        var sawPoint = false
        while i < end {
            let c = b[i]
            if c >= 0x30, c <= 0x39 {
                // Leading zeros do not count towards the 15 significant digits.
                if mantissa > 0 || c != 0x30 { digits += 1 }
                guard digits <= 15 else { return nil }
                mantissa = mantissa * 10 + UInt64(c - 0x30)
                if sawPoint { decimals += 1 }
                i += 1
            } else if c == UInt8(ascii: "."), !sawPoint {
                sawPoint = true
                i += 1
            } else {
                break
            }
        }
        let numberEnd = i
        // At least one digit: "." alone or "-" alone is for the general parser to refuse.
        guard numberEnd > 0, (0..<numberEnd).contains(where: { b[$0] >= 0x30 && b[$0] <= 0x39 }) else { return nil }
        guard decimals < powersOfTen.count else { return nil }
        while i < end, b[i] == 0x20 { i += 1 }
        let unit: Double
        switch end - i {
        case 0: unit = LengthUnit.centimetres.millimetres
        case 1 where b[i] | 0x20 == UInt8(ascii: "m"): unit = LengthUnit.metres.millimetres
        case 2 where b[i + 1] | 0x20 == UInt8(ascii: "m"):
            switch b[i] | 0x20 {
            case UInt8(ascii: "m"): unit = LengthUnit.millimetres.millimetres
            case UInt8(ascii: "c"): unit = LengthUnit.centimetres.millimetres
            default: return nil
            }
        default: return nil
        }
        let magnitude = Double(mantissa) / powersOfTen[decimals]
        return (negative ? -magnitude : magnitude) * unit
    }
}
