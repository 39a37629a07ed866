import ClunealAnatomy

/// The red-flag tier of a symptom (Finucane 2020's graded level of concern; NICE NG59;
/// BMJ Best Practice on cauda equina).
public enum Urgency: String, Codable, Hashable, Sendable, CaseIterable, Comparable {
    /// Not a red flag.
    case none
    /// Cancer, infection or fracture flags: rule the condition out first; the plan stands.
    case caution
    /// Suspected cauda equina: emergency assessment today, overriding everything.
    case urgent

    private var order: Int {
        switch self {
        case .none: 0
        case .caution: 1
        case .urgent: 2
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
    /// Other words a user may type for it (lower case; matched whole, or by a unique prefix).
    public var synonyms: [String]?
    /// True for a red flag of either tier.
    public var redFlag: Bool
    /// `urgent` (suspected cauda equina) or `caution` for red flags, `none` otherwise.
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
        var wordOwner: [String: String] = [:]
        for s in document.symptoms { wordOwner[s.id] = s.id }
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
                fail(.invalidValue("a red flag must have urgency \"urgent\" or \"caution\", not \"none\""), path.appending("urgency"))
            }
            if !s.redFlag, s.urgency != .none {
                fail(.invalidValue("a symptom that is not a red flag must have urgency \"none\", not \"\(s.urgency.rawValue)\""), path.appending("urgency"))
            }
            if s.redFlag, (s.group == .caudaEquina) != (s.urgency == .urgent) {
                fail(.invalidValue("cauda equina red flags, and only they, are \"urgent\"; the others are \"caution\""), path.appending("urgency"))
            }
            for (j, word) in (s.synonyms ?? []).enumerated() {
                let key = Self.normalised(word)
                if key.isEmpty {
                    fail(.missingText("synonyms"), path.appending("synonyms").appending(j))
                } else if let owner = wordOwner[key], owner != s.id {
                    fail(.invalidValue("the synonym \"\(word)\" is already a name of \(owner); a word must name one symptom"), path.appending("synonyms").appending(j))
                } else {
                    wordOwner[key] = s.id
                }
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

    /// Screens the symptoms a person reports. Each name is resolved by ``resolve(_:field:)``
    /// (an id, a synonym, or a unique word or prefix); a symptom given twice counts once.
    /// `screened` records that the clinician assessed the red flags.
    public func screen(_ names: [String], field: String = "symptom", screened: Bool = false) throws(PalpationError) -> RedFlagScreening {
        var reported: [Symptom] = []
        var seen = Set<String>()
        for name in names {
            let symptom = try resolve(name, field: field)
            if seen.insert(symptom.id).inserted { reported.append(symptom) }
        }
        return RedFlagScreening(reported: reported, screened: screened)
    }

    static func normalised(_ name: String) -> String {
        var s = Substring(name)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s.lowercased().map { $0 == "_" || $0 == " " ? "-" : $0 })
    }
}
