import ClunealAnatomy

/// A validated guide: ids unique, texts non-empty, every item sourced from the bibliography,
/// and a `red-flags` topic. Only ``load(_:sourceFiles:)`` makes one.
public struct Guide: Sendable {
    public let file: String
    public let document: GuideDocument
    /// The bibliography the guide's source ids resolve to.
    public let sources: [SourceEntry]

    /// The topic every guide must have.
    public static let redFlagsTopic = "red-flags"
    /// Ids are kebab-case: lowercase letters and digits in groups joined by single hyphens.
    static func isKebab(_ id: String) -> Bool {
        let groups = id.split(separator: "-", omittingEmptySubsequences: false)
        return !id.isEmpty && groups.allSatisfy { g in !g.isEmpty && g.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber) } }
    }

    public var topics: [GuideTopic] { document.topics }
    public var topicIds: [String] { document.topics.map(\.id) }

    public func topic(_ id: String) throws(TeachingError) -> GuideTopic {
        guard let t = document.topics.first(where: { $0.id == id }) else { throw .unknownTopic(id, known: topicIds) }
        return t
    }

    public func source(_ id: String) -> SourceEntry? { sources.first { $0.id == id } }

    /// Every source id a topic cites, in first-cited order.
    public func sourceIds(of topic: GuideTopic) -> [String] {
        TeachingText.unique(topic.sections.flatMap { $0.items.flatMap(\.sources) })
    }
}

/// A guide file decoded but not yet checked.
public struct DecodedGuide: Sendable {
    public let file: String
    public let document: GuideDocument
    let map: JSONSourceMap
    public var sourceFileNames: [String] { document.sourceFiles }
}

extension Guide {
    /// Step 1: JSON syntax, duplicate keys, types and required fields, with file, line and path.
    public static func decode(_ input: AtlasInput) throws(TeachingError) -> DecodedGuide {
        do {
            let (document, map) = try JSONDocumentDecoder.decode(GuideDocument.self, from: input)
            return DecodedGuide(file: input.file, document: document, map: map)
        } catch {
            throw .invalidGuide([error])
        }
    }

    /// Step 2: read the bibliographies and check the guide's meaning. Every problem is
    /// reported, each with its place.
    public static func validate(_ decoded: DecodedGuide, sourceFiles: [AtlasInput]) throws(TeachingError) -> Guide {
        var errors: [AtlasError] = []
        var bibliography: [SourceEntry] = []
        for input in sourceFiles {
            do {
                let (doc, _) = try JSONDocumentDecoder.decode(SourceFileDocument.self, from: input, strict: false)
                bibliography += doc.sources
            } catch {
                errors.append(error)
            }
        }
        if !errors.isEmpty { throw .invalidGuide(errors) }
        let known = Set(bibliography.map(\.id))
        let d = decoded.document
        func at(_ path: JSONPath) -> SourceLocation {
            SourceLocation(file: decoded.file, path: path, line: decoded.map.line(for: path))
        }
        func text(_ s: String?, _ field: String, _ path: JSONPath) {
            if let s, s.trimmingSpaces.isEmpty { errors.append(AtlasError(.missingText(field), at: at(path))) }
        }
        let root = JSONPath.root
        if d.schemaVersion != 1 { errors.append(AtlasError(.unsupportedSchemaVersion(d.schemaVersion), at: at(root.appending("schemaVersion")))) }
        if !isKebab(d.id) { errors.append(AtlasError(.badId(d.id), at: at(root.appending("id")))) }
        text(d.title, "title", root.appending("title"))
        text(d.overview, "overview", root.appending("overview"))
        text(d.redFlagSummary, "redFlagSummary", root.appending("redFlagSummary"))
        var firstSeen: [String: String] = [:]
        for (ti, topic) in d.topics.enumerated() {
            let tp = root.appending("topics").appending(ti)
            if !isKebab(topic.id) { errors.append(AtlasError(.badId(topic.id), at: at(tp.appending("id")))) }
            if let first = firstSeen[topic.id] {
                errors.append(AtlasError(.duplicateId(topic.id, firstAt: first), at: at(tp.appending("id"))))
            } else {
                firstSeen[topic.id] = at(tp.appending("id")).description
            }
            text(topic.title, "title", tp.appending("title"))
            text(topic.summary, "summary", tp.appending("summary"))
            if topic.sections.isEmpty { errors.append(AtlasError(.missingText("sections"), at: at(tp.appending("sections")))) }
            for (si, section) in topic.sections.enumerated() {
                let sp = tp.appending("sections").appending(si)
                text(section.heading, "heading", sp.appending("heading"))
                if section.items.isEmpty { errors.append(AtlasError(.missingText("items"), at: at(sp.appending("items")))) }
                for (ii, item) in section.items.enumerated() {
                    let ip = sp.appending("items").appending(ii)
                    text(item.text, "text", ip.appending("text"))
                    if item.sources.isEmpty {
                        errors.append(AtlasError(.invalidValue("every item needs at least one source id"), at: at(ip.appending("sources"))))
                    }
                    for (k, id) in item.sources.enumerated() where !known.contains(id) {
                        errors.append(AtlasError(.unresolvedSource(id), at: at(ip.appending("sources").appending(k))))
                    }
                }
            }
        }
        if !d.topics.contains(where: { $0.id == redFlagsTopic }) {
            errors.append(AtlasError(.invalidValue("the guide must have a \"\(redFlagsTopic)\" topic: red flags are always shown"), at: at(root.appending("topics"))))
        }
        if !errors.isEmpty { throw .invalidGuide(errors) }
        return Guide(file: decoded.file, document: d, sources: bibliography)
    }

    /// Both steps, for callers that hold every file's bytes.
    public static func load(_ input: AtlasInput, sourceFiles: [AtlasInput]) throws(TeachingError) -> Guide {
        try validate(decode(input), sourceFiles: sourceFiles)
    }
}

extension String {
    var trimmingSpaces: String { Substring(self).trimmingSpaces }
}
