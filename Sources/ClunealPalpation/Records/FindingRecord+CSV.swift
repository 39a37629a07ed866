import ClunealAnatomy

/// The CSV form of ``FindingRecord`` for `locate --cases --format csv`: one row per record,
/// every column taken from a field of the record (listed in ``csvColumns``), and the same
/// columns for a row that failed, with its message in `error`.
extension FindingRecord {
    /// One CSV column: its name, the record field it comes from, and how it is written. The
    /// one list behind the header, every row and the error rows, so the three cannot drift.
    public struct CSVColumn: Sendable {
        public let name: String
        public let field: String
        let write: @Sendable (FindingRecord, inout CSVRow, inout [UInt8]) -> Void
    }

    /// Columns in order.
    public static let csvColumns: [CSVColumn] = {
        typealias Writer = @Sendable (FindingRecord, inout CSVRow, inout [UInt8]) -> Void
        func column(_ name: String, _ field: String, _ write: @escaping Writer) -> CSVColumn { CSVColumn(name: name, field: field, write: write) }
        @Sendable func yes(_ v: Bool) -> String { v ? "yes" : "no" }
        return [
            column("case", "case") { r, c, o in c.text(r.case ?? "", &o) },
            column("row", "row") { r, c, o in if let row = r.row { c.integer(row, &o) } else { c.word("", &o) } },
            column("urgent_referral", "urgentReferral") { r, c, o in c.word(yes(r.urgentReferral), &o) },
            column("urgency", "urgency") { r, c, o in c.word(r.urgency.rawValue, &o) },
            column("red_flags", "redFlags[].id") { r, c, o in c.text(r.redFlags.map(\.id).joined(separator: ";"), &o) },
            column("side", "tenderPoint.side") { r, c, o in c.word(r.tenderPoint.side.rawValue, &o) },
            column("from", "tenderPoint.measured.from") { r, c, o in c.word(r.tenderPoint.measured?.from.rawValue ?? "", &o) },
            column("x_mm", "tenderPoint.xMillimetres") { r, c, o in c.number(r.tenderPoint.xMillimetres, &o) },
            column("z_mm", "tenderPoint.zMillimetres") { r, c, o in c.number(r.tenderPoint.zMillimetres, &o) },
            column("nerve", "bestMatch.nerve (none without a best match)") { r, c, o in c.word(r.bestMatch?.nerve.rawValue ?? "none", &o) },
            column("branch", "bestMatch.branch") { r, c, o in c.text(r.bestMatch?.branch ?? "", &o) },
            column("zone", "bestMatch.zone") { r, c, o in c.text(r.bestMatch?.zone ?? "", &o) },
            column("source", "bestMatch.source") { r, c, o in c.text(r.bestMatch?.source ?? "", &o) },
            column("site", "bestMatch.siteId") { r, c, o in c.text(r.bestMatch?.siteId ?? "", &o) },
            column("standard_score", "bestMatch.standardScore") { r, c, o in c.number(r.bestMatch?.standardScore, &o) },
            column("distance_mm", "bestMatch.distanceMillimetres") { r, c, o in c.number(r.bestMatch?.distanceMillimetres, &o) },
            column("within_one_sd", "bestMatch.withinOneSD") { r, c, o in c.word(r.bestMatch.map { yes($0.withinOneSD) } ?? "", &o) },
            column("within_two_sd", "bestMatch.withinTwoSD") { r, c, o in c.word(r.bestMatch.map { yes($0.withinTwoSD) } ?? "", &o) },
            column("nearest_path_mm", "bestMatch.nearestPathMillimetres") { r, c, o in c.number(r.bestMatch?.nearestPathMillimetres, &o) },
            column("block_site", "blockSite.id") { r, c, o in c.text(r.blockSite?.id ?? "", &o) },
            column("look_alikes", "lookAlikes[].id where inside") { r, c, o in c.text(r.lookAlikes.filter(\.inside).map(\.id).joined(separator: ";"), &o) },
            column("nearest_zone", "nearestZone.zone") { r, c, o in c.text(r.nearestZone?.zone ?? "", &o) },
            column("nearest_standard_score", "nearestZone.standardScore") { r, c, o in c.number(r.nearestZone?.standardScore, &o) },
            column("group", "group.nerve (empty when the branches can be told apart)") { r, c, o in c.word(r.group?.nerve.rawValue ?? "", &o) },
            column("palpation_error_lateral_mm", "palpationError.lateralMillimetres") { r, c, o in c.number(r.palpationError.lateralMillimetres, &o) },
            column("palpation_error_vertical_mm", "palpationError.verticalMillimetres") { r, c, o in c.number(r.palpationError.verticalMillimetres, &o) },
            column("scaling", "scaling.method") { r, c, o in c.word(r.scaling.method.rawValue, &o) },
            column("error", "the row's error") { _, c, o in c.word("", &o) },
        ]
    }()

    /// The header line.
    public static var csvHeader: [UInt8] { Array((csvColumns.map(\.name).joined(separator: ",") + "\n").utf8) }

    /// Appends the record as one CSV line.
    public func writeCSVLine(into out: inout [UInt8]) {
        var c = CSVRow()
        for column in Self.csvColumns { column.write(self, &c, &out) }
        out.append(0x0A)
    }
}

extension CaseError {
    /// The row as a batch error record: one JSON line `{"case","error":{"field","message"},"line","row"}`.
    public func writeJSONLine(into out: inout JSONBytes) {
        out.object { o in
            if let caseId { o.field("case", Echo.cut(caseId)) }
            o.field("error") { w in
                w.object { e in
                    if let field { e.field("field", field) }
                    e.field("message", message)
                }
            }
            o.field("line", line)
            o.field("row", row)
        }
        out.bytes.append(0x0A)
    }

    /// The row as a CSV line with every result column empty and the message in `error`.
    public func writeCSVLine(into out: inout [UInt8]) {
        var c = CSVRow()
        c.text(caseId.map(Echo.cut) ?? "", &out)
        c.integer(row, &out)
        for _ in 2..<(FindingRecord.csvColumns.count - 1) { c.word("", &out) }
        c.text(field.map { "\($0): \(message)" } ?? message, &out)
        out.append(0x0A)
    }
}
