import ArgumentParser
import ClunealAnatomy
import ClunealTeaching
import Foundation

extension NerveGroup: ExpressibleByArgument {}

extension CLIError {
    init(_ error: TeachingError) {
        switch error {
        case .unknownTopic, .unreadableAnswer:
            self.init(.usage, error.description)
        case .invalidGuide(let errors):
            let lines = errors.map(\.description)
            self.init(.dataError, lines.first ?? "the guide is invalid", details: Array(lines.dropFirst()))
        case .atlasLacks, .measurements:
            self.init(.dataError, error.description)
        }
    }
}

/// Finding and reading the guide file.
enum GuideFiles {
    static let defaultName = "guide.json"

    /// $CLUNEAL_GUIDE, else `guide.json` beside the default atlas.
    static func defaultGuidePath() throws(CLIError) -> String {
        if let env = ProcessInfo.processInfo.environment["CLUNEAL_GUIDE"], !env.isEmpty { return env }
        let atlas = try AtlasFiles.defaultAtlasPath()
        return URL(fileURLWithPath: atlas).deletingLastPathComponent().appendingPathComponent(defaultName).path
    }

    static func load(path: String) throws(CLIError) -> Guide {
        let input = try DataFiles.read(path, what: "guide")
        let decoded: DecodedGuide
        do { decoded = try Guide.decode(input) } catch { throw CLIError(error) }
        let sources = try DataFiles.companions(decoded.sourceFileNames, namedBy: path)
        do { return try Guide.validate(decoded, sourceFiles: sources) } catch { throw CLIError(error) }
    }
}

/// Lines typed (or piped) on standard input.
enum StandardInput {
    /// True when a person is typing: then an unreadable answer is asked again.
    static var isTerminal: Bool { isatty(STDIN_FILENO) == 1 }
}

/// Answers read from standard input one line at a time, in bounded memory.
enum AnswerLines {
    /// Bytes an answer line may have: a longer one (say `quiz < /dev/zero`) ends the run with 65
    /// instead of growing.
    static let maxLineBytes = 4096

    /// A reader of standard input for ``LineReader/nextLine(maxBytes:what:)``.
    static func standardInput() throws(CLIError) -> LineReader { try LineReader("-", what: "answers") }
}

extension MeasurementOptions {
    /// True when no measurement was given (no file, no flag).
    var isEmpty: Bool {
        measurementsPath == nil && height == nil && sex == nil && psisFromMidline == nil && crestHeight == nil
            && bicristalWidth == nil && landmarks.isEmpty
    }
}
