import ArgumentParser
import BodyGeometry
import ClunealAnatomy

/// `cluneal atlas show ID`: one item with its geometry in the body frame, scaled to a person.
struct AtlasShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one atlas item with its geometry in the body frame, scaled when measurements are given.")

    @Argument(help: "Id of the item (see `cluneal atlas list`).")
    var id: String

    @Option(help: "Only this side (the patient's).")
    var side: Side?

    @OptionGroup var atlasOptions: AtlasOptions
    @OptionGroup var measurementOptions: MeasurementOptions
    @OptionGroup var output: OutputOptions

    struct SidedGeometry: Encodable {
        var side: String
        var kind: String
        /// Points as [x, z] in millimetres.
        var pointsMillimetres: [Point]
        var widthsMillimetres: [Double]?
    }

    struct ZoneView: Encodable {
        var side: String
        var centreMillimetres: Point
        var lateralSDMillimetres: Double
        var verticalSDMillimetres: Double
    }

    struct Shown: Encodable {
        var id: String
        var kind: String
        var item: AnyEncodable
        var geometry: [SidedGeometry]
        var zones: [ZoneView]?
        var positions: [ZoneView]?
        var sources: [SourceEntry]
        var scaling: ScalingRecord
        var atlas: AtlasReference
        var frame: String
        var notice: String
    }

    func run() throws {
        try reportingErrors {
            let atlas = try atlasOptions.load()
            guard let item = atlas.item(id) else {
                let close = atlas.items.map(\.id).filter { $0.contains(id) || id.contains($0) }.prefix(5)
                let hint = close.isEmpty ? "see `cluneal atlas list`" : "did you mean \(close.joined(separator: ", "))?"
                throw CLIError(.dataError, "no atlas item has the id \"\(id)\"; \(hint)")
            }
            let model = try measurementOptions.model(for: atlas)
            let wanted = { (s: Side?) in side == nil || s == nil || s == side }
            var geometry: [SidedGeometry] = []
            func add(_ s: Side?, _ g: Geometry) {
                guard wanted(s) else { return }
                var widths: [Double]?
                if case .ribbon(let r) = g { widths = r.widths }
                geometry.append(SidedGeometry(side: s?.rawValue ?? "midline", kind: g.kindName, pointsMillimetres: g.points, widthsMillimetres: widths))
            }
            var zones: [ZoneView]?
            var positions: [ZoneView]?
            let encoded: AnyEncodable
            switch item {
            case .landmark(let e):
                encoded = AnyEncodable(e)
                for p in model.landmarks where p.entry.id == e.id { add(p.side, p.geometry) }
            case .structure(let e):
                encoded = AnyEncodable(e)
                for p in model.structures where p.entry.id == e.id { add(p.side, p.geometry) }
            case .nerve(let e):
                encoded = AnyEncodable(e)
                for p in model.nerves where p.entry.id == e.id { add(p.side, p.geometry) }
            case .site(let e):
                encoded = AnyEncodable(e)
                zones = model.zones.filter { $0.entry.site == e.id && $0.isDefault && wanted($0.side) }.map(Self.view)
            case .zone(let e):
                encoded = AnyEncodable(e)
                zones = model.zones.filter { $0.entry.id == e.id && wanted($0.side) }.map(Self.view)
            case .injectionSite(let e):
                encoded = AnyEncodable(e)
                positions = model.injectionSites.filter { $0.entry.id == e.id && wanted($0.side) }
                    .map { ZoneView(side: $0.side.rawValue, centreMillimetres: $0.point, lateralSDMillimetres: 0, verticalSDMillimetres: 0) }
            case .lookAlike(let e):
                encoded = AnyEncodable(e)
                positions = model.lookAlikes.filter { $0.entry.id == e.id && wanted($0.side) }
                    .map { ZoneView(side: $0.side.rawValue, centreMillimetres: $0.point, lateralSDMillimetres: $0.radius, verticalSDMillimetres: $0.radius) }
            }
            let sources = item.sourceIds.compactMap { atlas.source($0) }
            if output.json {
                let shown = Shown(id: item.id, kind: item.kind, item: encoded, geometry: geometry, zones: zones, positions: positions,
                                  sources: sources, scaling: ScalingRecord(model.scaling), atlas: AtlasReference(atlas), frame: BodyFrameText.short, notice: Notice.text)
                try StandardOutput.write(try JSONOutput.encode(shown))
                return
            }
            var out = "\(item.id) — \(item.names?.en ?? item.kind)"
            if let latin = item.names?.latin { out += " (\(latin))" }
            out += "\nkind: \(item.kind)\(item.subkind.map { " (\($0))" } ?? "")"
            if let l = item.laterality { out += "; side: \(l.rawValue)" }
            if let f = item.fidelity { out += "; fidelity: \(f.rawValue)" }
            out += "\nscaling: \(model.scaling.summary)\n"
            out += describe(item, atlas: atlas)
            let variants: [SexVariantEntry] = switch item {
            case .landmark(let e): e.bySex ?? []
            case .structure(let e): e.bySex ?? []
            default: []
            }
            for v in variants {
                let used = v.sex == model.measurements.sex ? " (used: --sex \(v.sex.rawValue))" : " (with --sex \(v.sex.rawValue))"
                let at = v.geometry.point.map { " at (\(output.formatSigned($0.x)), \(output.formatSigned($0.z)))" } ?? ""
                out += "for a \(v.sex == .female ? "woman" : "man")\(at)\(used): \(v.provenance.derivation ?? "")\n"
            }
            for g in geometry {
                let pts = g.pointsMillimetres.map { "(\(output.formatSigned($0.x)), \(output.formatSigned($0.z)))" }
                out += "\(g.side) \(g.kind): " + pts.joined(separator: " → ") + "\n"
                if let w = g.widthsMillimetres { out += "  widths: " + w.map(output.format).joined(separator: ", ") + "\n" }
            }
            for z in zones ?? [] {
                out += "\(z.side): centre (\(output.formatSigned(z.centreMillimetres.x)), \(output.formatSigned(z.centreMillimetres.z))), "
                out += "SD \(output.format(z.lateralSDMillimetres)) along, \(output.format(z.verticalSDMillimetres)) across\n"
            }
            for p in positions ?? [] {
                out += "\(p.side): at (\(output.formatSigned(p.centreMillimetres.x)), \(output.formatSigned(p.centreMillimetres.z)))"
                out += p.lateralSDMillimetres > 0 ? ", radius \(output.format(p.lateralSDMillimetres))\n" : "\n"
            }
            if !sources.isEmpty {
                out += "sources:\n" + sources.map { "  [\($0.id)] \($0.citation)" }.joined(separator: "\n") + "\n"
            }
            out += "(x: + toward the patient's left; z: + cranial of the PSIS level)\n\(Notice.text)\n"
            try StandardOutput.write(EscapedText.text(out))
        }
    }

    static func view(_ z: PlacedZone) -> ZoneView {
        ZoneView(side: z.side.rawValue, centreMillimetres: z.centre, lateralSDMillimetres: z.lateralSD, verticalSDMillimetres: z.verticalSD)
    }

    private func describe(_ item: AtlasItem, atlas: Atlas) -> String {
        var lines: [String] = []
        switch item {
        case .landmark(let e):
            if let p = e.palpation { lines.append("palpation: \(p)") }
            if let n = e.note { lines.append("note: \(n)") }
            if let d = e.provenance.derivation { lines.append("derivation: \(d)") }
        case .structure(let e):
            if let a = e.attachments { lines.append("attachments: \(a)") }
            if let n = e.note { lines.append("note: \(n)") }
            if let d = e.provenance.derivation { lines.append("derivation: \(d)") }
        case .nerve(let e):
            lines.append("group: \(e.nerve.rawValue) cluneal, branch \(e.branch)")
            if let o = e.origin { lines.append("origin: \(o)") }
            if let n = e.note { lines.append("note: \(n)") }
            if let d = e.provenance.derivation { lines.append("derivation: \(d)") }
        case .site(let e):
            lines.append(e.description)
            lines.append("branches: \(e.branches.joined(separator: ", ")); trapped by: \(e.structure)")
            lines.append("zones: " + atlas.zones(ofSite: e.id).map { $0.id + ($0.id == e.defaultZone ? " (default)" : "") + ($0.disputed == true ? " (disputed)" : "") }.joined(separator: ", "))
        case .zone(let e):
            lines.append("site: \(e.site); branch: \(e.branch); source: \(e.source)\(atlas.isDefault(e) ? "; default for its site" : "")\(e.disputed == true ? "; DISPUTED" : "")")
            lines.append("frame \(e.frame): lateral \(output.format(e.lateral.mean)) ± \(output.format(e.lateral.sd))\(e.lateral.n.map { " (n \($0))" } ?? ""), vertical \(output.formatSigned(e.vertical.mean)) ± \(output.format(e.vertical.sd))\(e.vertical.n.map { " (n \($0))" } ?? "")")
            for (axis, a) in [("lateral", e.lateral), ("vertical", e.vertical)] {
                if let s = a.sdSource { lines.append("\(axis) SD from [\(s)]: \(a.sdDerivation ?? "")") }
            }
            if let n = e.note { lines.append("note: \(n)") }
        case .injectionSite(let e):
            lines.append("for site: \(e.site); guidance: \(e.guidance)")
            lines.append("position: frame \(e.position.frame), lateral \(output.format(e.position.lateral)), vertical \(output.formatSigned(e.position.vertical))")
            lines.append("how to find: \(e.howToFind)")
            lines.append("volume: \(LengthUnit.fixed(e.volumeMillilitres.min, 1))–\(LengthUnit.fixed(e.volumeMillilitres.max, 1)) mL \(e.agent)")
            lines.append("positive block: \(e.positiveResponse)")
        case .lookAlike(let e):
            lines.append(e.description)
        }
        return lines.map { $0 + "\n" }.joined()
    }
}

/// Type erasure so one JSON shape can carry any atlas entry.
struct AnyEncodable: Encodable {
    private let encodeValue: @Sendable (any Encoder) throws -> Void
    init<T: Encodable & Sendable>(_ value: T) { encodeValue = { try value.encode(to: $0) } }
    func encode(to encoder: any Encoder) throws { try encodeValue(encoder) }
}

enum BodyFrameText {
    static let short = "body frame, millimetres: origin on the posterior midline at the PSIS level; +x toward the patient's left; +z cranial (LPS)"
}
