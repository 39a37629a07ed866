import ArgumentParser
import ClunealAnatomy
import ClunealPalpation

/// A failure the CLI reports in one line and maps to a sysexits-style code.
struct CLIError: Error, CustomStringConvertible {
    enum Code: Int32 {
        case usage = 64
        case dataError = 65
        case noInput = 66
        case cannotCreate = 73
        case ioError = 74
        case software = 70
    }

    var code: Code
    var message: String
    /// Further lines (for example every atlas problem after the first).
    var details: [String] = []

    init(_ code: Code, _ message: String, details: [String] = []) {
        self.code = code
        self.message = message
        self.details = details
    }

    var description: String { message }
}

extension CLIError {
    init(_ errors: AtlasErrors) {
        let lines = errors.errors.map(\.description)
        self.init(.dataError, lines.first ?? "the atlas is invalid", details: Array(lines.dropFirst()))
    }

    init(_ error: MeasurementError) {
        self.init(.dataError, error.description)
    }

    /// A palpation problem with its field written as the flag (`lateral` → `--lateral`).
    init(_ error: PalpationError, code: Code = .dataError) {
        self.init(code, error.renamingField { $0.hasPrefix("-") ? $0 : "--" + $0 }.description)
    }
}

/// Runs a command body, printing a `CLIError` as one line `cluneal: error: …` on stderr and
/// exiting with its code. With `listingEveryProblem` (only `atlas validate`) every further
/// problem gets a line of its own; otherwise they are counted on the one line. Any other
/// error goes on to ``Cluneal/main()``, which reports it in one line too.
func reportingErrors(listingEveryProblem: Bool = false, _ body: () throws -> Void) throws {
    let failure: CLIError
    do {
        try body()
        return
    } catch let error as CLIError {
        failure = error
    } catch let error as AtlasErrors {
        failure = CLIError(error)
    } catch let error as MeasurementError {
        failure = CLIError(error)
    }
    if listingEveryProblem {
        ErrorLine.write(failure.message)
        for d in failure.details { ErrorLine.write(d) }
    } else {
        let more = failure.details.count
        ErrorLine.write(failure.message + (more == 0 ? "" : " (and \(more) more problem\(more == 1 ? "" : "s"))"))
    }
    throw ExitCode(failure.code.rawValue)
}

/// The one line an error takes on stderr: `cluneal: error: MESSAGE`, with any control
/// character in the message (a newline inside a quoted CSV field, say) written as an escape
/// so that the message stays on its line.
enum ErrorLine {
    static func write(_ message: String) {
        StandardError.write("cluneal: error: " + EscapedText.line(message))
    }
}

/// Text from data files made safe for a terminal: control characters (ESC sequences from an
/// atlas name, a BOM, line separators) are written as visible escapes, so a data file can
/// neither recolour nor rewrite the reader's screen. One rule for error lines and text output.
enum EscapedText {
    /// One line: every control character escaped, line breaks included.
    static func line(_ text: String) -> String { escaped(text, keepingLineBreaks: false) }

    /// Text of several lines: line breaks and tabs kept, every other control character escaped.
    static func text(_ text: String) -> String { escaped(text, keepingLineBreaks: true) }

    private static func escaped(_ message: String, keepingLineBreaks: Bool) -> String {
        guard message.unicodeScalars.contains(where: { isControl($0) && !(keepingLineBreaks && ($0 == "\n" || $0 == "\t")) }) else {
            return message
        }
        var out = ""
        for scalar in message.unicodeScalars {
            switch scalar {
            case "\n" where keepingLineBreaks, "\t" where keepingLineBreaks: out.unicodeScalars.append(scalar)
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where isControl(scalar): out += "\\u{\(String(scalar.value, radix: 16))}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func isControl(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || (0x7F...0x9F).contains(s.value) || s.value == 0x2028 || s.value == 0x2029 || s.value == 0xFEFF
    }
}
