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

/// Answers read from standard input one line at a time, in bounded memory: a line longer
/// than ``maxLineBytes`` (say `quiz < /dev/zero`) ends the run with 65 instead of growing.
struct AnswerLines {
    /// Bytes an answer line may have.
    static let maxLineBytes = 4096

    private var buffer: [UInt8] = []
    private var atEnd = false
    private(set) var lineNumber = 0

    /// The next line without its line end, or `nil` at the end of input.
    mutating func next() throws(CLIError) -> String? {
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                var line = Array(buffer[0..<newline])
                buffer.removeFirst(newline + 1)
                if line.last == 0x0D { line.removeLast() }
                lineNumber += 1
                return String(decoding: line, as: UTF8.self)
            }
            if buffer.count > Self.maxLineBytes {
                throw CLIError(.dataError, "standard input: answer line \(lineNumber + 1) is longer than \(Self.maxLineBytes) bytes")
            }
            if atEnd {
                guard !buffer.isEmpty else { return nil }
                defer { buffer = [] }
                lineNumber += 1
                return String(decoding: buffer, as: UTF8.self)
            }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let n = chunk.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw CLIError(.ioError, "standard input: cannot read: \(FileIO.reason(errno))")
            }
            if n == 0 { atEnd = true } else { buffer.append(contentsOf: chunk[0..<n]) }
        }
    }
}

extension MeasurementOptions {
    /// True when no measurement was given (no file, no flag).
    var isEmpty: Bool {
        measurementsPath == nil && height == nil && sex == nil && psisFromMidline == nil && crestHeight == nil
            && bicristalWidth == nil && landmarks.isEmpty
    }
}
