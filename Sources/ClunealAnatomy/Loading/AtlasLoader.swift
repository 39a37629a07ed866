/// An atlas file decoded but not yet checked for meaning.
public struct DecodedAtlas: Sendable {
    public let file: String
    public let document: AtlasDocument
    let map: JSONSourceMap
    /// The bibliography files the atlas names, relative to the atlas file.
    public var sourceFileNames: [String] { document.sourceFiles ?? [] }
}

/// Loading an atlas: bytes in, a validated ``Atlas`` (or every problem found) out. No I/O:
/// the caller reads the atlas file, then the source files it names, and passes the bytes.
public enum AtlasLoader {
    /// Step 1: JSON syntax, duplicate keys, types and required fields.
    public static func decode(_ input: AtlasInput) throws(AtlasErrors) -> DecodedAtlas {
        do {
            let (document, map) = try JSONDocumentDecoder.decode(AtlasDocument.self, from: input)
            return DecodedAtlas(file: input.file, document: document, map: map)
        } catch {
            throw AtlasErrors([error])
        }
    }

    /// Step 2: decode the bibliography files and check the atlas's meaning, including that it
    /// has every id in `requiring` (all the code relies on; tests of small fixture atlases
    /// pass fewer).
    public static func validate(_ decoded: DecodedAtlas, sourceFiles: [AtlasInput],
                                requiring: [WellKnownId] = WellKnownId.all) throws(AtlasErrors) -> Atlas {
        var errors: [AtlasError] = []
        var bibliographies: [(file: String, document: SourceFileDocument, map: JSONSourceMap)] = []
        for input in sourceFiles {
            do {
                // Not `strict`: a CSL-JSON entry refuses unknown keys itself (StrictKeys, naming the allowed ones).
                let (doc, map) = try JSONDocumentDecoder.decode(SourceFileDocument.self, from: input, strict: false)
                bibliographies.append((input.file, doc, map))
            } catch {
                errors.append(error)
            }
        }
        if !errors.isEmpty { throw AtlasErrors(errors) }
        var validator = AtlasValidator(decoded: decoded, bibliographies: bibliographies, required: requiring)
        return try validator.run()
    }

    /// Both steps, for callers that already hold every file's bytes.
    public static func load(_ input: AtlasInput, sourceFiles: [AtlasInput], requiring: [WellKnownId] = WellKnownId.all) throws(AtlasErrors) -> Atlas {
        try validate(decode(input), sourceFiles: sourceFiles, requiring: requiring)
    }
}
