import BodyGeometry
import ClunealAnatomy
import ClunealPalpation
import Foundation

/// What `cluneal export` writes, independent of the file format: named markups (points, open
/// curves, closed curves) in the body frame, each point labelled with our id and described by
/// its sources.
///
/// Coordinates: LPS millimetres. The body frame's +x is the patient's left (L) and +z cranial
/// (S), so a body-frame point (x, z) is LPS (x, 0, z): the map is a posterior *view*, and depth
/// (P) is not modelled, so every point lies on the coronal plane through the origin (y = 0).
struct Interchange {
    enum Kind: String {
        case fiducial = "Fiducial"
        case curve = "Curve"
        case closedCurve = "ClosedCurve"
    }

    /// What an item is, for the CSV's `type` column and the markups' colours.
    enum ItemType: String, CaseIterable {
        case landmark, zone, nerve, site
        case tenderPoint = "tender-point"
    }

    struct ControlPoint {
        var label: String
        var description: String
        /// LPS millimetres.
        var position: (x: Double, y: Double, z: Double)
    }

    struct Markup {
        var kind: Kind
        var type: ItemType
        /// The markups node's name in Slicer: our id for curves, a group name for point lists.
        var name: String
        var points: [ControlPoint]
    }

    var markups: [Markup] = []

    /// The categories `--what` chooses from.
    enum Category: String, CaseIterable {
        case landmarks, zones, nerves, sites
    }

    /// Depth of every point (LPS y, millimetres): see the type's note.
    static let depth = 0.0

    static func lps(_ p: Point) -> (x: Double, y: Double, z: Double) { (p.x, depth, p.z) }

    /// `id` on a side: `psis-left`; midline items keep their id.
    static func label(_ id: String, _ side: Side?) -> String { side.map { "\(id)-\($0.rawValue)" } ?? id }

    /// The export of `model`: the categories asked for, on the sides asked for, and the
    /// located tender point (if any) as one more point list.
    init(model: BodyModel, categories: Set<Category>, sides: [Side], finding: Finding?) {
        let atlas = model.atlas
        func wanted(_ side: Side?) -> Bool { side.map(sides.contains) ?? true }
        func described(_ id: String, extra: String? = nil) -> String {
            let item = atlas.item(id)
            var parts: [String] = []
            let sources = (item?.sourceIds ?? []).compactMap { atlas.source($0) }.map(Self.shortCitation)
            parts.append(sources.isEmpty ? "no source" : sources.joined(separator: "; "))
            if let fidelity = item?.fidelity { parts.append(fidelity.rawValue) }
            if let extra { parts.append(extra) }
            return parts.joined(separator: "; ")
        }
        if categories.contains(.landmarks) {
            var points: [ControlPoint] = []
            for l in model.landmarks where wanted(l.side) {
                let label = Self.label(l.entry.id, l.side)
                if let p = l.geometry.asPoint {
                    points.append(ControlPoint(label: label, description: described(l.entry.id), position: Self.lps(p)))
                } else if let line = l.geometry.asPolyline {
                    markups.append(Self.curve(.curve, .landmark, name: label, line.points, description: described(l.entry.id)))
                }
            }
            if !points.isEmpty { markups.insert(Markup(kind: .fiducial, type: .landmark, name: "cluneal-landmarks", points: points), at: 0) }
        }
        if categories.contains(.nerves) {
            for n in model.nerves where wanted(n.side) {
                guard let line = n.geometry.asPolyline else { continue }
                let extra = "\(n.entry.nerve.rawValue) cluneal nerve, branch \(n.entry.branch)"
                markups.append(Self.curve(.curve, .nerve, name: Self.label(n.entry.id, n.side), line.points, description: described(n.entry.id, extra: extra)))
            }
        }
        if categories.contains(.zones) {
            for z in model.zones where wanted(z.side) {
                var extra = "±1 SD outline of \(z.site.nerve.rawValue) cluneal nerve entrapment at \(z.site.id)"
                if z.isDefault { extra += " (the site's default zone)" }
                if z.isDisputed { extra += " (a disputed variant)" }
                markups.append(Self.curve(.closedCurve, .zone, name: Self.label(z.id, z.side), z.outline(standardDeviations: 1, count: Self.zoneOutlinePoints),
                                          description: described(z.id, extra: extra)))
            }
        }
        if categories.contains(.sites) {
            let points = model.injectionSites.filter { wanted($0.side) }.map { s in
                ControlPoint(label: Self.label(s.entry.id, s.side), description: described(s.entry.id, extra: "diagnostic-block site for \(s.entry.site)"),
                             position: Self.lps(s.point))
            }
            if !points.isEmpty { markups.append(Markup(kind: .fiducial, type: .site, name: "cluneal-block-sites", points: points)) }
        }
        if let finding {
            let tp = finding.tenderPoint
            var description = finding.statement
            if let best = finding.bestMatch, let source = atlas.source(best.source) {
                description += " Best match: zone \(best.zoneId), \(LengthUnit.fixed(best.standardScore, 2)) SD; source \(Self.shortCitation(source))."
            }
            markups.append(Markup(kind: .fiducial, type: .tenderPoint, name: "cluneal-tender-point",
                                  points: [ControlPoint(label: "tender-point-\(tp.side.rawValue)", description: description, position: Self.lps(tp.point))]))
        }
    }

    /// Points on a zone's ±1 SD outline.
    static let zoneOutlinePoints = 24

    static func curve(_ kind: Kind, _ type: ItemType, name: String, _ points: [Point], description: String) -> Markup {
        Markup(kind: kind, type: type, name: name, points: points.enumerated().map { i, p in
            ControlPoint(label: "\(name)-\(i + 1)", description: description, position: lps(p))
        })
    }

    /// `Konno et al. 2017 [konno-2017-mcn]`: the source's short citation and our source id.
    static func shortCitation(_ source: SourceEntry) -> String {
        "\(source.shortCitation) [\(source.id)]"
    }

    /// True when every coordinate is a finite number (a markups file cannot hold NaN).
    var allFinite: Bool {
        markups.allSatisfy { m in m.points.allSatisfy { $0.position.x.isFinite && $0.position.y.isFinite && $0.position.z.isFinite } }
    }
}
