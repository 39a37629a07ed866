import BodyGeometry
import ClunealAnatomy
import ClunealPalpation
import ClunealRender

/// A located tender point drawn over the map: the point, the line to its best-matching zone
/// (or the nearest, when nothing matches), the nearest point of that branch's path, the
/// look-alikes it falls in, and the red-flag banner first when there is one.
extension MapComposer {
    /// The map for one finding: its side, every source's zone, the best site brought forward.
    /// `printScale` below 1 is for a map fitted onto a smaller sheet (see ``MapOptions/printScale``).
    public static func forFinding(_ finding: Finding, model: BodyModel, theme: MapTheme = .standard, printScale: Double = 1) -> Scene {
        var options = MapOptions(sides: [finding.tenderPoint.side], zones: .all, theme: theme)
        options.palpationError = finding.palpationError
        options.printScale = printScale
        if let best = finding.bestMatch { options.highlight = .item(best.siteId) }
        if finding.urgentReferral {
            options.banner = "RED FLAGS: urgent medical assessment comes first. " + (finding.screening.referralMessage ?? "")
            // Urgent referral overrides everything: no block site is drawn.
            options.layers.remove(.injection)
        } else if let caution = finding.screening.cautionMessage {
            options.banner = caution
        }
        let composer = MapComposer(model: model, options: options)
        var scene = composer.compose()
        composer.addFinding(finding, to: &scene)
        return scene
    }

    /// Widest line of the verdict label, page millimetres.
    static let verdictWidthMm = 90.0

    func addFinding(_ finding: Finding, to scene: inout Scene) {
        let p = finding.tenderPoint.point
        let layer = LayerID.tenderPoint
        let ink = theme.text
        let target = finding.bestMatch ?? finding.candidates.first { !$0.disputed }
        if let c = target {
            let groupColor = theme.color(c.nerve)
            scene.add(.path("tender-point-to-zone", ScenePath([Subpath(body: [p, c.zone.centre], closed: false)]),
                            style: .stroke(ink, widthMm: 0.5, dash: DashPattern([2, 1.2])),
                            title: "To the centre of \(c.zoneId): \(LengthUnit.centimetres.format(c.distanceMillimetres)), \(LengthUnit.fixed(c.standardScore, 1)) SD"),
                      to: layer, title: "Tender point")
            if let q = c.nearestPathPoint {
                scene.add(.path("tender-point-to-path", ScenePath([Subpath(body: [p, q], closed: false)]),
                                style: .stroke(groupColor, widthMm: 0.6, dash: DashPattern([0.8, 0.8])),
                                title: "Nearest point of \(c.branch): \(LengthUnit.centimetres.format(c.nearestPathMillimetres ?? 0))"),
                          to: layer, title: "Tender point")
                scene.add(.marker("tender-point-path-foot", Marker(at: .body(q), shape: .dot, sizeMm: 1.6, style: .fill(groupColor))),
                          to: layer, title: "Tender point")
            }
            scene.add(.path("tender-point-zone-outline", ScenePath([Subpath(body: c.zone.outline(standardDeviations: 1, error: finding.palpationError), closed: true)]),
                            style: .stroke(groupColor, widthMm: 0.9), title: "\(c.zoneId): mean ± 1 SD"),
                      to: layer, title: "Tender point")
            let verdict = finding.bestMatch == nil
                ? "Nearest: \(c.zone.site.names.short ?? c.siteId), \(LengthUnit.fixed(c.standardScore, 1)) SD (no match within 2 SD)"
                : finding.group.map { g in
                    "Fits the \(g.name) (branches not told apart): search \(g.window.rangeWords)"
                } ?? "Fits \(c.zone.site.names.short ?? c.siteId): \(LengthUnit.fixed(c.standardScore, 1)) SD, \(LengthUnit.centimetres.format(c.distanceMillimetres)) from its centre"
            // Wrapped so that it fits beside the anatomy at any text size.
            let lines = Self.wrap([verdict], fontSizeMm: labelSizeMm, widthMm: Self.verdictWidthMm, maxLines: 4)
            scene.add(.text("label-tender-point-verdict", label(lines.joined(separator: "\n"), at: c.zone.centre, priority: 190, color: ink, weight: .bold)),
                      to: .label, title: "Labels")
        }
        for l in finding.lookAlikes where l.inside {
            scene.add(.ellipse("tender-point-look-alike-\(l.id)", .circle(centre: .body(l.lookAlike.point), radiusMm: l.lookAlike.radius),
                               style: .stroke(theme.disputed, widthMm: 0.5, dash: DashPattern([1.2, 0.8])),
                               title: "Look-alike: \(l.lookAlike.entry.names.en)"), to: layer, title: "Tender point")
            scene.add(.text("label-look-alike-\(l.id)", label("Also fits: \(l.lookAlike.entry.names.short ?? l.lookAlike.entry.names.en)",
                                                              at: l.lookAlike.point, priority: 150, color: theme.mutedText)),
                      to: .label, title: "Labels")
        }
        scene.add(.marker("tender-point", Marker(at: .body(p), shape: .diamond, sizeMm: 5, style: Style(fill: ink, stroke: StrokeStyle(color: theme.background, widthMm: 0.4))),
                          title: "Tender point", metadata: ["kind": "tender-point", "laterality": finding.tenderPoint.side.rawValue]),
                  to: layer, title: "Tender point")
        scene.add(.text("label-tender-point", label("Tender point", at: p, priority: 200, color: ink, weight: .bold)), to: .label, title: "Labels")
    }
}
