/// A straight-alpha (not premultiplied) sRGB colour, 8 bits per channel.
public struct Color: Hashable, Sendable {
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8
    public var alpha: UInt8

    public init(red: UInt8, green: UInt8, blue: UInt8, alpha: UInt8 = 255) {
        self.red = red
        self.green = green
        self.blue = blue
        self.alpha = alpha
    }

    /// `0xRRGGBB`, opaque.
    public init(rgb: UInt32, alpha: UInt8 = 255) {
        self.init(red: UInt8((rgb >> 16) & 0xFF), green: UInt8((rgb >> 8) & 0xFF), blue: UInt8(rgb & 0xFF), alpha: alpha)
    }

    /// Parses `#RGB`, `#RGBA`, `#RRGGBB` or `#RRGGBBAA` (the `#` is optional); `nil` otherwise.
    public init?(hex: String) {
        var digits = Substring(hex)
        if digits.hasPrefix("#") { digits = digits.dropFirst() }
        var values: [UInt8] = []
        for scalar in digits.unicodeScalars {
            switch scalar.value {
            case 48...57: values.append(UInt8(scalar.value - 48))
            case 65...70: values.append(UInt8(scalar.value - 55))
            case 97...102: values.append(UInt8(scalar.value - 87))
            default: return nil
            }
        }
        switch values.count {
        case 3, 4:
            let v = values.map { $0 * 17 }
            self.init(red: v[0], green: v[1], blue: v[2], alpha: v.count == 4 ? v[3] : 255)
        case 6, 8:
            let v = stride(from: 0, to: values.count, by: 2).map { values[$0] << 4 | values[$0 + 1] }
            self.init(red: v[0], green: v[1], blue: v[2], alpha: v.count == 4 ? v[3] : 255)
        default:
            return nil
        }
    }

    /// `#rrggbb` (alpha not included; see ``opacity``).
    public var hexRGB: String {
        "#" + [red, green, blue].map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
        }.joined()
    }

    /// Alpha as a fraction, 0...1.
    public var opacity: Double { Double(alpha) / 255 }

    /// The colour with its alpha multiplied by `factor` (clamped to 0...1).
    public func multipliedAlpha(_ factor: Double) -> Color {
        let f = factor.isFinite ? Swift.min(1, Swift.max(0, factor)) : 0
        var c = self
        c.alpha = UInt8((Double(alpha) * f).rounded())
        return c
    }

    public static let black = Color(red: 0, green: 0, blue: 0)
    public static let white = Color(red: 255, green: 255, blue: 255)
    public static let clear = Color(red: 0, green: 0, blue: 0, alpha: 0)
}

extension Color: CustomStringConvertible {
    public var description: String { alpha == 255 ? hexRGB : hexRGB + String(alpha, radix: 16).leftPadded(to: 2) }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
