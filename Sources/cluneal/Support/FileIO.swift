import Foundation

/// All file reading and writing of the CLI, with the exit codes of sysexits.
///
/// Reading is bounded: a regular file larger than ``maxInputBytes`` is refused from its size
/// alone, and anything else (a pipe, a device) is read only up to the limit. `-` is standard
/// input. Writing goes through ``OutputFiles``.
enum FileIO {
    /// Input files larger than this are refused before parsing (bytes).
    static let maxInputBytes = 64 * 1024 * 1024

    /// The one error for an input over its byte limit: its size when known (a regular file),
    /// else "more than" the limit (a pipe read up to it).
    static func tooLarge(_ what: String, _ path: String, limit: Int, size: Int? = nil) -> CLIError {
        CLIError(.dataError, "\(what) \(path): \(size.map { "\($0) bytes" } ?? "more than \(limit) bytes") is too large (limit \(limit) bytes)")
    }

    /// Reads a whole input file. Missing, a directory or unreadable → 66; larger than `limit`
    /// → 65; a failing read → 74.
    static func read(_ path: String, what: String, limit: Int = maxInputBytes) throws(CLIError) -> [UInt8] {
        if path == "-" { return try read(descriptor: STDIN_FILENO, regularSize: nil, name: "standard input", what: what, limit: limit) }
        let (fd, size) = try open(path, what: what, limit: limit)
        defer { close(fd) }
        return try read(descriptor: fd, regularSize: size, name: path, what: what, limit: limit)
    }

    /// Opens an input for reading: missing, a directory or unreadable → 66; a regular file
    /// larger than `limit` → 65; anything else failing → 74. Returns the descriptor and, for
    /// a regular file, its size.
    static func open(_ path: String, what: String, limit: Int) throws(CLIError) -> (fd: Int32, regularSize: Int?) {
        var info = stat()
        if stat(path, &info) != 0 {
            let e = errno
            switch e {
            case ENOENT: throw CLIError(.noInput, "\(what) \(path): no such file")
            case ENOTDIR: throw CLIError(.noInput, "\(what) \(path): no such file (a part of the path is not a folder)")
            case EACCES: throw CLIError(.noInput, "\(what) \(path): permission denied")
            default: throw CLIError(.ioError, "\(what) \(path): cannot read: \(Self.reason(e))")
            }
        }
        let type = info.st_mode & S_IFMT
        if type == S_IFDIR { throw CLIError(.noInput, "\(what) \(path): is a directory, not a file") }
        if type == S_IFREG, Int(info.st_size) > limit {
            throw tooLarge(what, path, limit: limit, size: Int(info.st_size))
        }
        let fd = Foundation.open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            let e = errno
            if e == EACCES { throw CLIError(.noInput, "\(what) \(path): permission denied") }
            throw CLIError(.ioError, "\(what) \(path): cannot open: \(Self.reason(e))")
        }
        return (fd, type == S_IFREG ? Int(info.st_size) : nil)
    }

    /// Reads `fd` to its end, refusing more than `limit` bytes.
    private static func read(descriptor fd: Int32, regularSize: Int?, name path: String, what: String, limit: Int) throws(CLIError) -> [UInt8] {
        // One byte more than the limit tells a file at the limit from a larger one.
        let capacity = regularSize.map { min($0, limit) + 1 } ?? 64 * 1024
        var bytes = [UInt8]()
        bytes.reserveCapacity(capacity)
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while bytes.count <= limit {
            let wanted = min(chunk.count, limit + 1 - bytes.count)
            let n = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, wanted) }
            if n < 0 {
                let e = errno
                if e == EINTR { continue }
                throw CLIError(.ioError, "\(what) \(path): cannot read: \(Self.reason(e))")
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        if bytes.count > limit {
            throw tooLarge(what, path, limit: limit)
        }
        return bytes
    }

    /// True when a regular file (or a link to one) exists at `path`.
    static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) != S_IFDIR
    }

    static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
}
