/// Where in an input file a problem is: file, JSON path and (when known) line.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var path: JSONPath?
    public var line: Int?
    public var column: Int?

    public init(file: String, path: JSONPath? = nil, line: Int? = nil, column: Int? = nil) {
        self.file = file
        self.path = path
        self.line = line
        self.column = column
    }

    /// `file:line:column: $.path` — the shape compilers use, so editors can jump to it.
    public var description: String {
        var s = file
        if let line { s += ":\(line)" }
        if let column { s += ":\(column)" }
        if let path { s += ": \(path)" }
        return s
    }
}

/// One thing wrong with an atlas or bibliography file. Each case carries the bad value.
public enum AtlasProblem: Hashable, Sendable {
    case notUTF8(UTF8Problem)
    case syntax(String)
    case tooDeeplyNested
    case tooManyValues(Int)
    case duplicateKey(String)
    /// A key the file's format does not have, with the nearest one it does.
    case unknownKey(String, suggestion: String?)
    /// An id the code relies on (``WellKnownId``) is missing.
    case missingWellKnownId(String, kind: String, neededBy: String)
    case missingField(String)
    case wrongType(expected: String)
    case unsupportedSchemaVersion(Int)
    case badId(String)
    case duplicateId(String, firstAt: String)
    case unresolvedSource(String)
    case unknownReference(id: String, expected: String)
    case nonFinite
    case outOfRange(value: Double, allowed: ClosedRange<Double>, unit: String)
    case nonPositiveWidth(Double)
    case degenerateGeometry(String)
    case wrongSide(String)
    case missingText(String)
    case invalidValue(String)
    case zoneFarFromNerve(zone: String, nerve: String, distanceMillimetres: Double, limitMillimetres: Double)
    case cannotPlace(String)
    /// A default zone whose position or spread comes from a source marked unverified.
    case unverifiedSourceBacksDefault(zone: String, site: String, source: String)
}

/// An atlas problem with its place.
public struct AtlasError: Error, Hashable, Sendable, CustomStringConvertible {
    public var location: SourceLocation
    public var problem: AtlasProblem

    public init(_ problem: AtlasProblem, at location: SourceLocation) {
        self.problem = problem
        self.location = location
    }

    public var description: String { "\(location): \(message)" }

    /// The problem in words, without its place.
    public var message: String {
        switch problem {
        case .notUTF8(let p): p.description
        case .syntax(let m): "not valid JSON: \(m)"
        case .tooDeeplyNested: "not valid JSON: nested more than 256 levels deep"
        case .tooManyValues(let limit): "too large: more than \(limit) JSON values (every member of every array and object counts)"
        case .duplicateKey(let k): "the key \"\(k)\" appears twice in one object"
        case .missingWellKnownId(let id, let kind, let neededBy):
            "no \(kind) with the id \"\(id)\"; the tool needs it for \(neededBy)"
        case .unknownKey(let k, let suggestion):
            "unknown key \"\(Echo.cut(k))\"" + (suggestion.map { "; did you mean \"\($0)\"?" } ?? " (the format has no such key)")
        case .missingField(let f): "required field \"\(f)\" is missing"
        case .wrongType(let expected): "wrong type: expected \(expected)"
        case .unsupportedSchemaVersion(let v): "schemaVersion \(v) is not supported (this build reads version 1)"
        case .badId(let id): "id \"\(id)\" is not kebab-case (a-z, 0-9, '-', one optional '.' suffix)"
        case .duplicateId(let id, let first): "id \"\(id)\" is already used at \(first)"
        case .unresolvedSource(let id): "source id \"\(id)\" is not in the bibliography"
        case .unknownReference(let id, let expected): "\"\(id)\" is not the id of \(expected)"
        case .nonFinite: "the number is not finite (NaN or infinity)"
        case .outOfRange(let v, let r, let unit):
            "\(Self.format(v)) \(unit) is out of range (allowed \(Self.format(r.lowerBound))...\(Self.format(r.upperBound)) \(unit))"
        case .nonPositiveWidth(let w): "ribbon width \(Self.format(w)) mm must be greater than 0"
        case .degenerateGeometry(let why): "degenerate geometry: \(why)"
        case .wrongSide(let why): why
        case .missingText(let field): "\"\(field)\" must not be empty"
        case .invalidValue(let why): why
        case .zoneFarFromNerve(let zone, let nerve, let d, let limit):
            "zone \"\(zone)\" is \(Self.format(d)) mm from its nerve \"\(nerve)\" (at most \(Self.format(limit)) mm allowed; mark it \"disputed\" if that is the point)"
        case .cannotPlace(let why): "cannot place the position: \(why)"
        case .unverifiedSourceBacksDefault(let zone, let site, let source):
            "source \"\(source)\" is unverified, and an unverified source cannot back a default zone (\"\(zone)\" is the default of site \"\(site)\"): verify the source or choose another default"
        }
    }

    static func format(_ v: Double) -> String {
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v > 0 ? "inf" : "-inf" }
        let rounded = (v * 100).rounded() / 100
        if rounded == rounded.rounded() && abs(rounded) < 1e15 { return String(Int(rounded)) }
        return String(rounded)
    }
}

/// All the problems found in one validation run, in file order.
public struct AtlasErrors: Error, Hashable, Sendable, CustomStringConvertible {
    public var errors: [AtlasError]
    public init(_ errors: [AtlasError]) { self.errors = errors }
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
