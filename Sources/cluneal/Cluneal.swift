import ArgumentParser
import ClunealAnatomy
import Foundation

@main
struct Cluneal: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "cluneal",
        abstract: "Maps and answers about cluneal nerve entrapment, from a sourced anatomical atlas.",
        discussion: """
            Coordinates are in the body frame: origin on the posterior midline at the level of the \
            PSIS dimples, x toward the patient's left, z cranial. Sides are always the patient's. \
            Distances print in centimetres unless --units mm is given.

            \(Notice.text)

            Exit codes: 0 success, 64 usage, 65 bad data, 66 missing input, 70 internal error, 73 cannot create output, 74 I/O error. Errors are one line on stderr.
            """,
        version: version,
        subcommands: [AtlasCommand.self, MapCommand.self, Locate.self, Chart.self, Sites.self, ExportCommand.self, Palpate.self, QuizCommand.self, GuideCommand.self]
    )

    /// Parses and runs the command. Every failure ends as one line on stderr
    /// (`cluneal: error: …`) and a sysexits code: a usage problem found by the argument parser
    /// 64, anything not foreseen 70. Help and the version go to stdout with 0.
    static func main() {
        if let problem = HelpTopic.problem(Array(CommandLine.arguments.dropFirst())) {
            ErrorLine.write(problem)
            Foundation.exit(CLIError.Code.usage.rawValue)
        }
        let status: Int32
        do {
            var command = try parseAsRoot()
            try command.run()
            status = 0
        } catch {
            status = report(error)
        }
        Foundation.exit(status)
    }

    /// Prints `error` (if it was not printed already) and returns its exit status.
    /// ArgumentParser repeats a bad value whole ("The value '…' is invalid for '--lateral'"):
    /// cut it as every other echoed value is (``Echo``).
    static func cuttingEchoedValue(_ line: String) -> String {
        let prefix = "The value '", marker = "' is invalid for "
        guard line.hasPrefix(prefix), let end = line.range(of: marker, options: .backwards) else { return line }
        let value = String(line[line.index(line.startIndex, offsetBy: prefix.count)..<end.lowerBound])
        guard value.count > Echo.limit else { return line }
        return prefix + Echo.cut(value) + String(line[end.lowerBound...])
    }

    static func report(_ error: any Error) -> Int32 {
        if let exitCode = error as? ExitCode {
            // Thrown after `reportingErrors` printed the message.
            return exitCode.rawValue
        }
        let code = exitCode(for: error)
        if code == .success {
            // --help, --version: the full text, on stdout; it is the result, so a failed write is 74.
            do {
                try StandardOutput.write(fullMessage(for: error) + "\n")
            } catch {
                ErrorLine.write(error.message)
                return CLIError.Code.ioError.rawValue
            }
            return 0
        }
        let message = message(for: error).trimmingCharacters(in: .whitespacesAndNewlines)
        if code == .validationFailure {
            let line = message.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
            ErrorLine.write(line.isEmpty ? "invalid arguments (see `cluneal --help`)" : cuttingEchoedValue(line))
            return CLIError.Code.usage.rawValue
        }
        ErrorLine.write("internal error (please report it): \(message.isEmpty ? String(describing: error) : message)")
        return CLIError.Code.software.rawValue
    }
}
