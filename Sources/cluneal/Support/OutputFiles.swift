import Foundation

/// The outputs of one command, checked together before any work and written all or nothing.
///
/// ``resolve(_:inputs:)`` refuses (73, naming both) an output that is one of the command's
/// input files, or two outputs that are one file under different spellings (`a.png` and
/// `./a.png`, a link and its target), and more than one output to standard output.
/// ``commit(_:)`` renames every temporary file into place while holding a lock on each
/// output folder, so the files of one run (a quiz map and its answer keys) land together and
/// two parallel runs cannot leave one's map beside the other's key.
enum OutputFiles {
    /// Resolves and cross-checks the outputs; nothing is created.
    static func resolve(_ targets: [OutputTarget], inputs: [String]) throws(CLIError) -> [OutputFile] {
        let files = try targets.map { t throws(CLIError) in try OutputFile(t) }
        var seen: [OutputFile.Identity: OutputTarget] = [:]
        for f in files where !f.isCharacterDevice {
            if let earlier = seen[f.identity] {
                let what = f.identity == .standardOutput ? "standard output is named twice" : "\(earlier) and \(f.target) are the same file"
                throw CLIError(.cannotCreate, "output \(f.target): \(what); name each output once")
            }
            seen[f.identity] = f.target
        }
        for input in inputs {
            guard input != "-" else { continue }
            var info = stat()
            guard stat(input, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG || (info.st_mode & S_IFMT) == S_IFIFO else { continue }
            let identity = OutputFile.Identity.inode(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
            if let output = seen[identity] {
                throw CLIError(.cannotCreate, "output \(output): it is the input \(input); writing it would destroy the input, so choose another output file")
            }
        }
        return files
    }

    /// Writes each file's bytes, then commits them all: any failure leaves every old file as
    /// it was and no temporary file behind.
    static func write(_ files: [(OutputFile, [UInt8])]) throws(CLIError) {
        do {
            // Staged files first, so a failing device or pipe write leaves them unrenamed.
            for (f, bytes) in files where f.destination.isStaged { try f.write(bytes); try f.flush() }
            for (f, bytes) in files where !f.destination.isStaged { try f.write(bytes) }
            try commit(files.map(\.0))
        } catch {
            for (f, _) in files { f.discard() }
            throw error
        }
    }

    /// Resolves `targets` against `inputs` and writes `bytes` to them (the common case).
    static func write(_ outputs: [(OutputTarget, [UInt8])], inputs: [String]) throws(CLIError) {
        let files = try resolve(outputs.map(\.0), inputs: inputs)
        try write(Array(zip(files, outputs.map(\.1))))
    }

    /// Renames every staged file into place under the folders' locks, then removes orphans.
    static func commit(_ files: [OutputFile]) throws(CLIError) {
        for f in files where f.destination.isStaged { try f.flush() }
        var folders: [(key: [UInt64], fd: Int32)] = []
        for case .replace(let folder, _) in files.map(\.destination) {
            let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard fd >= 0 else { continue }
            var info = stat()
            fstat(fd, &info)
            let key = [UInt64(info.st_dev), UInt64(info.st_ino)]
            if folders.contains(where: { $0.key == key }) { close(fd); continue }
            folders.append((key, fd))
        }
        // One order for every process, so two runs cannot each hold the lock the other wants.
        folders.sort { $0.key.lexicographicallyPrecedes($1.key) }
        for f in folders { flock(f.fd, LOCK_EX) }
        defer { for f in folders { flock(f.fd, LOCK_UN); close(f.fd) } }
        for (i, f) in files.enumerated() {
            do {
                try f.finish()
            } catch {
                for g in files[(i + 1)...] { g.discard() }
                throw error
            }
        }
        for case .replace(let folder, let name) in files.map(\.destination) {
            OutputFile.removeOrphans(of: name, in: folder)
        }
    }
}

extension OutputFile.Destination {
    /// Written to a temporary file and renamed at commit.
    var isStaged: Bool {
        if case .replace = self { return true }
        return false
    }
}
