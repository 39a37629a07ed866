import ArgumentParser

/// Where an `-o` option sends bytes: standard output (written `-`) or a path.
///
/// Typed at parse time; ``OutputFile`` resolves it (links followed, devices and FIFOs written
/// through) and ``OutputFiles`` writes a set of them all or nothing. Every file the tool
/// writes is one of these, so PNG, SVG, PDF, JSON lines and CSV share one set of rules.
struct OutputTarget: Hashable, Sendable, ExpressibleByArgument, CustomStringConvertible {
    /// The argument as the user wrote it.
    let argument: String

    init(_ argument: String) { self.argument = argument }
    init?(argument: String) { self.argument = argument }

    /// `-`: the bytes go to standard output.
    var isStandardOutput: Bool { argument == "-" }
    /// The path, or `nil` for standard output.
    var path: String? { isStandardOutput ? nil : argument }
    /// How messages name it.
    var description: String { isStandardOutput ? "standard output" : argument }

    /// True when the path ends in `suffix` (case-insensitive); never for standard output.
    func hasSuffix(_ suffix: String) -> Bool {
        path.map { $0.lowercased().hasSuffix(suffix.lowercased()) } ?? false
    }

    static var defaultCompletionKind: CompletionKind { .file() }

    /// The one file of a command that writes one file: `-o` given twice is refused, naming
    /// both, instead of the parser silently keeping the last.
    static func single(_ targets: [OutputTarget]) throws(ValidationError) -> OutputTarget? {
        guard targets.count > 1 else { return targets.first }
        throw ValidationError("--output was given \(targets.count) times (\(targets.map(\.description).joined(separator: ", "))); this command writes one file: give -o once.")
    }
}
