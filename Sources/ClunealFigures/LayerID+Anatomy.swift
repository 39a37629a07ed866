import ClunealRender

/// The layers of the anatomy, deep to superficial, as the figures name them (the SVG's
/// Inkscape layers and `data-kind`s).
extension LayerID {
    public static let bone: LayerID = "bone"
    public static let fascia: LayerID = "fascia"
    public static let ligament: LayerID = "ligament"
    public static let nerve: LayerID = "nerve"
    public static let zone: LayerID = "zone"
    public static let injection: LayerID = "injection"
    public static let tenderPoint: LayerID = "tender-point"
}
