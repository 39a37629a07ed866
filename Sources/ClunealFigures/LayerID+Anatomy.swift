import ClunealRender

/// The layers of the anatomy, deep to superficial, as the figures name them (the SVG's
/// Inkscape layers and `data-kind`s).
extension LayerID {
    /// The muscles' translucent areas, under the bones.
    public static let muscle: LayerID = "muscle"
    public static let bone: LayerID = "bone"
    /// The muscles' dashed edges and the gluteus maximus borders, over the bones.
    public static let muscleEdge: LayerID = "muscle-edge"
    public static let fascia: LayerID = "fascia"
    public static let ligament: LayerID = "ligament"
    public static let nerve: LayerID = "nerve"
    public static let zone: LayerID = "zone"
    public static let injection: LayerID = "injection"
    public static let tenderPoint: LayerID = "tender-point"
}
