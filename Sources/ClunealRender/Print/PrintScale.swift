import BodyGeometry

/// How a print scale is written, everywhere it is stated (the fitted sheet, the map's scale
/// note, the PDF's keywords).
public enum PrintScale {
    /// "43.7 %" (one decimal, nearest), "100 %" at life size.
    public static func percentText(_ scale: Double) -> String {
        scale >= 1 ? "100 %" : "\(DecimalText.fixed(scale * 100, 1)) %"
    }

    /// "1 cm on the paper is 2.29 cm on the body".
    public static func ratioText(_ scale: Double) -> String {
        scale >= 1 ? "1 cm on the paper is 1 cm on the body" : "1 cm on the paper is \(DecimalText.fixed(1 / scale, 2)) cm on the body"
    }
}
