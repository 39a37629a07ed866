import ClunealPalpation
/// 3D Slicer markups (`.mrk.json`, schema v1.0.3): one markups node per ``Interchange/Markup``.
enum SlicerMarkups {
    static let schema = "https://raw.githubusercontent.com/slicer/slicer/master/Modules/Loadable/Markups/Resources/Schema/markups-schema-v1.0.3.json#"

    /// The identity orientation as Slicer writes it in an LPS file (RAS axes seen from LPS).
    static let orientation: [Double] = [-1, 0, 0, 0, -1, 0, 0, 0, 1]

    static func encode(_ interchange: Interchange) -> [UInt8] {
        var w = JSONWriter(pretty: true)
        w.beginObject()
        w.field("@schema", schema)
        w.key("markups")
        w.beginArray()
        for m in interchange.markups { markup(m, into: &w) }
        w.endArray()
        w.endObject()
        w.newline()
        return w.bytes
    }

    private static func markup(_ m: Interchange.Markup, into w: inout JSONWriter) {
        w.beginObject()
        w.field("type", m.kind.rawValue)
        w.field("name", m.name)
        w.field("coordinateSystem", "LPS")
        w.field("coordinateUnits", "mm")
        w.field("locked", true)
        w.field("fixedNumberOfControlPoints", false)
        w.field("labelFormat", "%N-%d")
        w.key("controlPoints")
        w.beginArray()
        for (i, p) in m.points.enumerated() {
            w.beginObject()
            w.field("id", String(i + 1))
            w.field("label", p.label)
            w.field("description", p.description)
            w.field("associatedNodeID", "")
            w.key("position")
            w.beginArray()
            w.number(p.position.x, places: 3)
            w.number(p.position.y, places: 3)
            w.number(p.position.z, places: 3)
            w.endArray()
            w.key("orientation")
            w.beginArray()
            for v in orientation { w.number(v, places: 0) }
            w.endArray()
            w.field("selected", true)
            w.field("locked", true)
            w.field("visibility", true)
            w.field("positionStatus", "defined")
            w.endObject()
        }
        w.endArray()
        w.key("measurements")
        w.beginArray()
        w.endArray()
        w.key("display")
        w.beginObject()
        w.field("visibility", true)
        w.field("opacity", 1.0)
        w.key("color")
        w.beginArray()
        for c in color(m.type) { w.number(c, places: 3) }
        w.endArray()
        w.field("pointLabelsVisibility", m.kind == .fiducial)
        w.field("propertiesLabelVisibility", m.kind != .fiducial)
        w.field("textScale", 2.0)
        w.field("glyphType", "Sphere3D")
        w.field("glyphScale", m.type == .tenderPoint ? 2.0 : 1.0)
        w.endObject()
        w.endObject()
    }

    /// RGB in 0...1, by kind of item (the map's colours, roughly).
    static func color(_ type: Interchange.ItemType) -> [Double] {
        switch type {
        case .landmark: [0.2, 0.4, 0.9]
        case .zone: [0.85, 0.2, 0.2]
        case .nerve: [0.95, 0.8, 0.1]
        case .site: [0.1, 0.65, 0.3]
        case .tenderPoint: [0.8, 0.1, 0.7]
        }
    }
}

/// The plain CSV: `name,x,y,z,type`, one row per point (curves point by point, in order),
/// LPS millimetres, RFC 4180 quoting, CRLF line ends as RFC 4180 has them.
enum PointsCSV {
    static let header = "name,x,y,z,type"

    static func encode(_ interchange: Interchange) -> [UInt8] {
        var out = Array((header + "\r\n").utf8)
        // Micrometres: the 0.001 mm the format has always had.
        func micrometres(_ v: Double) -> Double {
            let r = (v * 1000).rounded() / 1000
            return r == 0 ? 0 : r
        }
        for m in interchange.markups {
            for p in m.points {
                var line = CSVRow()
                line.text(p.label, &out)
                line.number(micrometres(p.position.x), &out)
                line.number(micrometres(p.position.y), &out)
                line.number(micrometres(p.position.z), &out)
                line.word(m.type.rawValue, &out)
                out.append(contentsOf: Array("\r\n".utf8))
            }
        }
        return out
    }
}
