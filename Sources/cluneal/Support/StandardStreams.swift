import Foundation

/// Writing to the standard streams (the CLI is the only place that does).
enum StandardError {
    /// Best effort: if standard error itself cannot be written there is nowhere to say so.
    static func write(_ line: String, newline: Bool = true) {
        _ = StandardOutput.writeAll(Array((newline ? line + "\n" : line).utf8), to: STDERR_FILENO)
    }
}

enum StandardOutput {
    /// Writes text to standard output; a failing write (a full disk, a closed pipe) is an I/O
    /// error (74).
    static func write(_ text: String) throws(CLIError) {
        try write(bytes: Array(text.utf8))
    }

    /// Writes raw bytes to standard output without copying them, retrying short writes.
    static func write(bytes: [UInt8]) throws(CLIError) {
        let failure = writeAll(bytes, to: STDOUT_FILENO)
        if failure != 0 { throw CLIError(.ioError, "standard output: cannot write: \(String(cString: strerror(failure)))") }
    }

    /// Every byte to `fd`; 0, or the errno of the write that failed.
    static func writeAll(_ bytes: [UInt8], to fd: Int32) -> Int32 {
        var failure: Int32 = 0
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(fd, raw.baseAddress.map { $0 + offset }, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += n
            }
        }
        return failure
    }
}

enum Terminal {
    /// True when standard error is a terminal (a person is watching).
    static var standardErrorIsInteractive: Bool { isatty(STDERR_FILENO) == 1 }
}
