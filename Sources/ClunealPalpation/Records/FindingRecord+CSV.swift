import ClunealAnatomy

/// The CSV form of ``FindingRecord`` for `locate --cases --format csv`: one row per record,
/// every column taken from a field of the record (listed in ``csvColumns``), and the same
/// columns for a row that failed, with its message in `error`.
extension FindingRecord {
    /// Column names, and the record field each comes from.
    public static let csvColumns: [(name: String, field: String)] = [
        ("case", "case"), ("row", "row"), ("urgent_referral", "urgentReferral"), ("urgency", "urgency"),
        ("red_flags", "redFlags[].id"), ("side", "tenderPoint.side"), ("from", "tenderPoint.measured.from"),
        ("x_mm", "tenderPoint.xMillimetres"), ("z_mm", "tenderPoint.zMillimetres"),
        ("nerve", "bestMatch.nerve (none without a best match)"), ("branch", "bestMatch.branch"), ("zone", "bestMatch.zone"),
        ("source", "bestMatch.source"), ("site", "bestMatch.siteId"), ("standard_score", "bestMatch.standardScore"),
        ("distance_mm", "bestMatch.distanceMillimetres"), ("within_one_sd", "bestMatch.withinOneSD"),
        ("within_two_sd", "bestMatch.withinTwoSD"), ("nearest_path_mm", "bestMatch.nearestPathMillimetres"),
        ("block_site", "blockSite.id"), ("look_alikes", "lookAlikes[].id where inside"), ("nearest_zone", "nearestZone.zone"),
        ("nearest_standard_score", "nearestZone.standardScore"), ("group", "group.nerve (empty when the branches can be told apart)"),
        ("palpation_error_lateral_mm", "palpationError.lateralMillimetres"), ("palpation_error_vertical_mm", "palpationError.verticalMillimetres"),
        ("scaling", "scaling.method"), ("error", "the row's error"),
    ]

    /// The header line.
    public static var csvHeader: [UInt8] { Array((csvColumns.map(\.name).joined(separator: ",") + "\n").utf8) }

    /// Appends the record as one CSV line.
    public func writeCSVLine(into out: inout [UInt8]) {
        var c = CSVRow()
        c.text(self.case ?? "", &out)
        if let row { c.integer(row, &out) } else { c.word("", &out) }
        c.word(urgentReferral ? "yes" : "no", &out)
        c.word(urgency.rawValue, &out)
        c.text(redFlags.map(\.id).joined(separator: ";"), &out)
        c.word(tenderPoint.side.rawValue, &out)
        c.word(tenderPoint.measured?.from.rawValue ?? "", &out)
        c.number(tenderPoint.xMillimetres, &out)
        c.number(tenderPoint.zMillimetres, &out)
        if let b = bestMatch {
            c.word(b.nerve.rawValue, &out)
            c.text(b.branch, &out)
            c.text(b.zone, &out)
            c.text(b.source, &out)
            c.text(b.siteId, &out)
            c.number(b.standardScore, &out)
            c.number(b.distanceMillimetres, &out)
            c.word(b.withinOneSD ? "yes" : "no", &out)
            c.word(b.withinTwoSD ? "yes" : "no", &out)
            c.number(b.nearestPathMillimetres, &out)
        } else {
            c.word("none", &out)
            for _ in 0..<9 { c.word("", &out) }
        }
        c.text(blockSite?.id ?? "", &out)
        c.text(lookAlikes.filter(\.inside).map(\.id).joined(separator: ";"), &out)
        c.text(nearestZone?.zone ?? "", &out)
        c.number(nearestZone?.standardScore, &out)
        c.word(group?.nerve.rawValue ?? "", &out)
        c.number(palpationError.lateralMillimetres, &out)
        c.number(palpationError.verticalMillimetres, &out)
        c.word(scaling.method.rawValue, &out)
        c.word("", &out)
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
