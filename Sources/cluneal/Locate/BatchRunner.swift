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

    /// One body and what the rows need from it, precomputed: for every zone slot the parts
    /// of the output that do not depend on the point, already encoded. A class, so that rows
    /// share it without copying.
    final class Body: Sendable {
        let locator: Locator
        /// Per side (0 left, 1 right), per zone slot.
        let slots: [[Slot]]
        /// Per side: the look-alikes on that side.
        let lookAlikes: [[PlacedLookAlike]]
        let scalingMethod: String

        final class Slot: Sendable {
            let centre: Point
            /// `"nerve":…,"branch":…,"zone":…,"source":…,"siteId":…,"isDefault":…,"disputed":…`
            let json: [UInt8]
            /// `nerve,branch,zone,source,site`
            let csv: [UInt8]
            /// The zone id as a JSON string, and as a CSV field.
            let zoneJSON: [UInt8]
            let zoneCSV: [UInt8]
            /// The block-site id of the zone's site as a JSON string (or `null`), and as a CSV field.
            let blockSiteJSON: [UInt8]
            let blockSiteCSV: [UInt8]

            init(zone: PlacedZone, blockSite: String?) {
                centre = zone.centre
                var w = JSONWriter(pretty: false)
                w.beginObject()
                w.field("nerve", zone.site.nerve.rawValue)
                w.field("branch", zone.entry.branch)
                w.field("zone", zone.id)
                w.field("source", zone.entry.source)
                w.field("siteId", zone.site.id)
                w.field("isDefault", zone.isDefault)
                w.field("disputed", zone.isDisputed)
                w.endObject()
                json = Array(w.bytes.dropFirst().dropLast())
                var c = JSONWriter(pretty: false)
                var line = CSVLine()
                for field in [zone.site.nerve.rawValue, zone.entry.branch, zone.id, zone.entry.source, zone.site.id] { line.text(field, &c) }
                csv = c.bytes
                var z = JSONWriter(pretty: false)
                z.string(zone.id)
                zoneJSON = z.bytes
                var zc = JSONWriter(pretty: false)
                var zl = CSVLine()
                zl.text(zone.id, &zc)
                zoneCSV = zc.bytes
                var b = JSONWriter(pretty: false)
                b.optionalString(blockSite)
                blockSiteJSON = b.bytes
                var bc = JSONWriter(pretty: false)
                var bl = CSVLine()
                bl.text(blockSite ?? "", &bc)
                blockSiteCSV = bc.bytes
            }
        }

        init(model: BodyModel) {
            let locator = Locator(model: model)
            self.locator = locator
            slots = Side.allCases.map { side in
                (0..<locator.zoneCount(on: side)).compactMap { slot in
                    locator.zone(inSlot: slot, on: side).map { zone in
                        Slot(zone: zone, blockSite: model.injectionSite(forSite: zone.entry.site, side: side)?.entry.id)
                    }
                }
            }
            lookAlikes = Side.allCases.map { side in model.lookAlikes.filter { $0.side == side } }
            scalingMethod = model.scaling.method.rawValue
        }
    }

    func run(casesPath: String, output: OutputFile) throws(CLIError) {
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
            // Every body of one atlas has the same zones, so one buffer serves the chunk.
            var buffer = LocatorBuffer()
            for i in rows(c) {
                let k = bodyIndex[i]
                switch Self.locate(requests[i], body: k >= 0 ? bodies[k] : nil, catalogue: catalogue, buffer: &buffer) {
                case .success(let row):
                    Self.write(row, scores: buffer, format: format, into: &w)
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
        do {
            try output.write(header)
            for o in outputs { try output.write(o) }
            try OutputFiles.commit([output])
        } catch {
            output.discard()
            throw error
        }
        let errors = failures.flatMap { $0 }
        if let first = errors.first {
            // One line: the first bad row, and how many failed. Every bad row has its error
            // record in the output, in input order.
            var message = "\(casesPath): \(first.description)"
            if errors.count > 1 { message += " (and \(errors.count - 1) more bad row\(errors.count == 2 ? "" : "s"))" }
            message += "; \(errors.count) of \(n) rows failed, the others were located; each bad row has an error record in the output"
            throw CLIError(.dataError, message)
        }
    }

    /// A located row, ready to write.
    struct Row {
        let request: CaseRequest
        let tenderPoint: TenderPoint
        let screening: RedFlagScreening
        let body: Body
        let best: Int?
        let nearest: Int
    }

    private static func locate(_ request: Result<CaseRequest, CaseError>, body: Result<Body, MeasurementError>?, catalogue: SymptomCatalogue?,
                               buffer: inout LocatorBuffer) -> Result<Row, CaseError> {
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
            tenderPoint = try b.locator.place(r.input)
        } catch {
            return fail(error.field, error.message)
        }
        let best = b.locator.match(tenderPoint.point, side: tenderPoint.side, into: &buffer)
        // The nearest zone of any kind (−1 when an atlas has no zone on this side).
        var nearest = buffer.count > 0 ? 0 : -1
        for i in 0..<buffer.count where buffer.standardScores[i] < buffer.standardScores[nearest] { nearest = i }
        return .success(Row(request: r, tenderPoint: tenderPoint, screening: screening, body: b, best: best, nearest: nearest))
    }

    private static func withoutField(_ description: String, _ field: String) -> String {
        description.hasPrefix(field + ": ") ? String(description.dropFirst(field.count + 2)) : description
    }

    // MARK: Output

    static let csvColumns = ["case", "row", "urgent_referral", "urgency", "red_flags", "side", "from", "x_mm", "z_mm",
                             "nerve", "branch", "zone", "source", "site", "standard_score", "distance_mm", "within_one_sd",
                             "within_two_sd", "nearest_path_mm", "block_site", "look_alikes", "nearest_zone",
                             "nearest_standard_score", "scaling", "error"]

    private static func write(_ row: Row, scores: borrowing LocatorBuffer, format: BatchOptions.BatchFormat, into w: inout JSONWriter) {
        let side = row.tenderPoint.side
        let sideIndex = side == .left ? 0 : 1
        let p = row.tenderPoint.point
        let slots = row.body.slots[sideIndex]
        let best = row.best.flatMap { slots.indices.contains($0) ? slots[$0] : nil }
        let nearest = slots.indices.contains(row.nearest) ? slots[row.nearest] : nil
        let urgent = row.screening.urgentReferral
        var insideIds: [String] = []
        for l in row.body.lookAlikes[sideIndex] where p.distance(to: l.point) <= l.radius { insideIds.append(l.entry.id) }
        let score = row.best.map { scores.standardScores[$0] } ?? .infinity
        let path = row.best.map { scores.pathDistances[$0] } ?? .infinity
        let nearestScore = row.nearest >= 0 ? scores.standardScores[row.nearest] : .infinity
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
            if let best {
                w.beginObject()
                w.raw(best.json)
                w.field("distanceMillimetres", p.distance(to: best.centre))
                w.field("standardScore", score, places: 3)
                w.field("withinOneSD", score <= 1)
                w.field("withinTwoSD", score <= Locator.matchLimit)
                w.field("nearestPathMillimetres", path)
                w.endObject()
            } else {
                w.null()
            }
            w.key("blockSite")
            if let best, !urgent { w.raw(best.blockSiteJSON) } else { w.null() }
            w.field("blockSiteWithheld", urgent && best != nil)
            w.field("lookAlikes", strings: insideIds)
            w.key("nearestZone")
            if let nearest { w.raw(nearest.zoneJSON) } else { w.null() }
            w.field("nearestStandardScore", nearestScore, places: 3)
            w.field("scaling", row.body.scalingMethod)
            w.endObject()
        case .csv:
            var c = CSVLine()
            c.text(row.request.caseId, &w)
            c.int(row.request.row, &w)
            c.raw(urgent ? "yes" : "no", &w)
            c.raw(row.screening.urgency.rawValue, &w)
            c.text(row.screening.redFlags.map(\.id).joined(separator: ";"), &w)
            c.raw(side.rawValue, &w)
            c.raw(row.request.input.frame.rawValue, &w)
            c.number(p.x, 2, &w)
            c.number(p.z, 2, &w)
            if let best {
                c.bytes(best.csv, &w)
                c.number(score, 3, &w)
                c.number(p.distance(to: best.centre), 2, &w)
                c.raw(score <= 1 ? "yes" : "no", &w)
                c.raw(score <= Locator.matchLimit ? "yes" : "no", &w)
                c.number(path, 2, &w)
                if urgent { c.raw("", &w) } else { c.bytes(best.blockSiteCSV, &w) }
            } else {
                c.raw("none", &w)
                for _ in 0..<10 { c.raw("", &w) }
            }
            c.text(insideIds.joined(separator: ";"), &w)
            if let nearest { c.bytes(nearest.zoneCSV, &w) } else { c.raw("", &w) }
            c.number(nearestScore, 3, &w)
            c.raw(row.body.scalingMethod, &w)
            c.raw("", &w)
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
            var c = CSVLine()
            c.text(e.caseId ?? "", &w)
            c.int(e.row, &w)
            for _ in 2..<(csvColumns.count - 1) { c.raw("", &w) }
            c.text(e.field.map { "\($0): \(e.message)" } ?? e.message, &w)
        }
        w.newline()
    }
}

/// One CSV line appended to a writer's buffer: fields quoted only when they need it.
struct CSVLine {
    private var first = true

    private mutating func separator(_ w: inout JSONWriter) {
        if !first { w.appendRaw(UInt8(ascii: ",")) }
        first = false
    }

    /// Already-encoded field(s).
    mutating func bytes(_ b: [UInt8], _ w: inout JSONWriter) {
        separator(&w)
        w.appendRaw(contentsOf: b)
    }

    mutating func raw(_ s: String, _ w: inout JSONWriter) {
        separator(&w)
        w.appendRaw(s)
    }

    mutating func text(_ s: String, _ w: inout JSONWriter) {
        separator(&w)
        if s.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) {
            w.appendRaw("\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"")
        } else {
            w.appendRaw(s)
        }
    }

    mutating func int(_ v: Int, _ w: inout JSONWriter) {
        separator(&w)
        w.appendRawInteger(v)
    }

    mutating func number(_ v: Double, _ places: Int, _ w: inout JSONWriter) {
        separator(&w)
        w.appendRawNumber(v, places: places)
    }
}
