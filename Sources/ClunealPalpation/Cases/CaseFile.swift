import ClunealAnatomy

/// A CSV file of tender points to locate in one run.
///
/// Header (any order; the first five are required, the rest optional):
///
///     case,side,from,lateral,vertical,height,sex,psis_from_midline,crest_height,bicristal_width,symptoms
///
/// `side` is left or right (the patient's), `from` is midline, psis or crest, lengths take units
/// as at the command line (`7cm`, `70mm`, bare numbers are cm) and `symptoms` is a
/// `;`-separated list of symptom ids. Fields may be quoted (`"a, b"`, with `""` for a quote),
/// but a quoted field ends on its line: one left open is an error of that row, naming the
/// line it opened on, and the next line is read as the next row (so one stray quote cannot
/// swallow the rest of a file). A UTF-8 byte-order mark and CRLF line ends are accepted;
/// blank lines are skipped. A decimal comma is refused with the row and the field.
///
/// Every record is one line, so a file can be read in pieces cut at line ends: the header
/// with ``header(_:)``, then each piece with ``init(header:body:firstLine:firstRow:)``.
/// ``request(_:)`` reads one record and can run on any thread.
public struct CaseFile: Sendable {
    /// The columns this build reads.
    public enum Column: String, CaseIterable, Hashable, Sendable {
        case caseId = "case"
        case side, from, lateral, vertical, height, sex
        case psisFromMidline = "psis_from_midline"
        case crestHeight = "crest_height"
        case bicristalWidth = "bicristal_width"
        case symptoms
    }

    public static let requiredColumns: [Column] = [.caseId, .side, .from, .lateral, .vertical]

    /// Fields kept per record: a record with more is refused (its extra fields are not stored),
    /// so one hostile line of commas cannot fill memory.
    public static let maxFieldsPerRecord = 256
    /// Data rows a file may hold (a 64 MiB file of short rows has under two million).
    public static let maxRows = 2_000_000

    /// One line of data (a quoted field may span lines).
    public struct Record: Sendable {
        /// 1-based line of the file where the record starts.
        public let line: Int
        /// 1-based data row (the header is not counted).
        public let row: Int
        let firstField: Int
        let fieldCount: Int
        /// Set when the record's shape is wrong (field count, quotes).
        let problem: String?
    }

    struct Field: Sendable {
        var start: Int32
        var end: Int32
        /// A quoted field with `""` inside, which needs unescaping.
        var escaped: Bool
    }

    /// The columns in file order.
    public let columns: [Column]
    public let records: [Record]
    private let bytes: [UInt8]
    private let fields: [Field]
    /// Position of each column (indexed like `Column.allCases`) in a record, or −1.
    private let position: [Int]

    /// The columns of a file, read from its header line.
    public struct Header: Sendable {
        /// The columns in file order.
        public let columns: [Column]
        /// Position of each column (indexed like `Column.allCases`) in a record, or −1.
        let position: [Int]
    }

    /// Splits a whole file into records. Throws only for problems with the file as a whole:
    /// not UTF-8, too large, no header, an unknown, repeated or missing column.
    public init(bytes: [UInt8]) throws(CaseFileError) {
        guard bytes.count < Int(Int32.max) else { throw .tooLarge(bytes.count) }
        if let problem = UTF8Problem.find(in: bytes) { throw .notUTF8(problem) }
        let end = bytes.firstIndex(of: 0x0A).map { $0 + 1 } ?? bytes.count
        let header = try Self.header(Array(bytes[0..<end]))
        try self.init(header: header, body: Array(bytes[end...]), firstLine: 2, firstRow: 1, offset: end)
    }

    /// Reads the header line (with its line end, a byte-order mark allowed).
    public static func header(_ line: [UInt8]) throws(CaseFileError) -> Header {
        if let problem = UTF8Problem.find(in: line) { throw .notUTF8(problem) }
        let bytes = line
        var scanner = Scanner(bytes: bytes)
        var fields: [Field] = []
        guard let header = scanner.nextRecord(into: &fields) else { throw .noHeader }
        if let problem = header.problem { throw .badHeader(problem) }
        guard header.count <= Column.allCases.count else {
            throw .badHeader("\(header.count) columns; a case file has at most \(Column.allCases.count) (\(Column.allCases.map(\.rawValue).joined(separator: ",")))")
        }
        var columns: [Column] = []
        var position = Array(repeating: -1, count: Column.allCases.count)
        for k in 0..<header.count {
            let f = fields[header.first + k]
            let name = Self.text(bytes, f).trimmedASCII.lowercased()
            guard let column = Column(rawValue: name) else {
                throw .unknownColumn(name: name, known: Column.allCases.map(\.rawValue))
            }
            let ci = Column.allCases.firstIndex(of: column) ?? 0
            if position[ci] >= 0 { throw .repeatedColumn(name) }
            position[ci] = k
            columns.append(column)
        }
        let missing = Self.requiredColumns.filter { !columns.contains($0) }
        if !missing.isEmpty { throw .missingColumns(missing.map(\.rawValue)) }
        return Header(columns: columns, position: position)
    }

    /// The records of `body`: whole lines of a file after its header, the first of them line
    /// `firstLine` of the file and data row `firstRow`, starting at byte `offset` of the file.
    /// Throws for bytes that are not UTF-8
    /// (with the line of the file) and for a row past ``maxRows``.
    public init(header: Header, body: [UInt8], firstLine: Int, firstRow: Int, offset: Int = 0) throws(CaseFileError) {
        let bytes = body
        guard bytes.count < Int(Int32.max) else { throw .tooLarge(bytes.count) }
        if let problem = UTF8Problem.find(in: bytes) {
            throw .notUTF8(UTF8Problem(offset: problem.offset + offset, byte: problem.byte, line: problem.line + firstLine - 1,
                                       looksLikeUTF16: problem.looksLikeUTF16))
        }
        let columns = header.columns
        var scanner = Scanner(bytes: bytes, line: firstLine)
        var fields: [Field] = []
        fields.reserveCapacity(bytes.count / 4)
        var records: [Record] = []
        records.reserveCapacity(bytes.count / 24)
        var row = firstRow - 1
        while let r = scanner.nextRecord(into: &fields) {
            row += 1
            guard row <= Self.maxRows else { throw .tooManyRows(Self.maxRows) }
            var problem = r.problem
            if problem == nil, r.count != columns.count {
                var why = "\(r.count) field\(r.count == 1 ? "" : "s") where the header has \(columns.count)"
                if r.count > columns.count, Self.looksLikeDecimalComma(bytes, fields[r.first..<(r.first + r.count)]) {
                    why += "; a decimal comma (7,5) splits a field in two: write a point (7.5), or quote the field"
                }
                problem = why
            }
            records.append(Record(line: r.line, row: row, firstField: r.first, fieldCount: r.count, problem: problem))
        }
        self.columns = columns
        self.records = records
        self.bytes = bytes
        self.fields = fields
        self.position = header.position
    }

    /// Reads one record: every field checked, errors naming the row, line, case and column.
    public func request(_ record: Record) throws(CaseError) -> CaseRequest {
        let caseId = field(record, .caseId).map { Self.text(bytes, $0).trimmedASCII }
        func fail(_ column: Column?, _ message: String) -> CaseError {
            CaseError(line: record.line, row: record.row, caseId: caseId, field: column?.rawValue, message: message)
        }
        if let problem = record.problem { throw fail(nil, problem) }
        guard let caseId, !caseId.isEmpty else { throw fail(.caseId, "the case id is empty") }
        func word(_ column: Column) -> String? {
            field(record, column).map { Self.text(bytes, $0).trimmedASCII.lowercased() }
        }
        let sideText = word(.side) ?? ""
        guard let side = Side(rawValue: sideText) else {
            throw fail(.side, "\"\(Echo.cut(sideText))\" is not one of \(Side.allCases.map(\.rawValue).joined(separator: ", ")) (the patient's side)")
        }
        let fromText = word(.from) ?? ""
        guard let frame = InputFrame(rawValue: fromText) else {
            throw fail(.from, "\"\(Echo.cut(fromText))\" is not one of \(InputFrame.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        func length(_ column: Column, required: Bool) throws(CaseError) -> Length? {
            guard let f = field(record, column), f.end > f.start else {
                if required { throw fail(column, "no length given") }
                return nil
            }
            do {
                if f.escaped { return try Length.parse(Self.text(bytes, f)) }
                return try bytes.withUnsafeBufferPointer { all throws(Length.ParseError) -> Length in
                    try FastLength.parse(UnsafeBufferPointer(rebasing: all[Int(f.start)..<Int(f.end)]))
                }
            } catch {
                throw fail(column, error.description)
            }
        }
        guard let lateral = try length(.lateral, required: true), let vertical = try length(.vertical, required: true) else {
            throw fail(.lateral, "no length given")
        }
        let input = TenderPointInput(side: side, frame: frame, lateral: lateral, vertical: vertical)
        do {
            try PalpationLimits.check(input)
        } catch {
            throw fail(Column(rawValue: error.field), error.message)
        }
        var m = Measurements()
        m.stature = try length(.height, required: false)
        m.psisFromMidline = try length(.psisFromMidline, required: false)
        m.crestSummitAbovePSIS = try length(.crestHeight, required: false)
        m.bicristalWidth = try length(.bicristalWidth, required: false)
        if let sex = word(.sex), !sex.isEmpty {
            guard let s = Sex(rawValue: sex) else {
                throw fail(.sex, Sex.notASex(sex))
            }
            m.sex = s
        }
        var symptoms: [String] = []
        if let f = field(record, .symptoms), f.end > f.start {
            for part in Self.text(bytes, f).split(separator: ";") {
                let name = String(part).trimmedASCII
                if !name.isEmpty { symptoms.append(name) }
            }
        }
        return CaseRequest(caseId: caseId, row: record.row, line: record.line, input: input, measurements: m, symptoms: symptoms)
    }

    /// The raw text of one column of a record (unescaped, untrimmed), or `nil` if the file has
    /// no such column or the record is too short.
    public func text(_ record: Record, _ column: Column) -> String? {
        field(record, column).map { Self.text(bytes, $0) }
    }

    private func field(_ record: Record, _ column: Column) -> Field? {
        let ci = Column.allCases.firstIndex(of: column) ?? 0
        let k = position[ci]
        guard k >= 0, k < record.fieldCount else { return nil }
        return fields[record.firstField + k]
    }

    private static func text(_ bytes: [UInt8], _ f: Field) -> String {
        let s = String(decoding: bytes[Int(f.start)..<Int(f.end)], as: UTF8.self)
        return f.escaped ? s.replacingQuotePairs() : s
    }

    private static func looksLikeDecimalComma(_ bytes: [UInt8], _ fields: ArraySlice<Field>) -> Bool {
        func isDigit(_ i: Int32) -> Bool { bytes[Int(i)] >= 0x30 && bytes[Int(i)] <= 0x39 }
        let list = Array(fields)
        guard list.count >= 2 else { return false }
        for k in 0..<(list.count - 1) {
            let a = list[k], b = list[k + 1]
            if a.end > a.start, b.end > b.start, isDigit(a.end - 1), isDigit(b.start), b.start == a.end + 1 { return true }
        }
        return false
    }

    /// Splits bytes into records of fields.
    private struct Scanner {
        let bytes: [UInt8]
        var i = 0
        var line = 1

        init(bytes: [UInt8], line: Int = 1) {
            self.bytes = bytes
            self.line = line
            if line == 1, bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
        }

        struct Raw {
            var line: Int
            var first: Int
            /// Fields stored (at most ``CaseFile/maxFieldsPerRecord``).
            var count: Int
            var problem: String?
        }

        /// Stores a field unless the record already has the most it may have.
        private func append(_ field: Field, to raw: inout Raw, _ fields: inout [Field]) {
            guard raw.count < CaseFile.maxFieldsPerRecord else {
                if raw.problem == nil { raw.problem = "more than \(CaseFile.maxFieldsPerRecord) fields" }
                return
            }
            fields.append(field)
            raw.count += 1
        }

        /// The next non-blank record, its fields appended to `fields`.
        mutating func nextRecord(into fields: inout [Field]) -> Raw? {
            let n = bytes.count
            // Skip blank lines.
            while i < n {
                if bytes[i] == 0x0A { i += 1; line += 1 } else if bytes[i] == 0x0D { i += 1; if i < n, bytes[i] == 0x0A { i += 1 }; line += 1 } else { break }
            }
            guard i < n else { return nil }
            var raw = Raw(line: line, first: fields.count, count: 0, problem: nil)
            while true {
                if i < n, bytes[i] == UInt8(ascii: "\"") {
                    // Quoted field.
                    i += 1
                    let start = i
                    var escaped = false
                    var closed = false
                    while i < n {
                        let c = bytes[i]
                        if c == UInt8(ascii: "\"") {
                            if i + 1 < n, bytes[i + 1] == UInt8(ascii: "\"") { escaped = true; i += 2; continue }
                            closed = true
                            break
                        }
                        // A quoted field ends on its line.
                        if c == 0x0A || c == 0x0D { break }
                        i += 1
                    }
                    append(Field(start: Int32(start), end: Int32(i), escaped: escaped), to: &raw, &fields)
                    if !closed {
                        raw.problem = raw.problem ?? "the quote that opens field \(raw.count) on line \(raw.line) is not closed on that line (a quoted field cannot span lines; the next line is read as the next row)"
                        guard i < n else { return raw }
                        if bytes[i] == 0x0D, i + 1 < n, bytes[i + 1] == 0x0A { i += 1 }
                        i += 1
                        line += 1
                        return raw
                    }
                    i += 1
                    if i < n, bytes[i] != UInt8(ascii: ","), bytes[i] != 0x0A, bytes[i] != 0x0D {
                        raw.problem = raw.problem ?? "text after the closing quote of field \(raw.count)"
                        while i < n, bytes[i] != UInt8(ascii: ","), bytes[i] != 0x0A, bytes[i] != 0x0D { i += 1 }
                    }
                } else {
                    let start = i
                    while i < n {
                        let c = bytes[i]
                        if c == UInt8(ascii: ",") || c == 0x0A || c == 0x0D { break }
                        i += 1
                    }
                    append(Field(start: Int32(start), end: Int32(i), escaped: false), to: &raw, &fields)
                }
                guard i < n else { return raw }
                let c = bytes[i]
                i += 1
                if c == UInt8(ascii: ",") { continue }
                if c == 0x0D, i < n, bytes[i] == 0x0A { i += 1 }
                line += 1
                return raw
            }
        }
    }
}

/// One case read from a ``CaseFile`` row.
public struct CaseRequest: Hashable, Sendable {
    public var caseId: String
    public var row: Int
    public var line: Int
    public var input: TenderPointInput
    /// The row's own measurements (none when its columns are empty).
    public var measurements: Measurements
    /// Symptom ids as written (checked against the catalogue when the case is located).
    public var symptoms: [String]
}

/// A problem with one row of a case file. The other rows still run.
public struct CaseError: Error, Hashable, Sendable, CustomStringConvertible {
    public var line: Int
    public var row: Int
    public var caseId: String?
    /// The column the problem is in, when it is in one.
    public var field: String?
    public var message: String

    public init(line: Int, row: Int, caseId: String?, field: String?, message: String) {
        self.line = line
        self.row = row
        self.caseId = caseId
        self.field = field
        self.message = message
    }

    /// `row 4 (line 5, case "k-07"): lateral: "7,5" uses a decimal comma...`
    public var description: String {
        var where_ = "row \(row) (line \(line)"
        if let caseId, !caseId.isEmpty { where_ += ", case \"\(Echo.cut(caseId))\"" }
        where_ += ")"
        return field.map { "\(where_): \($0): \(message)" } ?? "\(where_): \(message)"
    }
}

/// A problem with a case file as a whole; nothing is run.
public enum CaseFileError: Error, Hashable, Sendable, CustomStringConvertible {
    case notUTF8(UTF8Problem)
    /// More bytes than a case file may hold (2 GiB).
    case tooLarge(Int)
    /// More data rows than ``CaseFile/maxRows``.
    case tooManyRows(Int)
    case noHeader
    case badHeader(String)
    case unknownColumn(name: String, known: [String])
    case repeatedColumn(String)
    case missingColumns([String])

    public var description: String {
        switch self {
        case .notUTF8(let p): p.description
        case .tooLarge(let n): "the file has \(n) bytes; a case file may have at most \(Int32.max)"
        case .tooManyRows(let limit): "more than \(limit) rows; split the file"
        case .noHeader: "the file is empty: the first line must be the header (case,side,from,lateral,vertical,...)"
        case .badHeader(let why): "line 1 (header): \(why)"
        case .unknownColumn(let name, let known):
            "line 1 (header): unknown column \"\(name)\" (known: \(known.joined(separator: ", ")))"
        case .repeatedColumn(let name): "line 1 (header): the column \"\(name)\" appears twice"
        case .missingColumns(let names):
            "line 1 (header): required column\(names.count == 1 ? "" : "s") \(names.map { "\"\($0)\"" }.joined(separator: ", ")) missing (the header must have case,side,from,lateral,vertical)"
        }
    }
}

extension String {
    /// Without leading and trailing ASCII spaces and tabs.
    var trimmedASCII: String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" { s.removeLast() }
        return String(s)
    }

    /// `""` read as `"`, for quoted CSV fields.
    func replacingQuotePairs() -> String {
        var out = ""
        var previousWasQuote = false
        for c in self {
            if c == "\"" {
                if previousWasQuote { previousWasQuote = false; continue }
                previousWasQuote = true
            } else {
                previousWasQuote = false
            }
            out.append(c)
        }
        return out
    }
}
