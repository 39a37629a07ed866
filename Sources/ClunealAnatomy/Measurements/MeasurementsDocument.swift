/// A measurements file (`--measurements FILE`), as written in JSON.
///
/// ```json
/// { "height": "172cm", "sex": "female", "psisFromMidline": "4.2cm",
///   "crestSummitAbovePsis": "8cm", "crestSummitFrom": "palpation", "bicristalWidth": "27.5cm",
///   "landmarks": [ { "id": "greater-trochanter", "side": "left", "lateral": "16cm", "vertical": "-8cm" } ] }
/// ```
/// Lengths are strings with a unit (mm, cm, m) or bare numbers in centimetres, as at the CLI.
/// `crestSummitFrom` is `palpation` (the default: lowered to the bony level before it scales the
/// body) or `imaging` (used as it is).
public struct MeasurementsDocument: Codable, Hashable, Sendable {
    public var height: LengthValue?
    public var sex: Sex?
    public var psisFromMidline: LengthValue?
    public var crestSummitAbovePsis: LengthValue?
    public var crestSummitFrom: CrestLevelSource?
    public var bicristalWidth: LengthValue?
    public var landmarks: [PalpatedLandmarkEntry]?

    public struct PalpatedLandmarkEntry: Codable, Hashable, Sendable {
        public var id: String
        public var side: Side?
        public var lateral: LengthValue?
        public var vertical: LengthValue
    }

    /// A length written as "7cm" or as a bare number (centimetres).
    public enum LengthValue: Codable, Hashable, Sendable {
        case text(String)
        case number(Double)

        public init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let d = try? c.decode(Double.self) { self = .number(d); return }
            self = .text(try c.decode(String.self))
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            case .text(let s): try c.encode(s)
            case .number(let d): try c.encode(d)
            }
        }

        public func length() throws(Length.ParseError) -> Length {
            switch self {
            case .text(let s): return try Length.parse(s)
            case .number(let d):
                guard d.isFinite else { throw .nonFinite(String(d)) }
                return Length.centimetres(d)
            }
        }
    }
}

extension Measurements {
    /// Reads a measurements file. Errors name the file, JSON path and line.
    public static func decode(_ input: AtlasInput) throws(MeasurementError) -> Measurements {
        let document: MeasurementsDocument
        let map: JSONSourceMap
        do {
            (document, map) = try JSONDocumentDecoder.decode(MeasurementsDocument.self, from: input)
        } catch {
            throw .file(location: error.location, message: error.message)
        }
        return try Measurements(document, at: .root) { SourceLocation(file: input.file, path: $0, line: map.line(for: $0)) }
    }

    /// The measurements a document holds, read at `root` (a measurements file's root, or the
    /// `measurements` object of an exam file); `locate` turns a path into a location for errors.
    public init(_ document: MeasurementsDocument, at root: JSONPath, locate at: (JSONPath) -> SourceLocation) throws(MeasurementError) {
        func read(_ v: MeasurementsDocument.LengthValue?, _ path: JSONPath) throws(MeasurementError) -> Length? {
            guard let v else { return nil }
            do { return try v.length() } catch { throw .file(location: at(path), message: error.description) }
        }
        var m = Measurements()
        m.stature = try read(document.height, root.appending("height"))
        m.sex = document.sex
        m.psisFromMidline = try read(document.psisFromMidline, root.appending("psisFromMidline"))
        m.crestSummitAbovePSIS = try read(document.crestSummitAbovePsis, root.appending("crestSummitAbovePsis"))
        m.crestSummitSource = document.crestSummitFrom
        m.bicristalWidth = try read(document.bicristalWidth, root.appending("bicristalWidth"))
        for (i, l) in (document.landmarks ?? []).enumerated() {
            let path = root.appending("landmarks").appending(i)
            let lateral = try read(l.lateral, path.appending("lateral")) ?? Length(millimetres: 0)
            guard let vertical = try read(l.vertical, path.appending("vertical")) else { continue }
            m.palpated.append(PalpatedLandmark(id: l.id, side: l.side, lateral: lateral, vertical: vertical))
        }
        self = m
    }
}
