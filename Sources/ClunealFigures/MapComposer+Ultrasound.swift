import BodyGeometry
import ClunealAnatomy
import ClunealRender
import Foundation

/// The `ultrasound` layer: for each block site with a sourced ultrasound technique, the probe
/// footprint on the skin and the in-plane needle path to the target. Off unless asked
/// (`--layers …,ultrasound`).
extension MapComposer {
    /// Width of the drawn probe footprint, millimetres (a drawing choice).
    static let probeWidthMillimetres = 10.0
    /// Length of the drawn needle path beyond the probe's end, millimetres (a drawing choice).
    static let needleLeadMillimetres = 25.0

    func addUltrasound(to scene: inout Scene) {
        for s in model.injectionSites where shown(s.side) {
            guard let u = s.entry.ultrasound else { continue }
            let angle = u.probeAngleDegrees * .pi / 180
            // The probe's long axis, pointing away from the midline on this side.
            let along = Vector(s.side.sign * cos(angle), sin(angle))
            let across = Vector(-along.dz, along.dx)
            let half = u.footprintMillimetres / 2, w = Self.probeWidthMillimetres / 2
            let p = s.point
            func at(_ a: Double, _ b: Double) -> Point { Point(p.x + along.dx * a + across.dx * b, p.z + along.dz * a + across.dz * b) }
            let group = model.atlas.site(s.entry.site)?.nerve
            let fade = emphasis(group: group, ids: [s.entry.id, s.entry.site])
            var meta = Self.metadata(kind: "ultrasound-probe", side: s.side, sources: u.provenance.sources, fidelity: u.provenance.fidelity)
            meta["site"] = s.entry.id
            scene.add(.path(Self.itemId("\(s.entry.id)-probe", s.side),
                            ScenePath([Subpath(body: [at(-half, -w), at(half, -w), at(half, w), at(-half, w)], closed: true)]),
                            style: Style(fill: theme.injection, fillOpacity: 0.12 * fade,
                                         stroke: StrokeStyle(color: theme.text, widthMm: 0.4, opacity: fade)),
                            title: "Ultrasound probe: \(u.placement)", metadata: meta),
                      to: "ultrasound", title: "Ultrasound probe and needle")
            // In plane: the needle enters beyond the probe's end on the named side and runs to the target.
            let sign = u.needleFrom == "medial" ? -1.0 : 1.0
            let entry = at(sign * (half + Self.needleLeadMillimetres), 0)
            meta["kind"] = "ultrasound-needle"
            scene.add(.path(Self.itemId("\(s.entry.id)-needle", s.side), ScenePath([Subpath(body: [entry, p], closed: false)]),
                            style: .stroke(theme.injection, widthMm: 0.6, opacity: fade, dash: DashPattern([1.5, 0.8])),
                            title: "Needle: \(u.needleApproach)", metadata: meta),
                      to: "ultrasound", title: "Ultrasound probe and needle")
        }
    }
}
