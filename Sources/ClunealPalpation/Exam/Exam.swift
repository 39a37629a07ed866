import ClunealAnatomy

/// Why an exam file could not be used: one problem, located by file, JSON path and line.
public struct ExamError: Error, Hashable, Sendable, CustomStringConvertible {
    public let location: SourceLocation
    public let message: String

    public init(_ message: String, at location: SourceLocation) {
        self.location = location
        self.message = message
    }

    public var description: String { "\(location): \(message)" }
}

/// One tender point of an exam, checked.
public struct ExamPoint: Hashable, Sendable {
    public let label: String
    public let input: TenderPointInput
    public let pain: Double?
    public let block: ExamDocument.BlockEntry?
    /// The block's relief against the thresholds, when a block was given.
    public var relief: BlockRelief? { block.map { BlockRelief(painBefore: $0.painBefore, painAfter: $0.painAfter, minutes: $0.minutes) } }
    /// Where the point sits in the file, for errors found later (placing it on the body).
    public let path: JSONPath
}

/// A validated exam file: who, when, the measurements and every tender point. No I/O: it
/// takes bytes and returns values.
public struct Exam: Sendable {
    /// Labels are printed beside the points: at most this many characters.
    public static let labelLimit = 6
    /// At most this many tender points in one exam (one chart stays readable).
    public static let pointLimit = 12

    public let file: String
    public let document: ExamDocument
    public let measurements: Measurements
    public let points: [ExamPoint]
    private let map: JSONSourceMap

    public var patient: ExamDocument.Patient { document.patient }
    public var date: String { document.date }

    /// Decodes and checks an exam. The first problem is thrown, naming the file, path and line.
    public static func load(_ input: AtlasInput) throws(ExamError) -> Exam {
        let document: ExamDocument
        let map: JSONSourceMap
        do {
            (document, map) = try JSONDocumentDecoder.decode(ExamDocument.self, from: input)
        } catch {
            throw ExamError(error.message, at: error.location)
        }
        func at(_ path: JSONPath) -> SourceLocation { SourceLocation(file: input.file, path: path, line: map.line(for: path)) }
        func fail(_ message: String, _ path: JSONPath) -> ExamError { ExamError(message, at: at(path)) }
        let root = JSONPath.root
        if document.schemaVersion != 1 { throw fail("schemaVersion \(document.schemaVersion) is not supported (this build reads 1)", root.appending("schemaVersion")) }
        if document.patient.id.allSatisfy(\.isWhitespace) { throw fail("the patient id must not be empty", root.appending("patient").appending("id")) }
        if let age = document.patient.age, !(0...120).contains(age) { throw fail("age \(age) is outside 0–120", root.appending("patient").appending("age")) }
        if !isISODate(document.date) { throw fail("\"\(document.date)\" is not a date written YYYY-MM-DD", root.appending("date")) }
        if document.tenderPoints.isEmpty { throw fail("the exam lists no tender points", root.appending("tenderPoints")) }
        if document.tenderPoints.count > pointLimit { throw fail("\(document.tenderPoints.count) tender points; at most \(pointLimit) fit one chart", root.appending("tenderPoints")) }
        var measurements = Measurements()
        if let m = document.measurements {
            do {
                measurements = try Measurements(m, at: root.appending("measurements"), locate: at)
            } catch {
                switch error {
                case .file(let location, let message): throw ExamError(message, at: location)
                default: throw fail(error.description, root.appending("measurements"))
                }
            }
        }
        if measurements.sex == nil { measurements.sex = document.patient.sex }
        var labels: [String: Int] = [:]
        var points: [ExamPoint] = []
        for (i, t) in document.tenderPoints.enumerated() {
            let path = root.appending("tenderPoints").appending(i)
            let label = t.label.trimmingWhitespace
            if label.isEmpty || label.count > labelLimit { throw fail("a label is 1 to \(labelLimit) characters, not \"\(t.label)\"", path.appending("label")) }
            if let first = labels[label] { throw fail("label \"\(label)\" is already used by tenderPoints[\(first)]", path.appending("label")) }
            labels[label] = i
            func length(_ v: MeasurementsDocument.LengthValue, _ key: String) throws(ExamError) -> Length {
                do { return try v.length() } catch { throw fail(error.description, path.appending(key)) }
            }
            let input = TenderPointInput(side: t.side, frame: t.from, lateral: try length(t.lateral, "lateral"), vertical: try length(t.vertical, "vertical"))
            do { try PalpationLimits.check(input) } catch { throw fail(error.message, path.appending(error.field)) }
            if let pain = t.pain, !(0...10).contains(pain) { throw fail("pain \(pain) is outside 0–10", path.appending("pain")) }
            if let b = t.block {
                let bp = path.appending("block")
                if b.agent.allSatisfy(\.isWhitespace) { throw fail("the agent must not be empty", bp.appending("agent")) }
                if !(b.volume > 0 && b.volume <= 20) { throw fail("volume \(b.volume) mL is outside (0, 20]", bp.appending("volume")) }
                if !(0...10).contains(b.painBefore) { throw fail("painBefore \(b.painBefore) is outside 0–10", bp.appending("painBefore")) }
                if !(0...10).contains(b.painAfter) { throw fail("painAfter \(b.painAfter) is outside 0–10", bp.appending("painAfter")) }
                if !(0...1440).contains(b.minutes) { throw fail("minutes \(b.minutes) is outside 0–1440", bp.appending("minutes")) }
            }
            points.append(ExamPoint(label: label, input: input, pain: t.pain, block: t.block, path: path))
        }
        return Exam(file: input.file, document: document, measurements: measurements, points: points, map: map)
    }

    private init(file: String, document: ExamDocument, measurements: Measurements, points: [ExamPoint], map: JSONSourceMap) {
        self.file = file
        self.document = document
        self.measurements = measurements
        self.points = points
        self.map = map
    }

    /// The location of a path in this file, for errors found after loading.
    public func location(_ path: JSONPath) -> SourceLocation { SourceLocation(file: file, path: path, line: map.line(for: path)) }

    /// The red-flag screening of the exam's symptoms; words are resolved as `--symptom` does.
    public func screening(with catalogue: SymptomCatalogue?) throws(ExamError) -> RedFlagScreening {
        let words = document.symptoms ?? []
        guard let catalogue else {
            if words.isEmpty { return RedFlagScreening.none.screened(document.redFlagsScreened) }
            throw ExamError("symptoms need the symptom catalogue (symptoms.json next to the atlas)", at: location(JSONPath.root.appending("symptoms")))
        }
        for (i, w) in words.enumerated() {
            do { _ = try catalogue.resolve(w) } catch { throw ExamError(error.message, at: location(JSONPath.root.appending("symptoms").appending(i))) }
        }
        do { return try catalogue.screen(words, screened: document.redFlagsScreened) } catch {
            throw ExamError(error.message, at: location(JSONPath.root.appending("symptoms")))
        }
    }

    /// Every point located on `model`, in file order.
    public func locate(with locator: Locator, screening: RedFlagScreening) throws(ExamError) -> [ExamFinding] {
        var out: [ExamFinding] = []
        for p in points {
            let tp: TenderPoint
            do { tp = try TenderPoint(p.input, on: locator.model) } catch { throw ExamError(error.message, at: location(p.path.appending(error.field))) }
            out.append(ExamFinding(point: p, finding: locator.locate(tp, screening: screening)))
        }
        return out
    }

    static func isISODate(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return false }
        let days = [31, (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return (1...12).contains(m) && (1...days[m - 1]).contains(d)
    }
}

/// One tender point of an exam with what the Locator says about it.
public struct ExamFinding: Hashable, Sendable {
    public let point: ExamPoint
    public let finding: Finding
}

extension String {
    var trimmingWhitespace: String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }
}
