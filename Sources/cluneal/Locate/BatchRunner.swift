import BodyGeometry
import ClunealAnatomy
import ClunealPalpation
import Foundation

/// `cluneal locate --cases FILE`: every row of a case file located in parallel, the results
/// written in input order as JSON lines or CSV, bad rows reported on stderr without stopping
/// the others.
///
/// Passes: read the rows (parallel), group them by measurements, place one body per group
/// (parallel), then locate and format chunks of rows (parallel, the hot path of the Locator
/// and hand-written JSON/CSV into one buffer per chunk).
struct BatchRunner {
    let atlas: Atlas
    let symptomOptions: SymptomOptions
    let format: BatchOptions.BatchFormat

    /// Rows per unit of parallel work.
    static let chunkSize = 2048

    /// One body and what the rows need from it, precomputed.
    struct Body {
        let locator: Locator
        /// Per side (0 left, 1 right): the block-site id of each zone slot's site.
        let blockSiteIds: [[String?]]
        /// Per side: the look-alikes on that side.
        let lookAlikes: [[PlacedLookAlike]]
        let scalingMethod: String

        init(model: BodyModel) {
            let locator = Locator(model: model)
            self.locator = locator
            var ids: [[String?]] = []
            var looks: [[PlacedLookAlike]] = []
            for side in Side.allCases {
                let count = locator.zoneCount(on: side)
                ids.append((0..<count).map { slot in
                    locator.zone(inSlot: slot, on: side).flatMap { model.injectionSite(forSite: $0.entry.site, side: side)?.entry.id }
                })
                looks.append(model.lookAlikes.filter { $0.side == side })
            }
            blockSiteIds = ids
            lookAlikes = looks
            scalingMethod = model.scaling.method.rawValue
        }
    }

    func run(casesPath: String, outputPath: String?) throws(CLIError) {
        let bytes = try FileIO.read(casesPath, what: "cases")
        let file: CaseFile
        do {
            file = try CaseFile(bytes: bytes)
        } catch {
            throw CLIError(.dataError, "\(casesPath): \(error.description)")
        }
        let catalogue = try symptomOptions.catalogue(for: atlas, required: file.columns.contains(.symptoms))
        let records = file.records
        let n = records.count
        let chunks = (n + Self.chunkSize - 1) / Self.chunkSize
        @Sendable func rows(_ c: Int) -> Range<Int> { (c * Self.chunkSize)..<min(n, (c + 1) * Self.chunkSize) }

        // 1. Read every row.
        let requests: [Result<CaseRequest, CaseError>] = Parallel.map(count: chunks) { c in
            rows(c).map { i in Result { () throws(CaseError) in try file.request(records[i]) } }
        }.flatMap { $0 }

        // 2. One body per distinct set of measurements.
        var keys: [Measurements: Int] = [:]
        var distinct: [Measurements] = []
        var bodyOfRow = [Int](repeating: -1, count: n)
        for i in 0..<n {
            guard case .success(let r) = requests[i] else { continue }
            if let k = keys[r.measurements] {
                bodyOfRow[i] = k
            } else {
                keys[r.measurements] = distinct.count
                bodyOfRow[i] = distinct.count
                distinct.append(r.measurements)
            }
        }
        let atlas = self.atlas
        let measurements = distinct
        let bodies: [Result<Body, MeasurementError>] = Parallel.map(count: measurements.count) { k in
            Result { () throws(MeasurementError) in Body(model: try BodyModel(atlas: atlas, measurements: measurements[k])) }
        }

        // 3. Locate and format, chunk by chunk.
        let progress = ProgressBar(total: n, label: "locating")
        let format = self.format
        let bodyIndex = bodyOfRow
        let results: [(bytes: [UInt8], errors: [CaseError])] = Parallel.map(count: chunks) { c in
            var w = JSONWriter(pretty: false, capacity: Self.chunkSize * 480)
            var errors: [CaseError] = []
            var buffers: [Int: LocatorBuffer] = [:]
            for i in rows(c) {
                let k = bodyIndex[i]
                switch Self.locate(requests[i], body: k >= 0 ? bodies[k] : nil, catalogue: catalogue, buffers: &buffers, bodyIndex: k) {
                case .success(let row):
                    Self.write(row, format: format, into: &w)
                case .failure(let e):
                    errors.append(e)
                    Self.write(e, format: format, into: &w)
                }
            }
            progress.advance(by: rows(c).count)
            return (w.bytes, errors)
        }
        progress.finish()
        let outputs = results.map(\.bytes)
        let failures = results.map(\.errors)

        // 4. Write in input order, then report the bad rows.
        var header: [UInt8] = []
        if format == .csv { header = Array((Self.csvColumns.joined(separator: ",") + "\n").utf8) }
        if let outputPath {
            var all = header
            all.reserveCapacity(outputs.reduce(header.count) { $0 + $1.count })
            for o in outputs { all.append(contentsOf: o) }
            try FileIO.writeAtomically(all, to: outputPath)
        } else {
            try StandardOutput.write(bytes: header)
            for o in outputs { try StandardOutput.write(bytes: o) }
        }
        let errors = failures.flatMap { $0 }
        if !errors.isEmpty {
            let shown = errors.prefix(Self.maxErrorsShown).map { "\(casesPath): \($0.description)" }
            var details = Array(shown.dropFirst())
            if errors.count > Self.maxErrorsShown { details.append("\(errors.count - Self.maxErrorsShown) more bad rows not shown") }
            details.append("\(errors.count) of \(n) rows failed; the others were located")
            throw CLIError(.dataError, shown.first ?? "bad rows", details: details)
        }
    }

    /// Bad rows listed on stderr before the count (all are in the output).
    static let maxErrorsShown = 50

    /// A located row, ready to write.
    struct Row {
        let request: CaseRequest
        let tenderPoint: TenderPoint
        let screening: RedFlagScreening
        let body: Body
        let best: Int?
        let nearest: Int
        let scores: LocatorBuffer
    }

    private static func locate(_ request: Result<CaseRequest, CaseError>, body: Result<Body, MeasurementError>?, catalogue: SymptomCatalogue?,
                               buffers: inout [Int: LocatorBuffer], bodyIndex: Int) -> Result<Row, CaseError> {
        let r: CaseRequest
        switch request {
        case .failure(let e): return .failure(e)
        case .success(let ok): r = ok
        }
        func fail(_ field: String?, _ message: String) -> Result<Row, CaseError> {
            .failure(CaseError(line: r.line, row: r.row, caseId: r.caseId, field: field, message: message))
        }
        let b: Body
        switch body {
        case .none: return fail(nil, "no body")
        case .failure(let e)?:
            if case .file = e { return fail(nil, e.description) }
            return fail(e.field.replacingOccurrences(of: "-", with: "_"), Self.withoutField(e.description, e.field))
        case .success(let ok)?: b = ok
        }
        var screening = RedFlagScreening.none
        if !r.symptoms.isEmpty {
            guard let catalogue else { return fail("symptoms", "no symptom catalogue is loaded") }
            do { screening = try catalogue.screen(r.symptoms, field: "symptoms") } catch { return fail(error.field, error.message) }
        }
        let tenderPoint: TenderPoint
        do {
            tenderPoint = try TenderPoint(r.input, on: b.locator.model)
        } catch {
            return fail(error.field, error.message)
        }
        var buffer = buffers[bodyIndex] ?? b.locator.makeBuffer()
        let best = b.locator.match(tenderPoint.point, side: tenderPoint.side, into: &buffer)
        var nearest = 0
        for i in 0..<buffer.count where buffer.standardScores[i] < buffer.standardScores[nearest] { nearest = i }
        buffers[bodyIndex] = buffer
        return .success(Row(request: r, tenderPoint: tenderPoint, screening: screening, body: b, best: best, nearest: nearest, scores: buffer))
    }

    private static func withoutField(_ description: String, _ field: String) -> String {
        description.hasPrefix(field + ": ") ? String(description.dropFirst(field.count + 2)) : description
    }

    // MARK: Output

    static let csvColumns = ["case", "row", "urgent_referral", "urgency", "red_flags", "side", "from", "x_mm", "z_mm",
                             "nerve", "branch", "zone", "source", "site", "standard_score", "distance_mm", "within_one_sd",
                             "within_two_sd", "nearest_path_mm", "block_site", "look_alikes", "nearest_zone",
                             "nearest_standard_score", "scaling", "error"]

    private static func write(_ row: Row, format: BatchOptions.BatchFormat, into w: inout JSONWriter) {
        let side = row.tenderPoint.side
        let sideIndex = side == .left ? 0 : 1
        let p = row.tenderPoint.point
        let bestZone = row.best.flatMap { row.body.locator.zone(inSlot: $0, on: side) }
        let nearestZone = row.body.locator.zone(inSlot: row.nearest, on: side)
        let urgent = row.screening.urgentReferral
        let blockSite = urgent ? nil : row.best.flatMap { row.body.blockSiteIds[sideIndex][$0] }
        var insideIds: [String] = []
        for l in row.body.lookAlikes[sideIndex] where p.distance(to: l.point) <= l.radius { insideIds.append(l.entry.id) }
        let score = row.best.map { row.scores.standardScores[$0] }
        switch format {
        case .jsonl:
            w.beginObject()
            w.field("case", row.request.caseId)
            w.field("row", row.request.row)
            w.field("urgentReferral", urgent)
            w.field("urgency", row.screening.urgency.rawValue)
            w.field("redFlags", strings: row.screening.redFlags.map(\.id))
            w.field("side", side.rawValue)
            w.field("from", row.request.input.frame.rawValue)
            w.key("tenderPoint")
            w.beginObject()
            w.field("side", side.rawValue)
            w.field("xMillimetres", p.x)
            w.field("zMillimetres", p.z)
            w.endObject()
            w.key("bestMatch")
            if let slot = row.best, let z = bestZone, let score {
                w.beginObject()
                w.field("nerve", z.site.nerve.rawValue)
                w.field("branch", z.entry.branch)
                w.field("zone", z.id)
                w.field("source", z.entry.source)
                w.field("siteId", z.site.id)
                w.field("isDefault", z.isDefault)
                w.field("disputed", z.isDisputed)
                w.field("distanceMillimetres", p.distance(to: z.centre))
                w.field("standardScore", score, places: 3)
                w.field("withinOneSD", score <= 1)
                w.field("withinTwoSD", score <= Locator.matchLimit)
                w.field("nearestPathMillimetres", row.scores.pathDistances[slot])
                w.endObject()
            } else {
                w.null()
            }
            w.field("blockSite", blockSite)
            w.field("blockSiteWithheld", urgent && row.best != nil)
            w.field("lookAlikes", strings: insideIds)
            w.field("nearestZone", nearestZone?.id)
            w.field("nearestStandardScore", row.scores.standardScores[row.nearest], places: 3)
            w.field("scaling", row.body.scalingMethod)
            w.endObject()
        case .csv:
            var c = CSVLine(writer: w)
            c.text(row.request.caseId)
            c.int(row.request.row)
            c.raw(urgent ? "yes" : "no")
            c.raw(row.screening.urgency.rawValue)
            c.text(row.screening.redFlags.map(\.id).joined(separator: ";"))
            c.raw(side.rawValue)
            c.raw(row.request.input.frame.rawValue)
            c.number(p.x, 2)
            c.number(p.z, 2)
            if let slot = row.best, let z = bestZone, let score {
                c.raw(z.site.nerve.rawValue)
                c.text(z.entry.branch)
                c.text(z.id)
                c.text(z.entry.source)
                c.text(z.site.id)
                c.number(score, 3)
                c.number(p.distance(to: z.centre), 2)
                c.raw(score <= 1 ? "yes" : "no")
                c.raw(score <= Locator.matchLimit ? "yes" : "no")
                c.number(row.scores.pathDistances[slot], 2)
            } else {
                c.raw("none")
                for _ in 0..<9 { c.raw("") }
            }
            c.text(blockSite ?? "")
            c.text(insideIds.joined(separator: ";"))
            c.text(nearestZone?.id ?? "")
            c.number(row.scores.standardScores[row.nearest], 3)
            c.raw(row.body.scalingMethod)
            c.raw("")
            w = c.finish()
        }
        w.newline()
    }

    private static func write(_ e: CaseError, format: BatchOptions.BatchFormat, into w: inout JSONWriter) {
        switch format {
        case .jsonl:
            w.beginObject()
            w.field("case", e.caseId)
            w.field("row", e.row)
            w.field("line", e.line)
            w.key("error")
            w.beginObject()
            w.field("field", e.field)
            w.field("message", e.message)
            w.endObject()
            w.endObject()
        case .csv:
            var c = CSVLine(writer: w)
            c.text(e.caseId ?? "")
            c.int(e.row)
            for _ in 2..<(csvColumns.count - 1) { c.raw("") }
            c.text(e.field.map { "\($0): \(e.message)" } ?? e.message)
            w = c.finish()
        }
        w.newline()
    }
}

/// One CSV line appended to a writer's buffer: fields quoted only when they need it.
struct CSVLine {
    private var writer: JSONWriter
    private var first = true

    init(writer: JSONWriter) { self.writer = writer }

    private mutating func separator() {
        if !first { writer.appendRaw(UInt8(ascii: ",")) }
        first = false
    }

    mutating func raw(_ s: String) {
        separator()
        writer.appendRaw(s)
    }

    mutating func text(_ s: String) {
        separator()
        if s.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) {
            writer.appendRaw("\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"")
        } else {
            writer.appendRaw(s)
        }
    }

    mutating func int(_ v: Int) {
        separator()
        writer.appendRawInteger(v)
    }

    mutating func number(_ v: Double, _ places: Int) {
        separator()
        writer.appendRawNumber(v, places: places)
    }

    func finish() -> JSONWriter { writer }
}
