import BodyGeometry

/// The meaning checks that JSON Schema cannot express: ids, references, sources, ranges,
/// geometry, frames, and zones that sit on their nerve.
struct AtlasValidator {
    let decoded: DecodedAtlas
    let bibliographies: [(file: String, document: SourceFileDocument, map: JSONSourceMap)]
    /// The well-known ids this atlas must have.
    var required: [WellKnownId] = WellKnownId.all
    private(set) var errors: [AtlasError] = []

    /// Coordinates outside this box (mm) cannot be on a lower back and buttock.
    static let coordinateRange: ClosedRange<Double> = -600...600
    /// Widths of ribbons (mm).
    static let widthRange: ClosedRange<Double> = 0.01...100
    /// Zone means and injection offsets (mm).
    static let offsetRange: ClosedRange<Double> = -400...400
    /// Zone spreads (mm).
    static let sdRange: ClosedRange<Double> = 0.01...100
    /// Reference stature (mm).
    static let statureRange: ClosedRange<Double> = 1000...2500
    /// Block volumes (mL).
    static let volumeRange: ClosedRange<Double> = 0.01...30
    /// Look-alike radius (mm).
    static let radiusRange: ClosedRange<Double> = 1...60
    /// A zone centre farther than this from its nerve's path is an error (mm), unless disputed.
    static let zoneToNerveLimit: Double = 20
    /// Points a polyline, polygon or ribbon may have: every query walks them, so a huge curve
    /// would slow every located point (the default atlas's longest has 11).
    static let maxPointsPerCurve = 500

    init(decoded: DecodedAtlas, bibliographies: [(file: String, document: SourceFileDocument, map: JSONSourceMap)],
         required: [WellKnownId] = WellKnownId.all) {
        self.decoded = decoded
        self.bibliographies = bibliographies
        self.required = required
    }

    private var doc: AtlasDocument { decoded.document }

    private func location(_ path: JSONPath) -> SourceLocation {
        SourceLocation(file: decoded.file, path: path, line: decoded.map.line(for: path))
    }

    private mutating func fail(_ problem: AtlasProblem, _ path: JSONPath) {
        errors.append(AtlasError(problem, at: location(path)))
    }

    static func isKebabId(_ id: String) -> Bool {
        let parts = id.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count) else { return false }
        return parts.allSatisfy { part in
            let words = part.split(separator: "-", omittingEmptySubsequences: false)
            return !words.isEmpty && words.allSatisfy { w in
                !w.isEmpty && w.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
            }
        }
    }

    mutating func run() throws(AtlasErrors) -> Atlas {
        let root = JSONPath.root
        if doc.schemaVersion != 1 { fail(.unsupportedSchemaVersion(doc.schemaVersion), root.appending("schemaVersion")) }
        if !Self.isKebabId(doc.id) { fail(.badId(doc.id), root.appending("id")) }
        if doc.title.trimmed.isEmpty { fail(.missingText("title"), root.appending("title")) }

        // Bibliography.
        var sources: [SourceEntry] = []
        var sourceAt: [String: String] = [:]
        for bib in bibliographies {
            for (i, s) in bib.document.sources.enumerated() {
                let path = JSONPath.root.appending(i)
                let here = SourceLocation(file: bib.file, path: path.appending("id"), line: bib.map.line(for: path.appending("id")))
                checkSource(s, at: here, sourceAt: &sourceAt, into: &sources)
            }
        }
        for (i, s) in (doc.sources ?? []).enumerated() {
            let path = root.appending("sources").appending(i).appending("id")
            checkSource(s, at: location(path), sourceAt: &sourceAt, into: &sources)
        }
        let sourceIds = Set(sources.map(\.id))

        // Ids: one namespace for every item.
        var idAt: [String: String] = [:]
        func register(_ id: String, _ path: JSONPath, _ v: inout AtlasValidator) {
            if !Self.isKebabId(id) { v.fail(.badId(id), path); return }
            let here = v.location(path)
            if let first = idAt[id] { v.fail(.duplicateId(id, firstAt: first), path) } else { idAt[id] = "line \(here.line.map(String.init) ?? "?") (\(path))" }
        }
        for (i, e) in doc.landmarks.enumerated() { register(e.id, root.appending("landmarks").appending(i).appending("id"), &self) }
        for (i, e) in doc.structures.enumerated() { register(e.id, root.appending("structures").appending(i).appending("id"), &self) }
        for (i, e) in doc.nerves.enumerated() { register(e.id, root.appending("nerves").appending(i).appending("id"), &self) }
        for (i, e) in doc.entrapmentSites.enumerated() { register(e.id, root.appending("entrapmentSites").appending(i).appending("id"), &self) }
        for (i, e) in doc.zones.enumerated() { register(e.id, root.appending("zones").appending(i).appending("id"), &self) }
        for (i, e) in doc.injectionSites.enumerated() { register(e.id, root.appending("injectionSites").appending(i).appending("id"), &self) }
        for (i, e) in (doc.lookAlikes ?? []).enumerated() { register(e.id, root.appending("lookAlikes").appending(i).appending("id"), &self) }
        var frameIds = Set<String>()
        for (i, f) in doc.frames.enumerated() {
            let path = root.appending("frames").appending(i).appending("id")
            if !Self.isKebabId(f.id) { fail(.badId(f.id), path) }
            if !frameIds.insert(f.id).inserted { fail(.duplicateId(f.id, firstAt: "another frame"), path) }
        }

        // Reference body.
        let stature = doc.reference.statureMillimetres
        checkNumber(stature.value, Self.statureRange, "mm", root.appending("reference").appending("statureMillimetres").appending("value"))
        checkProvenance(Provenance(fidelity: stature.fidelity, sources: stature.sources, derivation: stature.derivation),
                        root.appending("reference").appending("statureMillimetres"), sourceIds)
        if let error = doc.reference.palpationErrorMillimetres {
            let path = root.appending("reference").appending("palpationErrorMillimetres")
            checkNumber(error.value, PalpationUncertainty.range, "mm", path.appending("value"))
            checkProvenance(Provenance(fidelity: error.fidelity, sources: error.sources, derivation: error.derivation), path, sourceIds)
        }
        if let offset = doc.reference.palpatedCrestAboveImagedMillimetres {
            let path = root.appending("reference").appending("palpatedCrestAboveImagedMillimetres")
            for (field, v) in offset.all { checkNumber(v, CrestLevelCorrection.offsetRange, "mm", path.appending(field)) }
            checkProvenance(Provenance(fidelity: offset.fidelity, sources: offset.sources, derivation: offset.derivation), path, sourceIds)
        }

        // Geometry.
        var geometry: [String: Geometry] = [:]
        var sexGeometry: [Sex: [String: Geometry]] = [:]
        for (i, e) in doc.landmarks.enumerated() {
            let path = root.appending("landmarks").appending(i)
            checkNames(e.names, path)
            checkProvenance(e.provenance, path.appending("provenance"), sourceIds)
            if let g = checkGeometry(e.geometry, e.laterality, path.appending("geometry")) {
                if case .point = g {} else if case .polyline = g {} else {
                    fail(.invalidValue("a landmark is a point or a polyline, not a \(g.kindName)"), path.appending("geometry"))
                }
                geometry[e.id] = g
            }
            checkSexVariants(e.bySex, of: e.id, e.laterality, at: path, sourceIds, geometry, into: &sexGeometry) { variant, written in
                variant.asPoint != nil && written.asPoint != nil ? nil : "a sex-specific variant replaces a point landmark by a point"
            }
        }
        // The crest summit (the intercristal line) lies above the PSIS: the text and the
        // scaling both read "above".
        if let si = doc.landmarks.firstIndex(where: { $0.id == WellKnownId.crestSummit.id }), case .point(let summit)? = geometry[WellKnownId.crestSummit.id],
           case .point(let psis)? = geometry[WellKnownId.psis.id], summit.z <= psis.z + Tolerance.length {
            fail(.invalidValue("the crest summit (z = \(AtlasError.format(summit.z)) mm) must lie above the PSIS (z = \(AtlasError.format(psis.z)) mm)"),
                 root.appending("landmarks").appending(si).appending("geometry"))
        }
        for (i, e) in doc.structures.enumerated() {
            let path = root.appending("structures").appending(i)
            checkNames(e.names, path)
            checkProvenance(e.provenance, path.appending("provenance"), sourceIds)
            if let g = checkGeometry(e.geometry, e.laterality, path.appending("geometry")) { geometry[e.id] = g }
            checkSexVariants(e.bySex, of: e.id, e.laterality, at: path, sourceIds, geometry, into: &sexGeometry) { variant, written in
                variant.kindName == written.kindName ? nil : "a sex-specific variant of a \(written.kindName) is a \(written.kindName), not a \(variant.kindName)"
            }
            // A skin territory belongs to one nerve group; nothing else names one.
            if e.kind == .territory {
                if e.nerve == nil { fail(.missingText("nerve"), path.appending("nerve")) }
                if e.geometry.polygon == nil {
                    fail(.invalidValue("a territory is a polygon"), path.appending("geometry"))
                }
            } else if let nerve = e.nerve {
                fail(.invalidValue("\"nerve\": \"\(nerve.rawValue)\" is only for a territory, not a \(e.kind.rawValue)"), path.appending("nerve"))
            }
        }
        for (i, e) in doc.nerves.enumerated() {
            let path = root.appending("nerves").appending(i)
            checkNames(e.names, path)
            checkProvenance(e.provenance, path.appending("provenance"), sourceIds)
            if e.branch.trimmed.isEmpty { fail(.missingText("branch"), path.appending("branch")) }
            if e.laterality == .midline { fail(.wrongSide("a cluneal nerve is not a midline structure"), path.appending("laterality")) }
            if let g = checkGeometry(GeometryEntry(ribbon: e.path), e.laterality, path.appending("path")) { geometry[e.id] = g }
        }

        // Frames.
        var frames: [String: Frame] = [:]
        for (i, f) in doc.frames.enumerated() {
            let path = root.appending("frames").appending(i)
            if let frame = checkFrame(f, path, geometry) { frames[f.id] = frame }
        }
        let resolver = FrameResolver.reference(document: doc, geometry: geometry, frames: frames)

        // Sites, zones, injection sites, look-alikes.
        let nerveIds = Dictionary(doc.nerves.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let zoneById = Dictionary(doc.zones.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let siteIds = Set(doc.entrapmentSites.map(\.id))
        for (i, s) in doc.entrapmentSites.enumerated() {
            let path = root.appending("entrapmentSites").appending(i)
            checkNames(s.names, path)
            if s.description.trimmed.isEmpty { fail(.missingText("description"), path.appending("description")) }
            if s.branches.isEmpty { fail(.missingText("branches"), path.appending("branches")) }
            for (j, b) in s.branches.enumerated() {
                if let n = nerveIds[b] {
                    if n.nerve != s.nerve {
                        fail(.invalidValue("branch \"\(b)\" is a \(n.nerve.rawValue) cluneal nerve, but the site is \(s.nerve.rawValue)"), path.appending("branches").appending(j))
                    }
                } else {
                    fail(.unknownReference(id: b, expected: "a nerve"), path.appending("branches").appending(j))
                }
            }
            if geometry[s.structure] == nil || doc.structures.first(where: { $0.id == s.structure }) == nil {
                fail(.unknownReference(id: s.structure, expected: "a structure"), path.appending("structure"))
            }
            for (k, other) in (s.alsoFormedBy ?? []).enumerated() where doc.structures.first(where: { $0.id == other }) == nil {
                fail(.unknownReference(id: other, expected: "a structure"), path.appending("alsoFormedBy").appending(k))
            }
            if let z = zoneById[s.defaultZone] {
                if z.site != s.id { fail(.invalidValue("default zone \"\(z.id)\" belongs to site \"\(z.site)\""), path.appending("defaultZone")) }
                if z.disputed == true { fail(.invalidValue("default zone \"\(z.id)\" is disputed; a default must not be"), path.appending("defaultZone")) }
            } else {
                fail(.unknownReference(id: s.defaultZone, expected: "a zone"), path.appending("defaultZone"))
            }
            if !doc.zones.contains(where: { $0.site == s.id }) {
                fail(.invalidValue("site \"\(s.id)\" has no zone"), path.appending("id"))
            }
        }
        let sourceById = Dictionary(sources.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for (i, z) in doc.zones.enumerated() {
            let path = root.appending("zones").appending(i)
            if !siteIds.contains(z.site) { fail(.unknownReference(id: z.site, expected: "an entrapment site"), path.appending("site")) }
            if !sourceIds.contains(z.source) { fail(.unresolvedSource(z.source), path.appending("source")) }
            // An unverified source cannot back a default zone: neither its position nor its spread.
            if let site = doc.entrapmentSites.first(where: { $0.defaultZone == z.id && $0.id == z.site }) {
                let backing: [(String?, JSONPath)] = [(z.source, path.appending("source")),
                                                     (z.lateral.sdSource, path.appending("lateral").appending("sdSource")),
                                                     (z.vertical.sdSource, path.appending("vertical").appending("sdSource"))]
                for case let (id?, here) in backing where sourceById[id]?.status == .unverified {
                    fail(.unverifiedSourceBacksDefault(zone: z.id, site: site.id, source: id), here)
                }
            }
            checkSpread(z.lateral, path.appending("lateral"), sourceIds)
            checkSpread(z.vertical, path.appending("vertical"), sourceIds)
            if z.laterality == .midline { fail(.wrongSide("an entrapment zone lies on one side or both, not on the midline"), path.appending("laterality")) }
            guard let nerve = nerveIds[z.branch] else {
                fail(.unknownReference(id: z.branch, expected: "a nerve"), path.appending("branch"))
                continue
            }
            if let site = doc.entrapmentSites.first(where: { $0.id == z.site }), !site.branches.contains(z.branch) {
                fail(.invalidValue("branch \"\(z.branch)\" does not pass through site \"\(z.site)\""), path.appending("branch"))
            }
            guard frames[z.frame] != nil else {
                if !frameIds.contains(z.frame) { fail(.unknownReference(id: z.frame, expected: "a frame"), path.appending("frame")) }
                continue
            }
            let side: Side = z.laterality == .right ? .right : .left
            do {
                let placed = try resolver.place(FramePosition(frame: z.frame, lateral: z.lateral.mean, vertical: z.vertical.mean), side: side)
                if z.disputed != true, case .ribbon(var ribbon)? = geometry[nerve.id] {
                    if side == .right, let m = ribbon.mapped({ $0.mirrored }) { ribbon = m }
                    let d = ribbon.distance(to: placed.point)
                    if d > Self.zoneToNerveLimit {
                        fail(.zoneFarFromNerve(zone: z.id, nerve: nerve.id, distanceMillimetres: d, limitMillimetres: Self.zoneToNerveLimit), path.appending("lateral").appending("mean"))
                    }
                }
            } catch {
                fail(.cannotPlace(error.description), path.appending("lateral").appending("mean"))
            }
        }
        for (i, s) in doc.injectionSites.enumerated() {
            let path = root.appending("injectionSites").appending(i)
            checkNames(s.names, path)
            checkProvenance(s.provenance, path.appending("provenance"), sourceIds)
            if !siteIds.contains(s.site) { fail(.unknownReference(id: s.site, expected: "an entrapment site"), path.appending("site")) }
            if !["landmark", "ultrasound"].contains(s.guidance) {
                fail(.invalidValue("guidance \"\(s.guidance)\" must be \"landmark\" or \"ultrasound\""), path.appending("guidance"))
            }
            for (field, text) in [("howToFind", s.howToFind), ("agent", s.agent), ("positiveResponse", s.positiveResponse)] where text.trimmed.isEmpty {
                fail(.missingText(field), path.appending(field))
            }
            checkNumber(s.volumeMillilitres.min, Self.volumeRange, "mL", path.appending("volumeMillilitres").appending("min"))
            checkNumber(s.volumeMillilitres.max, Self.volumeRange, "mL", path.appending("volumeMillilitres").appending("max"))
            if s.volumeMillilitres.min > s.volumeMillilitres.max {
                fail(.invalidValue("volume min is larger than max"), path.appending("volumeMillilitres"))
            }
            checkPosition(s.position, s.laterality, path.appending("position"), resolver, declaredFrames: frameIds)
        }
        for (i, l) in (doc.lookAlikes ?? []).enumerated() {
            let path = root.appending("lookAlikes").appending(i)
            checkNames(l.names, path)
            checkProvenance(l.provenance, path.appending("provenance"), sourceIds)
            if l.description.trimmed.isEmpty { fail(.missingText("description"), path.appending("description")) }
            checkNumber(l.radiusMillimetres, Self.radiusRange, "mm", path.appending("radiusMillimetres"))
            checkPosition(l.position, l.laterality, path.appending("position"), resolver, declaredFrames: frameIds)
        }

        // The ids the code relies on; reported after the other problems, which often explain them.
        let earlier = errors
        errors = []
        for known in required {
            let ids: [String] = switch known.kind {
            case .frame: doc.frames.map(\.id)
            case .landmark: doc.landmarks.map(\.id)
            case .structure: doc.structures.map(\.id)
            case .nerve: doc.nerves.map(\.id)
            case .entrapmentSite: doc.entrapmentSites.map(\.id)
            case .zone: doc.zones.map(\.id)
            case .lookAlike: (doc.lookAlikes ?? []).map(\.id)
            }
            if !ids.contains(known.id) {
                fail(.missingWellKnownId(known.id, kind: known.kind.rawValue, neededBy: known.neededBy), root.appending(Self.arrayName(known.kind)))
            }
        }

        let missing = errors
        errors = earlier
        if !errors.isEmpty || !missing.isEmpty {
            throw AtlasErrors(errors.sorted { ($0.location.file, $0.location.line ?? 0) < ($1.location.file, $1.location.line ?? 0) } + missing)
        }
        return Atlas(file: decoded.file, document: doc, sources: sources, geometry: geometry, sexGeometry: sexGeometry, frames: frames)
    }

    // MARK: - Checks

    static func arrayName(_ kind: WellKnownId.Kind) -> String {
        switch kind {
        case .frame: "frames"
        case .landmark: "landmarks"
        case .structure: "structures"
        case .nerve: "nerves"
        case .entrapmentSite: "entrapmentSites"
        case .zone: "zones"
        case .lookAlike: "lookAlikes"
        }
    }

    private mutating func checkSource(_ s: SourceEntry, at here: SourceLocation, sourceAt: inout [String: String], into sources: inout [SourceEntry]) {
        if !Self.isKebabId(s.id) {
            errors.append(AtlasError(.badId(s.id), at: here))
            return
        }
        if let first = sourceAt[s.id] {
            errors.append(AtlasError(.duplicateId(s.id, firstAt: first), at: here))
            return
        }
        sourceAt[s.id] = "\(here.file):\(here.line.map(String.init) ?? "?")"
        sources.append(s)
    }

    /// Longest map label (characters).
    static let shortNameLimit = 32

    private mutating func checkNames(_ names: Names, _ path: JSONPath) {
        if names.en.trimmed.isEmpty { fail(.missingText("names.en"), path.appending("names").appending("en")) }
        if let short = names.short {
            if short.trimmed.isEmpty { fail(.missingText("names.short"), path.appending("names").appending("short")) }
            if short.count > Self.shortNameLimit {
                fail(.invalidValue("a short name is at most \(Self.shortNameLimit) characters (has \(short.count))"), path.appending("names").appending("short"))
            }
        }
    }

    private mutating func checkProvenance(_ p: Provenance, _ path: JSONPath, _ sourceIds: Set<String>) {
        if p.sources.isEmpty { fail(.missingText("sources"), path.appending("sources")) }
        for (j, id) in p.sources.enumerated() where !sourceIds.contains(id) {
            fail(.unresolvedSource(id), path.appending("sources").appending(j))
        }
        if p.fidelity != .measured, (p.derivation ?? "").trimmed.isEmpty {
            fail(.invalidValue("a \(p.fidelity.rawValue) item must say how it was obtained in \"derivation\""), path.appending("derivation"))
        }
    }

    private mutating func checkSpread(_ a: AxisSpread, _ path: JSONPath, _ sourceIds: Set<String>) {
        checkNumber(a.mean, Self.offsetRange, "mm", path.appending("mean"))
        checkNumber(a.sd, Self.sdRange, "mm", path.appending("sd"))
        if let n = a.n, n < 1 { fail(.outOfRange(value: Double(n), allowed: 1...1_000_000, unit: "subjects"), path.appending("n")) }
        if let s = a.sdSource {
            if !sourceIds.contains(s) { fail(.unresolvedSource(s), path.appending("sdSource")) }
            if (a.sdDerivation ?? "").trimmed.isEmpty {
                fail(.invalidValue("an SD taken from another source must say how in \"sdDerivation\""), path.appending("sdDerivation"))
            }
        }
    }

    private mutating func checkNumber(_ v: Double, _ range: ClosedRange<Double>, _ unit: String, _ path: JSONPath) {
        if !v.isFinite { fail(.nonFinite, path) } else if !range.contains(v) { fail(.outOfRange(value: v, allowed: range, unit: unit), path) }
    }

    /// A curve has at most ``maxPointsPerCurve`` points and does not cross itself.
    private mutating func checkCurve(_ points: [Point], _ path: JSONPath) -> Bool {
        guard points.count <= Self.maxPointsPerCurve else {
            fail(.degenerateGeometry("\(points.count) points; a curve may have at most \(Self.maxPointsPerCurve)"), path)
            return false
        }
        let segments = zip(points, points.dropFirst()).compactMap { Segment($0, $1) }
        for i in segments.indices {
            for j in segments.indices where j > i + 1 {
                if segments[i].intersection(with: segments[j]) != nil {
                    fail(.degenerateGeometry("the curve crosses itself (segment \(i + 1) meets segment \(j + 1))"), path)
                    return false
                }
            }
        }
        return true
    }

    private mutating func checkPoints(_ points: [Point], _ laterality: Laterality, _ path: JSONPath) -> Bool {
        var ok = true
        for (k, p) in points.enumerated() {
            let here = path.appending(k)
            if !p.isFinite { fail(.nonFinite, here); ok = false; continue }
            for v in [p.x, p.z] where !Self.coordinateRange.contains(v) {
                fail(.outOfRange(value: v, allowed: Self.coordinateRange, unit: "mm"), here); ok = false
            }
            switch laterality {
            case .bilateral, .left:
                if p.x < -Tolerance.length {
                    fail(.wrongSide("x = \(AtlasError.format(p.x)) mm is right of the midline; \(laterality.rawValue) items are written with x ≥ 0 (the patient's left)"), here); ok = false
                }
            case .right:
                if p.x > Tolerance.length { fail(.wrongSide("x = \(AtlasError.format(p.x)) mm is left of the midline; a right-side item has x ≤ 0"), here); ok = false }
            case .midline: break
            }
        }
        return ok
    }

    /// Checks an item's `bySex` variants (each sex once, sourced, geometry valid and accepted by
    /// `mismatch`, which returns why a variant cannot replace the written geometry) and records
    /// the accepted ones in `sexGeometry`. One rule for landmarks and structures.
    private mutating func checkSexVariants(_ variants: [SexVariantEntry]?, of id: String, _ laterality: Laterality, at path: JSONPath,
                                           _ sourceIds: Set<String>, _ geometry: [String: Geometry],
                                           into sexGeometry: inout [Sex: [String: Geometry]],
                                           mismatch: (Geometry, Geometry) -> String?) {
        var sexes = Set<Sex>()
        for (j, variant) in (variants ?? []).enumerated() {
            let variantPath = path.appending("bySex").appending(j)
            checkProvenance(variant.provenance, variantPath.appending("provenance"), sourceIds)
            if !sexes.insert(variant.sex).inserted {
                fail(.invalidValue("sex \"\(variant.sex.rawValue)\" is given twice"), variantPath.appending("sex"))
            }
            guard let g = checkGeometry(variant.geometry, laterality, variantPath.appending("geometry")),
                  let written = geometry[id] else { continue }
            if let why = mismatch(g, written) {
                fail(.invalidValue(why), variantPath.appending("geometry"))
            } else {
                sexGeometry[variant.sex, default: [:]][id] = g
            }
        }
    }

    private mutating func checkGeometry(_ g: GeometryEntry, _ laterality: Laterality, _ path: JSONPath) -> Geometry? {
        let present = [g.point != nil, g.polyline != nil, g.polygon != nil, g.ribbon != nil].filter { $0 }.count
        guard present == 1 else {
            fail(.invalidValue("geometry needs exactly one of point, polyline, polygon, ribbon (found \(present))"), path)
            return nil
        }
        if let p = g.point {
            guard checkPoints([p], laterality, path.appending("point")) else { return nil }
            return .point(p)
        }
        if let pts = g.polyline {
            guard checkPoints(pts, laterality, path.appending("polyline")), checkCurve(pts, path.appending("polyline")) else { return nil }
            guard let line = Polyline(pts) else {
                fail(.degenerateGeometry("a polyline needs at least 2 distinct points (has \(pts.count))"), path.appending("polyline")); return nil
            }
            return .polyline(line)
        }
        if let pts = g.polygon {
            guard checkPoints(pts, laterality, path.appending("polygon")) else { return nil }
            guard pts.count <= Self.maxPointsPerCurve else {
                fail(.degenerateGeometry("\(pts.count) points; a polygon may have at most \(Self.maxPointsPerCurve)"), path.appending("polygon")); return nil
            }
            guard let poly = Polygon(pts) else {
                fail(.degenerateGeometry("a polygon needs at least 3 points enclosing an area (has \(pts.count))"), path.appending("polygon")); return nil
            }
            return .polygon(poly)
        }
        if let r = g.ribbon {
            return checkRibbon(r, laterality, path.appending("ribbon")).map(Geometry.ribbon)
        }
        return nil
    }

    private mutating func checkRibbon(_ r: RibbonEntry, _ laterality: Laterality, _ path: JSONPath) -> Ribbon? {
        guard checkPoints(r.points, laterality, path.appending("points")), checkCurve(r.points, path.appending("points")) else { return nil }
        var ok = true
        for (k, w) in r.widths.enumerated() {
            if !w.isFinite { fail(.nonFinite, path.appending("widths").appending(k)); ok = false }
            else if w <= 0 { fail(.nonPositiveWidth(w), path.appending("widths").appending(k)); ok = false }
            else if !Self.widthRange.contains(w) { fail(.outOfRange(value: w, allowed: Self.widthRange, unit: "mm"), path.appending("widths").appending(k)); ok = false }
        }
        guard ok else { return nil }
        guard r.widths.count == r.points.count else {
            fail(.invalidValue("a ribbon needs one width per point (\(r.points.count) points, \(r.widths.count) widths)"), path.appending("widths"))
            return nil
        }
        guard let line = Polyline(r.points), let ribbon = Ribbon(centreline: line, widths: r.widths) else {
            fail(.degenerateGeometry("a ribbon needs at least 2 distinct points (has \(r.points.count))"), path.appending("points"))
            return nil
        }
        return ribbon
    }

    private mutating func checkFrame(_ f: FrameEntry, _ path: JSONPath, _ geometry: [String: Geometry]) -> Frame? {
        if f.description.trimmed.isEmpty { fail(.missingText("description"), path.appending("description")) }
        func pointLandmark(_ id: String?, _ field: String) -> String? {
            guard let id else { fail(.missingField(field), path); return nil }
            // A landmark whose own geometry failed is reported there; don't report it again here.
            if doc.landmarks.contains(where: { $0.id == id }), geometry[id] == nil { return nil }
            guard doc.landmarks.contains(where: { $0.id == id }), geometry[id]?.asPoint != nil else {
                fail(.unknownReference(id: id, expected: "a point landmark"), path.appending(field)); return nil
            }
            return id
        }
        func curve(_ id: String?) -> String? {
            guard let id else { fail(.missingField("curve"), path); return nil }
            let declared = doc.structures.contains(where: { $0.id == id }) || doc.landmarks.contains(where: { $0.id == id })
            if declared, geometry[id] == nil { return nil }
            guard case .polyline? = geometry[id] else {
                fail(.unknownReference(id: id, expected: "a structure or landmark with polyline geometry"), path.appending("curve")); return nil
            }
            return id
        }
        let kind: Frame.Kind
        switch f.kind {
        case "body": kind = .body
        case "landmark":
            guard let l = pointLandmark(f.landmark, "landmark") else { return nil }
            kind = .landmark(l)
        case "curveHeight":
            guard let c = curve(f.curve) else { return nil }
            kind = .curveHeight(curve: c)
        case "curveArc":
            guard let c = curve(f.curve), let l = pointLandmark(f.landmark, "landmark") else { return nil }
            kind = .curveArc(curve: c, from: l)
        case "curveFromLandmark":
            guard let c = curve(f.curve), let l = pointLandmark(f.landmark, "landmark") else { return nil }
            kind = .curveFromLandmark(curve: c, landmark: l)
        default:
            fail(.invalidValue("frame kind \"\(f.kind)\" is not one of \(Frame.kindNames.joined(separator: ", "))"), path.appending("kind"))
            return nil
        }
        return Frame(id: f.id, kind: kind, description: f.description)
    }

    private mutating func checkPosition(_ p: FramePositionEntry, _ laterality: Laterality, _ path: JSONPath, _ resolver: FrameResolver, declaredFrames: Set<String>) {
        checkNumber(p.lateral, Self.offsetRange, "mm", path.appending("lateral"))
        checkNumber(p.vertical, Self.offsetRange, "mm", path.appending("vertical"))
        guard resolver.frames[p.frame] != nil else {
            // A declared frame that failed its own checks was reported there.
            if !declaredFrames.contains(p.frame) { fail(.unknownReference(id: p.frame, expected: "a frame"), path.appending("frame")) }
            return
        }
        guard p.lateral.isFinite, p.vertical.isFinite else { return }
        do {
            _ = try resolver.place(FramePosition(p), side: laterality == .right ? .right : .left)
        } catch {
            fail(.cannotPlace(error.description), path)
        }
    }
}

extension String {
    var trimmed: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
