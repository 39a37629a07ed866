import Foundation

/// Writing to the standard streams (the CLI is the only place that does).
enum StandardError {
    static func write(_ line: String, newline: Bool = true) {
        FileHandle.standardError.write(Data((newline ? line + "\n" : line).utf8))
    }
}

enum StandardOutput {
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}

extension StandardOutput {
    /// Writes raw bytes to standard output without copying them, retrying short writes.
    static func write(bytes: [UInt8]) throws(CLIError) {
        var failure: Int32 = 0
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(STDOUT_FILENO, raw.baseAddress.map { $0 + offset }, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += n
            }
        }
        if failure != 0 { throw CLIError(.ioError, "standard output: cannot write: \(String(cString: strerror(failure)))") }
    }
}

enum Terminal {
    /// True when standard error is a terminal (a person is watching).
    static var standardErrorIsInteractive: Bool { isatty(STDERR_FILENO) == 1 }
}
