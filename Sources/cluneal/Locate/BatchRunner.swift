import ClunealAnatomy
import ClunealPalpation
import Foundation

/// `cluneal locate --cases FILE`: every row of a case file located in parallel, each written
/// as a ``FindingRecord`` (JSON lines, or CSV columns of the record) in input order, bad rows
/// reported on stderr without stopping the others.
///
/// The file streams through in bounded memory: ``windowChunks`` pieces of ``chunkLines``
/// lines are read, located on every core and written, then the next. Scaled bodies are kept
/// in a ``BodyCache`` of at most ``bodyCacheLimit`` measurement sets; a set that appears only
/// once in a window is placed, used and dropped inside its chunk. Peak memory therefore does
/// not grow with the number of rows or of distinct measurement sets.
struct BatchRunner {
    let atlas: Atlas
    let symptomOptions: SymptomOptions
    let format: BatchOptions.BatchFormat
    /// Added to every zone's spread, as in `locate` (``Locator/init(model:palpationError:)``).
    let palpationError: PalpationUncertainty

    /// Lines per unit of parallel work.
    static let chunkLines = 1024
    /// Units of work in flight (read, located and written together): two per core of the
    /// machine this is measured on, enough to balance them; each holds its output lines (~4 MB
    /// for rows with measurements) until the window is written, so this bounds memory.
    static let windowChunks = 4
    /// Scaled bodies kept between windows (about 100 KB each, so at most ~27 MB): enough that a
    /// file whose rows share a few hundred measurement sets never places one twice.
    static let bodyCacheLimit = 256
    /// Bytes a case file may have: it streams, so this is not a memory bound but a sanity
    /// one (2 million rows of 256 bytes).
    static let maxCaseFileBytes = 512 * 1024 * 1024

    /// One scaled body, with what every row on it shares.
    final class Body: Sendable {
        let locator: Locator
        let scaling: ScalingRecord
        /// The scaling record's JSON, encoded once for all the body's rows; `nil` for CSV,
        /// which writes only the method.
        let scalingJSON: FindingRecord.EncodedScaling?

        init(model: BodyModel, palpationError: PalpationUncertainty, preparation: Locator.Preparation, format: BatchOptions.BatchFormat) {
            locator = Locator(model: model, palpationError: palpationError, preparation: preparation)
            scaling = ScalingRecord(model.scaling)
            scalingJSON = format == .jsonl ? FindingRecord.EncodedScaling(scaling) : nil
        }
    }

    /// A body placed for one row: its measurements, and the one side it is placed on
    /// (``BodyModel/Anatomy/forLocatingOn(_:)``).
    struct OneRowBody: Hashable {
        let measurements: Measurements
        let side: Side
    }

    /// The most recently used bodies, by measurement set.
    struct BodyCache {
        private var bodies: [Measurements: (body: Result<Body, MeasurementError>, used: Int)] = [:]
        private var clock = 0
        let limit: Int

        init(limit: Int) { self.limit = limit }

        func body(for m: Measurements) -> Result<Body, MeasurementError>? { bodies[m]?.body }

        mutating func touch(_ m: Measurements) {
            clock += 1
            bodies[m]?.used = clock
        }

        mutating func insert(_ m: Measurements, _ body: Result<Body, MeasurementError>) {
            clock += 1
            bodies[m] = (body, clock)
            if bodies.count > limit, let oldest = bodies.min(by: { $0.value.used < $1.value.used })?.key {
                bodies[oldest] = nil
            }
        }
    }

    /// What one chunk produced.
    struct ChunkResult: Sendable {
        var bytes: [UInt8]
        var rows = 0
        var failures = 0
        var firstError: CaseError?
    }

    func run(casesPath: String, output: OutputFile) throws(CLIError) {
        do {
            try stream(casesPath: casesPath, output: output)
        } catch {
            output.discard()
            throw error
        }
    }

    private func stream(casesPath: String, output: OutputFile) throws(CLIError) {
        let reader = try LineReader(casesPath, what: "cases", limit: Self.maxCaseFileBytes)
        guard let headerLine = try reader.nextLines(1) else {
            throw CLIError(.dataError, "\(casesPath): \(CaseFileError.noHeader.description)")
        }
        let header: CaseFile.Header
        do {
            header = try CaseFile.header(headerLine.bytes)
        } catch {
            throw CLIError(.dataError, "\(casesPath): \(error.description)")
        }
        let catalogue = try symptomOptions.catalogue(for: atlas, required: header.columns.contains(.symptoms))
        let context = Context(atlas: AtlasReference(atlas), catalogue: catalogue, format: format, palpationError: palpationError,
                              catalogueReference: catalogue.map { AtlasReference(id: $0.id, version: $0.version) })
        if format == .csv { try output.write(FindingRecord.csvHeader) }

        let progress = ProgressBar(total: reader.size ?? 0, label: "locating", enabled: reader.size != nil && Terminal.standardErrorIsInteractive)
        var cache = BodyCache(limit: Self.bodyCacheLimit)
        var nextLine = 2, nextRow = 1, nextOffset = headerLine.bytes.count
        var rows = 0, failures = 0
        var firstError: CaseError?
        // Output bytes per row so far, so that a chunk's buffer is sized once, not doubled.
        var outputBytes = 0
        let atlas = self.atlas
        let palpationError = self.palpationError
        let format = self.format
        while true {
            // 1. Read a window of chunks and split them into records (in order: rows are numbered).
            var files: [CaseFile] = []
            var fatal: CLIError?
            var windowBytes = 0
            var unread = 0
            for _ in 0..<Self.windowChunks {
                let piece: (bytes: [UInt8], lines: Int)?
                do { piece = try reader.nextLines(Self.chunkLines) } catch { fatal = error; break }
                guard let piece else { break }
                windowBytes += piece.bytes.count
                do {
                    let file = try CaseFile(header: header, body: piece.bytes, firstLine: nextLine, firstRow: nextRow, offset: nextOffset)
                    files.append(file)
                    nextRow += file.records.count
                } catch {
                    fatal = CLIError(.dataError, "\(casesPath): \(error.description)")
                    unread = Self.rows(in: piece.bytes)
                    break
                }
                nextLine += piece.lines
                nextOffset += piece.bytes.count
            }
            // 2. Read every row.
            let chunks = files
            let requests: [[Result<CaseRequest, CaseError>]] = Parallel.map(count: chunks.count) { c in
                chunks[c].records.map { r in Result { () throws(CaseError) in try chunks[c].request(r) } }
            }
            // 3. Bodies: cached, or placed now for a set used more than once in the window.
            var uses: [Measurements: Int] = [:]
            for case .success(let r) in requests.joined() { uses[r.measurements, default: 0] += 1 }
            let wanted = uses.filter { $0.value > 1 && cache.body(for: $0.key) == nil }.map(\.key).prefix(Self.bodyCacheLimit)
            let wantedList = Array(wanted)
            let placed: [Result<Body, MeasurementError>] = Parallel.map(count: wantedList.count) { k in
                Result { () throws(MeasurementError) in Body(model: try BodyModel(atlas: atlas, measurements: wantedList[k], anatomy: .forLocating), palpationError: palpationError, preparation: .forManyPoints, format: format) }
            }
            for (m, b) in zip(wantedList, placed) { cache.insert(m, b) }
            var shared: [Measurements: Result<Body, MeasurementError>] = [:]
            for m in uses.keys { if let b = cache.body(for: m) { shared[m] = b; cache.touch(m) } }
            // 4. Locate and encode, chunk by chunk.
            let bodies = shared
            let bytesPerRow = rows > 0 ? outputBytes / rows + 64 : (format == .jsonl ? 1600 : 200)
            var results: [ChunkResult] = Parallel.map(count: chunks.count) { c in
                context.process(requests[c], bodies: bodies, atlas: atlas, bytesPerRow: bytesPerRow)
            }
            // 5. Write in input order, each chunk's bytes let go once written.
            for i in results.indices {
                let r = results[i]
                results[i].bytes = []
                try output.write(r.bytes)
                outputBytes += r.bytes.count
                rows += r.rows
                failures += r.failures
                if firstError == nil { firstError = r.firstError }
            }
            progress.advance(by: windowBytes)
            if let fatal {
                // The file cannot be read on: nothing is committed (a file output keeps its
                // old content), and the message counts what was not processed.
                progress.finish()
                var message = fatal.message + "; \(rows) row\(rows == 1 ? " was" : "s were") read before line \(nextLine)"
                if reader.exceededLimit {
                    message += " and the rest was not processed"
                } else {
                    let left = unread + reader.countRemainingRows()
                    message += " and the \(left) row\(left == 1 ? "" : "s") from line \(nextLine) on \(left == 1 ? "was" : "were") not processed"
                }
                if !output.target.isStandardOutput { message += "; \(output.target) was not written" }
                throw CLIError(fatal.code, message)
            }
            if chunks.isEmpty { break }
        }
        progress.finish()
        try OutputFiles.commit([output])
        if let firstError {
            // One line: the first bad row, and how many failed. Every bad row has its error
            // record in the output, in input order.
            var message = "\(casesPath): \(firstError.description)"
            if failures > 1 { message += " (and \(failures - 1) more bad row\(failures == 2 ? "" : "s"))" }
            message += "; \(failures) of \(rows) rows failed, the others were located; each bad row has an error record in the output"
            throw CLIError(.dataError, message)
        }
    }

    /// Lines holding more than a line end.
    static func rows(in bytes: [UInt8]) -> Int {
        var rows = 0, text = false
        for b in bytes {
            if b == 0x0A { rows += text ? 1 : 0; text = false } else if b != 0x0D { text = true }
        }
        return rows + (text ? 1 : 0)
    }

    /// What every chunk needs, shared read-only.
    struct Context: Sendable {
        let atlas: AtlasReference
        let catalogue: SymptomCatalogue?
        let format: BatchOptions.BatchFormat
        let palpationError: PalpationUncertainty
        let catalogueReference: AtlasReference?

        /// Locates and encodes one chunk. A measurement set without a shared body is placed
        /// here and dropped after its rows (a small local cache catches repeats). `bytesPerRow`
        /// sizes the output buffer (the file's average so far).
        func process(_ requests: [Result<CaseRequest, CaseError>], bodies: [Measurements: Result<Body, MeasurementError>],
                     atlas: Atlas, bytesPerRow: Int) -> ChunkResult {
            var result = ChunkResult(bytes: [])
            var json = JSONBytes(capacity: format == .jsonl ? requests.count * bytesPerRow : 0)
            var csv: [UInt8] = []
            if format == .csv { csv.reserveCapacity(requests.count * bytesPerRow) }
            var buffer = LocatorBuffer()
            var local: [OneRowBody: Result<Body, MeasurementError>] = [:]
            for request in requests {
                result.rows += 1
                let outcome: Result<FindingRecord, CaseError>
                var scalingJSON: FindingRecord.EncodedScaling?
                switch request {
                case .failure(let e):
                    outcome = .failure(e)
                case .success(let r):
                    let body: Result<Body, MeasurementError>
                    let key = OneRowBody(measurements: r.measurements, side: r.input.side)
                    if let b = bodies[r.measurements] ?? local[key] {
                        body = b
                    } else {
                        // Only the row's side: the row locates nothing on the other one.
                        body = Result { () throws(MeasurementError) in
                            Body(model: try BodyModel(atlas: atlas, measurements: r.measurements, anatomy: .forLocatingOn(r.input.side)),
                                 palpationError: palpationError, preparation: .forOnePoint, format: format)
                        }
                        if local.count >= 8 { local.removeAll(keepingCapacity: true) }
                        local[key] = body
                    }
                    outcome = record(r, body: body, buffer: &buffer)
                    if case .success(let b) = body { scalingJSON = b.scalingJSON }
                }
                switch (outcome, format) {
                case (.success(let record), .jsonl): record.writeJSONLine(into: &json, scaling: scalingJSON)
                case (.success(let record), .csv): record.writeCSVLine(into: &csv)
                case (.failure(let e), _):
                    result.failures += 1
                    if result.firstError == nil { result.firstError = e }
                    if format == .jsonl { e.writeJSONLine(into: &json) } else { e.writeCSVLine(into: &csv) }
                }
            }
            result.bytes = format == .jsonl ? json.bytes : csv
            return result
        }

        /// One row's record, built from the Locator's finding like `locate --json`'s.
        func record(_ r: CaseRequest, body: Result<Body, MeasurementError>, buffer: inout LocatorBuffer) -> Result<FindingRecord, CaseError> {
            func fail(_ field: String?, _ message: String) -> Result<FindingRecord, CaseError> {
                .failure(CaseError(line: r.line, row: r.row, caseId: r.caseId, field: field, message: message))
            }
            let b: Body
            switch body {
            case .failure(let e):
                if case .file = e { return fail(nil, e.description) }
                let description = e.description
                let message = description.hasPrefix(e.field + ": ") ? String(description.dropFirst(e.field.count + 2)) : description
                return fail(e.field.replacingOccurrences(of: "-", with: "_"), message)
            case .success(let ok): b = ok
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
            let finding = b.locator.locate(tenderPoint, screening: screening, buffer: &buffer, ranking: .bestAndNearest)
            return .success(FindingRecord(finding, atlas: atlas, catalogue: catalogueReference, case: r.caseId, row: r.row,
                                          detail: .row, scaling: b.scaling))
        }
    }
}
