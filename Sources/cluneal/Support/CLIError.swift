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

/// Runs a command body, printing a `CLIError` as `cluneal: error: …` on stderr and exiting
/// with its code. Any other error is a bug (70) but is still reported in one line.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as CLIError {
        StandardError.write("cluneal: error: \(error.message)")
        for d in error.details { StandardError.write("cluneal: error: \(d)") }
        throw ExitCode(error.code.rawValue)
    } catch let error as AtlasErrors {
        let e = CLIError(error)
        StandardError.write("cluneal: error: \(e.message)")
        for d in e.details { StandardError.write("cluneal: error: \(d)") }
        throw ExitCode(e.code.rawValue)
    } catch let error as MeasurementError {
        StandardError.write("cluneal: error: \(error.description)")
        throw ExitCode(CLIError.Code.dataError.rawValue)
    }
}
