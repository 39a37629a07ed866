import ClunealAnatomy

/// How soon someone with a symptom must be seen, whatever a map says.
public enum Urgency: String, Codable, Hashable, Sendable, CaseIterable, Comparable {
    /// Not a red flag.
    case none
    /// Cancer, infection or fracture flags: prompt medical assessment before any block.
    case urgent
    /// Cauda equina features: emergency assessment today.
    case emergency

    private var order: Int {
        switch self {
        case .none: 0
        case .urgent: 1
        case .emergency: 2
        }
    }

    public static func < (a: Urgency, b: Urgency) -> Bool { a.order < b.order }
}

/// The kind of serious condition a red flag points to, or `ordinary` for the rest.
public enum SymptomGroup: String, Codable, Hashable, Sendable, CaseIterable {
    case caudaEquina = "cauda-equina"
    case cancer, infection, fracture, ordinary
}

/// One symptom a person may report, as the catalogue file (`Atlas/symptoms.json`) holds it.
public struct Symptom: Codable, Hashable, Sendable {
    /// Kebab-case id, used on the command line and in CSV files (`saddle-numbness`).
    public var id: String
    public var names: Names
    /// True when the symptom needs medical assessment before a map is of any use.
    public var redFlag: Bool
    /// `emergency` or `urgent` for red flags, `none` otherwise.
    public var urgency: Urgency
    public var group: SymptomGroup
    /// What it may mean and what to do, in plain words.
    public var message: String
    /// Bibliography ids (the atlas's sources).
    public var sources: [String]
}

/// A symptom catalogue file as written in JSON, before validation.
public struct SymptomCatalogueDocument: Codable, Hashable, Sendable {
    /// Format version of this file layout; this build reads version 1.
    public var schemaVersion: Int
    public var id: String
    public var version: String
    public var description: String?
    public var symptoms: [Symptom]
}

/// A validated catalogue of symptoms: ids unique and kebab-case, every source in the atlas's
/// bibliography, every red flag urgent or an emergency and every other symptom neither.
public struct SymptomCatalogue: Sendable {
    /// The file it came from, for messages.
    public let file: String
    public let id: String
    public let version: String
    /// In file order.
    public let symptoms: [Symptom]
    private let index: [String: Int]

    /// Decodes and validates a catalogue. Errors name the file, JSON path and line.
    public static func load(_ input: AtlasInput, atlas: Atlas) throws(AtlasErrors) -> SymptomCatalogue {
        let document: SymptomCatalogueDocument
        let map: JSONSourceMap
        do {
            (document, map) = try JSONDocumentDecoder.decode(SymptomCatalogueDocument.self, from: input)
        } catch {
            throw AtlasErrors([error])
        }
        var errors: [AtlasError] = []
        func fail(_ problem: AtlasProblem, _ path: JSONPath) {
            errors.append(AtlasError(problem, at: SourceLocation(file: input.file, path: path, line: map.line(for: path))))
        }
        let root = JSONPath.root
        if document.schemaVersion != 1 { fail(.unsupportedSchemaVersion(document.schemaVersion), root.appending("schemaVersion")) }
        if !Atlas.isValidId(document.id) { fail(.badId(document.id), root.appending("id")) }
        if document.symptoms.isEmpty { fail(.invalidValue("the catalogue lists no symptoms"), root.appending("symptoms")) }
        var index: [String: Int] = [:]
        for (i, s) in document.symptoms.enumerated() {
            let path = root.appending("symptoms").appending(i)
            if !Atlas.isValidId(s.id) {
                fail(.badId(s.id), path.appending("id"))
            } else if let first = index[s.id] {
                fail(.duplicateId(s.id, firstAt: "\(root.appending("symptoms").appending(first))"), path.appending("id"))
            } else {
                index[s.id] = i
            }
            if s.names.en.allSatisfy(\.isWhitespace) { fail(.missingText("names.en"), path.appending("names").appending("en")) }
            if s.message.allSatisfy(\.isWhitespace) { fail(.missingText("message"), path.appending("message")) }
            if s.redFlag, s.urgency == .none {
                fail(.invalidValue("a red flag must have urgency \"emergency\" or \"urgent\", not \"none\""), path.appending("urgency"))
            }
            if !s.redFlag, s.urgency != .none {
                fail(.invalidValue("a symptom that is not a red flag must have urgency \"none\", not \"\(s.urgency.rawValue)\""), path.appending("urgency"))
            }
            if s.redFlag == (s.group == .ordinary) {
                fail(.invalidValue(s.redFlag ? "a red flag cannot be in the group \"ordinary\"" : "a symptom that is not a red flag belongs to the group \"ordinary\""), path.appending("group"))
            }
            if s.sources.isEmpty { fail(.invalidValue("at least one source is required"), path.appending("sources")) }
            for (j, source) in s.sources.enumerated() where atlas.source(source) == nil {
                fail(.unresolvedSource(source), path.appending("sources").appending(j))
            }
        }
        if !errors.isEmpty { throw AtlasErrors(errors) }
        return SymptomCatalogue(file: input.file, id: document.id, version: document.version, symptoms: document.symptoms, index: index)
    }

    private init(file: String, id: String, version: String, symptoms: [Symptom], index: [String: Int]) {
        self.file = file
        self.id = id
        self.version = version
        self.symptoms = symptoms
        self.index = index
    }

    /// Every id, in file order.
    public var ids: [String] { symptoms.map(\.id) }

    public func symptom(_ id: String) -> Symptom? { index[id].map { symptoms[$0] } }

    /// Screens the symptoms a person reports. Names are matched after trimming, lowercasing
    /// and reading `_` and spaces as `-`; a name the catalogue does not know is an error that
    /// lists the known ones. A symptom given twice counts once.
    public func screen(_ names: [String], field: String = "symptom") throws(PalpationError) -> RedFlagScreening {
        var reported: [Symptom] = []
        var seen = Set<String>()
        for name in names {
            let key = Self.normalised(name)
            guard let symptom = symptom(key) else {
                throw .unknownSymptom(field: field, name: name, known: ids)
            }
            if seen.insert(key).inserted { reported.append(symptom) }
        }
        return RedFlagScreening(reported: reported)
    }

    static func normalised(_ name: String) -> String {
        var s = Substring(name)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s.lowercased().map { $0 == "_" || $0 == " " ? "-" : $0 })
    }
}
