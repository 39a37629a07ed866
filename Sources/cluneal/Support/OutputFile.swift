import Foundation

/// One output being written: resolved from an ``OutputTarget`` before any work is done,
/// filled with ``write(_:)``, and made visible by ``OutputFiles/commit(_:)``.
///
/// How each destination is written:
/// - **standard output** (`-`, or a link into `/proc/self/fd`, `/dev/fd`): written as it comes.
/// - **a regular file, or nothing yet**: a temporary file `.NAME.tmp-RANDOM` in the same
///   folder, held under an advisory `flock` while it is written, flushed, then renamed over
///   the name and the folder flushed. A reader, a crash or `kill -9` sees the old file or the
///   complete new one. The file keeps its permission bits (and, for root, its owner). A
///   read-only file is refused, as `cp` would.
/// - **a symbolic link**: followed to its final target, which is replaced as above; the link
///   stays a link.
/// - **a device or a FIFO**: written through in place (they cannot be replaced atomically,
///   and replacing `/dev/null` with a regular file would break the system). A socket is refused.
///
/// A killed process may leave its temporary file. The next successful write of the same name
/// removes temporary files that nobody holds a lock on and that are older than
/// ``orphanAge``: the lock, not the process id, says whether a writer is alive, so a writer
/// in another PID namespace (a container, another host on NFS) is never mistaken for dead.
final class OutputFile {
    enum Destination: Equatable {
        case standardOutput
        /// An existing device or FIFO, opened without creating or replacing it.
        case through(path: String)
        /// A regular file (or none yet) replaced atomically: the real folder and the name in it.
        case replace(folder: String, name: String)
    }

    /// What makes two spellings one file: the device and inode of an existing file, or the
    /// real folder plus the name for one not yet there.
    enum Identity: Hashable {
        case standardOutput
        case inode(device: UInt64, inode: UInt64)
        case path(String)
    }

    /// Seconds a lock-free temporary file must be left untouched before it counts as an
    /// orphan. The lock decides; the age only covers the instant between creating a
    /// temporary file and locking it.
    static let orphanAge: TimeInterval = 2

    let target: OutputTarget
    let destination: Destination
    let identity: Identity
    /// True for a character device (a terminal, /dev/null): several names may share one.
    let isCharacterDevice: Bool
    /// Permission bits and owner of the file being replaced.
    private let existing: (mode: mode_t, uid: uid_t, gid: gid_t)?

    private var fd: Int32 = -1
    private var temporary: String?

    /// Resolves `target` without writing anything: follows links, checks the folder, and
    /// refuses a directory, a socket, a read-only file or a link loop (73).
    init(_ target: OutputTarget) throws(CLIError) {
        self.target = target
        guard let path = target.path else {
            destination = .standardOutput
            identity = .standardOutput
            isCharacterDevice = false
            existing = nil
            return
        }
        func fail(_ why: String) -> CLIError { CLIError(.cannotCreate, "output \(path): \(why)") }
        var info = stat()
        var resolved = path
        if lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK {
            // Through /proc/self/fd or /dev/fd: an open file of this process (stdout, say).
            if let hops = Self.linkChain(path), hops.contains(where: { $0.hasPrefix("/proc/") || $0.hasPrefix("/dev/fd/") }) {
                if stat(path, &info) == 0 {
                    destination = .through(path: path)
                    identity = .inode(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
                    isCharacterDevice = (info.st_mode & S_IFMT) == S_IFCHR
                    existing = nil
                    return
                }
            }
            if stat(path, &info) != 0, errno == ELOOP { throw fail("is a loop of symbolic links") }
            guard let final = Self.linkChain(path)?.last else { throw fail("is a loop of symbolic links") }
            resolved = final
        }
        if stat(resolved, &info) == 0 {
            let type = info.st_mode & S_IFMT
            switch type {
            case S_IFDIR: throw fail("is a directory")
            case S_IFSOCK: throw fail("is a socket; write to a file, a FIFO or standard output (-o -)")
            case S_IFREG:
                if access(resolved, W_OK) != 0, errno == EACCES || errno == EROFS {
                    throw fail(errno == EROFS ? "is on a read-only file system" : "is read-only (permission denied); remove it or make it writable first")
                }
                existing = (info.st_mode & 0o7777, info.st_uid, info.st_gid)
            default:
                destination = .through(path: resolved)
                identity = .inode(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
                isCharacterDevice = type == S_IFCHR
                existing = nil
                return
            }
        } else {
            existing = nil
        }
        let (folder, name) = Self.split(resolved)
        var folderInfo = stat()
        if stat(folder, &folderInfo) != 0 {
            if errno == ENOTDIR { throw fail("\(Self.notAFolder(folder)) is not a folder") }
            throw fail("folder \(folder) does not exist")
        }
        guard (folderInfo.st_mode & S_IFMT) == S_IFDIR else { throw fail("\(folder) is not a folder") }
        guard let real = realpath(folder, nil) else { throw fail("folder \(folder) cannot be resolved: \(FileIO.reason(errno))") }
        let realFolder = String(cString: real)
        free(real)
        destination = .replace(folder: realFolder, name: name)
        isCharacterDevice = false
        if existing != nil {
            identity = .inode(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
        } else {
            identity = .path((realFolder == "/" ? "" : realFolder) + "/" + name)
        }
    }

    deinit { discard() }

    /// Opens the destination (creates and locks the temporary file); 73 when it cannot be
    /// created, 74 when the file system is full.
    func open() throws(CLIError) {
        guard fd < 0 else { return }
        switch destination {
        case .standardOutput:
            fd = STDOUT_FILENO
        case .through(let path):
            var info = stat()
            let regular = stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
            fd = Foundation.open(path, O_WRONLY | O_CLOEXEC | (regular ? O_TRUNC : 0))
            if fd < 0 { throw CLIError(.cannotCreate, "output \(target): cannot open it for writing: \(FileIO.reason(errno))") }
        case .replace(let folder, let name):
            let path = folder + "/" + Self.temporaryName(for: name)
            let created = Foundation.open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o666)
            if created < 0 {
                let e = errno
                let code: CLIError.Code = e == ENOSPC || e == EDQUOT ? .ioError : .cannotCreate
                throw CLIError(code, "output \(target): cannot create a file in \(Self.split(target.argument).folder): \(FileIO.reason(e))")
            }
            flock(created, LOCK_EX)
            fd = created
            temporary = path
            if let existing {
                fchmod(created, existing.mode)
                if geteuid() == 0 { _ = fchown(created, existing.uid, existing.gid) }
            }
        }
    }

    /// Appends bytes; a failing write (a full disk, a closed pipe) is 74.
    func write(_ bytes: [UInt8]) throws(CLIError) {
        if fd < 0 { try open() }
        let failure = StandardOutput.writeAll(bytes, to: fd)
        if failure != 0 {
            throw CLIError(.ioError, "\(target.isStandardOutput ? "standard output" : "output \(target)"): cannot write: \(FileIO.reason(failure))")
        }
    }

    /// Flushes a temporary file to disk (before the rename).
    func flush() throws(CLIError) {
        guard temporary != nil else { return }
        if fsync(fd) != 0, errno != EINVAL {
            throw CLIError(.ioError, "output \(target): cannot write: \(FileIO.reason(errno))")
        }
    }

    /// Renames the temporary file over the name (under the caller's folder lock) and flushes
    /// the folder; closes a through or standard-output destination.
    func finish() throws(CLIError) {
        defer { closeFile() }
        guard let temporary, case .replace(let folder, let name) = destination else { return }
        if rename(temporary, folder + "/" + name) != 0 {
            throw CLIError(.cannotCreate, "output \(target): cannot replace it: \(FileIO.reason(errno))")
        }
        self.temporary = nil
        let dir = Foundation.open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dir >= 0 {
            fsync(dir)
            close(dir)
        }
    }

    /// Removes the temporary file, if any, and closes.
    func discard() {
        if let temporary { unlink(temporary) }
        temporary = nil
        closeFile()
    }

    private func closeFile() {
        if fd >= 0, fd != STDOUT_FILENO { close(fd) }
        fd = -1
    }

    // MARK: Names

    /// `.NAME.tmp-RANDOM`, cut so that it fits in a file name of 255 bytes.
    static func temporaryName(for name: String) -> String {
        temporaryPrefix(for: name) + String(UInt64.random(in: 0...UInt64.max), radix: 16)
    }

    /// `.NAME.tmp-`, with NAME cut at a character boundary when the whole would not fit.
    static func temporaryPrefix(for name: String) -> String {
        var cut = Substring(name)
        while cut.utf8.count > 255 - 22 { cut = cut.dropLast() }
        return ".\(cut).tmp-"
    }

    /// Deletes orphaned temporary files of `name` in `folder`: unlocked and older than ``orphanAge``.
    static func removeOrphans(of name: String, in folder: String) {
        let prefix = temporaryPrefix(for: name)
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        let now = Date().timeIntervalSince1970
        for entry in entries where entry.hasPrefix(prefix) {
            let path = folder + "/" + entry
            let fd = Foundation.open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
            guard fd >= 0 else { continue }
            defer { close(fd) }
            var held = stat(), named = stat()
            guard fstat(fd, &held) == 0, (held.st_mode & S_IFMT) == S_IFREG,
                  now - Double(held.st_mtim.tv_sec) >= orphanAge,
                  flock(fd, LOCK_EX | LOCK_NB) == 0,
                  lstat(path, &named) == 0, named.st_ino == held.st_ino, named.st_dev == held.st_dev
            else { continue }
            unlink(path)
        }
    }

    /// The names a chain of symbolic links passes through, ending with the first name that is
    /// not a link (which may not exist); `nil` for a loop (more than 40 links).
    static func linkChain(_ path: String) -> [String]? {
        var chain: [String] = []
        var current = path
        for _ in 0..<40 {
            var info = stat()
            guard lstat(current, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK else { chain.append(current); return chain }
            chain.append(current)
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let n = readlink(current, &buffer, Int(PATH_MAX))
            guard n > 0 else { return chain }
            let link = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = link.hasPrefix("/") ? link : split(current).folder + "/" + link
        }
        return nil
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
}
