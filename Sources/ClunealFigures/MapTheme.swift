import ClunealAnatomy
import ClunealRender

/// Colours (and, for grayscale, dash patterns) of a map. Every theme must keep the three nerve
/// groups apart and keep text legible on its background.
public struct MapTheme: Hashable, Sendable {
    public enum Name: String, Hashable, Sendable, CaseIterable {
        /// Full colour for screens and slides.
        case standard
        /// Grayscale for black-and-white printers: nerve groups differ by dash pattern.
        case print
        /// The Okabe–Ito palette, distinguishable with the common colour-vision deficiencies.
        case colorblind
    }

    public var name: Name
    public var background: Color
    public var skin: Color
    public var outline: Color
    public var bone: Color
    public var boneFill: Color
    public var fascia: Color
    public var ligament: Color
    public var muscle: Color
    public var gridMinor: Color
    public var gridMajor: Color
    public var text: Color
    public var mutedText: Color
    public var injection: Color
    public var disputed: Color
    /// Nerve and zone colour per group.
    public var superior: Color
    public var middle: Color
    public var inferior: Color
    /// Dash pattern per group (page mm), `nil` for solid.
    public var superiorDash: [Double]?
    public var middleDash: [Double]?
    public var inferiorDash: [Double]?

    public func color(_ group: NerveGroup) -> Color {
        switch group {
        case .superior: superior
        case .middle: middle
        case .inferior: inferior
        }
    }

    /// The group colour darkened for text, so small labels keep their contrast on the skin tone.
    public func textColor(_ group: NerveGroup) -> Color {
        let c = color(group)
        func dark(_ v: UInt8) -> UInt8 { UInt8((Double(v) * 0.62).rounded()) }
        return Color(red: dark(c.red), green: dark(c.green), blue: dark(c.blue))
    }

    public func dash(_ group: NerveGroup) -> DashPattern? {
        let lengths: [Double]?
        switch group {
        case .superior: lengths = superiorDash
        case .middle: lengths = middleDash
        case .inferior: lengths = inferiorDash
        }
        return lengths.flatMap { DashPattern($0) }
    }

    /// How a nerve of `group` is stroked: its colour and dash, with butt caps on dashed
    /// nerves (round caps would close the gaps) and round caps on solid ones.
    public func nerveStroke(_ group: NerveGroup, widthMm: Double, opacity: Double) -> StrokeStyle {
        let dash = dash(group)
        return StrokeStyle(color: color(group), widthMm: widthMm, opacity: opacity, cap: dash == nil ? .round : .butt, dash: dash)
    }

    public static func named(_ name: Name) -> MapTheme {
        switch name {
        case .standard: standard
        case .print: print
        case .colorblind: colorblind
        }
    }

    public static let standard = MapTheme(
        name: .standard, background: .white, skin: Color(rgb: 0xF7E9DF), outline: Color(rgb: 0x8A6F5F),
        bone: Color(rgb: 0x6B6257), boneFill: Color(rgb: 0xE8E1D3), fascia: Color(rgb: 0x7FA7C9),
        ligament: Color(rgb: 0x2F7F7A), muscle: Color(rgb: 0xB0574F), gridMinor: Color(rgb: 0x000000, alpha: 24),
        gridMajor: Color(rgb: 0x000000, alpha: 60), text: Color(rgb: 0x1E1E1E), mutedText: Color(rgb: 0x5E5E5E),
        injection: Color(rgb: 0xC2185B), disputed: Color(rgb: 0x8C8C8C),
        superior: Color(rgb: 0xE07B00), middle: Color(rgb: 0x1B8A3A), inferior: Color(rgb: 0x6A3FB5),
        superiorDash: nil, middleDash: nil, inferiorDash: nil)

    /// Greyscale: the skin and bones light (bone fill 93 % white, mid-grey outline) so the near
    /// black nerves and their dash patterns stand out on a black-and-white print.
    public static let print = MapTheme(
        name: .print, background: .white, skin: Color(rgb: 0xFAFAFA), outline: Color(rgb: 0x707070),
        bone: Color(rgb: 0x7A7A7A), boneFill: Color(rgb: 0xEEEEEE), fascia: Color(rgb: 0xA0A0A0),
        ligament: Color(rgb: 0x404040), muscle: Color(rgb: 0x808080), gridMinor: Color(rgb: 0x000000, alpha: 24),
        gridMajor: Color(rgb: 0x000000, alpha: 60), text: .black, mutedText: Color(rgb: 0x505050),
        injection: .black, disputed: Color(rgb: 0x9A9A9A),
        superior: Color(rgb: 0x111111), middle: Color(rgb: 0x3A3A3A), inferior: Color(rgb: 0x5C5C5C),
        superiorDash: nil, middleDash: [3.0, 1.4], inferiorDash: [0.9, 1.0])

    public static let colorblind = MapTheme(
        name: .colorblind, background: .white, skin: Color(rgb: 0xF3EEE8), outline: Color(rgb: 0x7A7A7A),
        bone: Color(rgb: 0x5A5A5A), boneFill: Color(rgb: 0xE6E2DA), fascia: Color(rgb: 0x56B4E9),
        ligament: Color(rgb: 0x009E73), muscle: Color(rgb: 0x999999), gridMinor: Color(rgb: 0x000000, alpha: 24),
        gridMajor: Color(rgb: 0x000000, alpha: 60), text: .black, mutedText: Color(rgb: 0x555555),
        injection: .black, disputed: Color(rgb: 0x8C8C8C),
        superior: Color(rgb: 0xD55E00), middle: Color(rgb: 0x0072B2), inferior: Color(rgb: 0xCC79A7),
        superiorDash: nil, middleDash: [3.0, 1.4], inferiorDash: [0.9, 1.0])
}
