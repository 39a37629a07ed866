import Foundation

/// All file reading and writing of the CLI, with the exit codes of sysexits.
///
/// Reading is bounded: a regular file larger than ``maxInputBytes`` is refused from its size
/// alone, and anything else (a pipe, a device) is read only up to the limit. Writing is
/// atomic: see ``writeAtomically(_:to:)``.
enum FileIO {
    /// Input files larger than this are refused before parsing (bytes).
    static let maxInputBytes = 64 * 1024 * 1024

    /// Reads a whole input file. Missing, a directory or unreadable → 66; larger than `limit`
    /// → 65; a failing read → 74.
    static func read(_ path: String, what: String, limit: Int = maxInputBytes) throws(CLIError) -> [UInt8] {
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
            throw CLIError(.dataError, "\(what) \(path): \(info.st_size) bytes is too large (limit \(limit) bytes)")
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            let e = errno
            if e == EACCES { throw CLIError(.noInput, "\(what) \(path): permission denied") }
            throw CLIError(.ioError, "\(what) \(path): cannot open: \(Self.reason(e))")
        }
        defer { close(fd) }
        // One byte more than the limit tells a file at the limit from a larger one.
        let capacity = type == S_IFREG ? min(Int(info.st_size), limit) + 1 : 64 * 1024
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
            throw CLIError(.dataError, "\(what) \(path): more than \(limit) bytes is too large (limit \(limit) bytes)")
        }
        return bytes
    }

    /// True when a regular file (or a link to one) exists at `path`.
    static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) != S_IFDIR
    }

    /// Writes `bytes` to `path` atomically: a temporary file `.NAME.tmp-PID` in the same folder,
    /// written in full and flushed to disk, then renamed over `path`. A reader (or a crash, or
    /// `kill -9`) sees the old file or the complete new one, never a part.
    ///
    /// A process killed before its rename leaves its temporary file behind. Such orphans are
    /// removed by the next successful write of the same path: every `.NAME.tmp-PID` whose
    /// process no longer runs is deleted.
    ///
    /// A directory at `path` or a missing folder → 73; a folder that refuses new files → 73;
    /// a failing write (disk full) → 74. On any failure nothing is left behind.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws(CLIError) {
        try writeAtomically([(path, bytes)])
    }

    /// Several files, all or nothing as far as the file system allows: every temporary file is
    /// written first (and all are removed if one fails), then each is renamed into place.
    static func writeAtomically(_ files: [(path: String, bytes: [UInt8])]) throws(CLIError) {
        var prepared: [(temporary: String, path: String)] = []
        for file in files {
            do {
                prepared.append((try prepare(file.bytes, for: file.path), file.path))
            } catch {
                for p in prepared { unlink(p.temporary) }
                throw error
            }
        }
        for (i, p) in prepared.enumerated() where rename(p.temporary, p.path) != 0 {
            let e = errno
            for q in prepared[i...] { unlink(q.temporary) }
            throw CLIError(.cannotCreate, "output \(p.path): cannot replace it: \(reason(e))")
        }
        for p in prepared {
            let (folder, name) = split(p.path)
            removeOrphans(of: name, in: folder)
        }
    }

    /// Checks the destination and writes `bytes` to its temporary file; returns that file.
    private static func prepare(_ bytes: [UInt8], for path: String) throws(CLIError) -> String {
        let (folder, name) = split(path)
        var info = stat()
        if stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            throw CLIError(.cannotCreate, "output \(path): is a directory")
        }
        let existingMode: mode_t? = stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG ? info.st_mode & 0o7777 : nil
        if stat(folder, &info) != 0 {
            let e = errno
            if e == ENOTDIR { throw CLIError(.cannotCreate, "output \(path): \(notAFolder(folder)) is not a folder") }
            throw CLIError(.cannotCreate, "output \(path): folder \(folder) does not exist")
        }
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            throw CLIError(.cannotCreate, "output \(path): \(folder) is not a folder")
        }
        let temporary = folder + "/" + temporaryName(for: name, pid: getpid())
        var fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        if fd < 0, errno == EEXIST {
            // Left by an earlier process with our PID: it is not running, so it is stale.
            unlink(temporary)
            fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        }
        if fd < 0 {
            throw CLIError(.cannotCreate, "output \(path): cannot create a file in \(folder): \(reason(errno))")
        }
        var failure: CLIError?
        if let existingMode { fchmod(fd, existingMode) }
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = write(fd, raw.baseAddress.map { $0 + offset }, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = CLIError(.ioError, "output \(path): cannot write: \(reason(errno))")
                    return
                }
                offset += n
            }
        }
        if failure == nil, fsync(fd) != 0, errno != EINVAL {
            failure = CLIError(.ioError, "output \(path): cannot write: \(reason(errno))")
        }
        if close(fd) != 0, failure == nil {
            failure = CLIError(.ioError, "output \(path): cannot write: \(reason(errno))")
        }
        if let failure {
            unlink(temporary)
            throw failure
        }
        return temporary
    }

    /// `.NAME.tmp-PID`: hidden, beside the output, one per process.
    static func temporaryName(for name: String, pid: Int32) -> String {
        ".\(name).tmp-\(pid)"
    }

    /// Deletes the temporary files of `name` left by processes that no longer run.
    static func removeOrphans(of name: String, in folder: String) {
        let prefix = ".\(name).tmp-"
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for entry in entries where entry.hasPrefix(prefix) {
            guard let pid = Int32(entry.dropFirst(prefix.count)), pid > 0, pid != getpid() else { continue }
            if kill(pid, 0) != 0, errno == ESRCH { unlink(folder + "/" + entry) }
        }
    }

    /// The folder (without a trailing slash, "." for a bare name) and the file name of `path`.
    static func split(_ path: String) -> (folder: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let folder = String(path[..<slash])
        return (folder.isEmpty ? "/" : folder, String(path[path.index(after: slash)...]))
    }

    /// The first part of `folder` that exists but is not a folder (for a clear message).
    private static func notAFolder(_ folder: String) -> String {
        var prefix = ""
        for part in folder.split(separator: "/", omittingEmptySubsequences: true) {
            prefix += (prefix.isEmpty && !folder.hasPrefix("/") ? "" : "/") + part
            var info = stat()
            if stat(prefix, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR { return prefix }
        }
        return folder
    }

    static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
}
