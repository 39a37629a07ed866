import Foundation

/// All file reading and writing of the CLI, with the exit codes of sysexits.
enum FileIO {
    /// Reads a whole input file. Missing → 66; a directory or unreadable → 66/74.
    static func read(_ path: String, what: String) throws(CLIError) -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CLIError(.noInput, "\(what) \(path): no such file")
        }
        if isDirectory.boolValue { throw CLIError(.noInput, "\(what) \(path): is a directory, not a file") }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw CLIError(.noInput, "\(what) \(path): permission denied")
        }
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            if data.count > maxInputBytes {
                throw CLIError(.dataError, "\(what) \(path): \(data.count) bytes is too large (limit \(maxInputBytes))")
            }
            return [UInt8](data)
        } catch let error as CLIError {
            throw error
        } catch {
            throw CLIError(.ioError, "\(what) \(path): cannot read: \(error.localizedDescription)")
        }
    }

    /// True when a regular file (or a link to one) exists at `path`.
    static func exists(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    /// Input files larger than this are refused before parsing (bytes).
    static let maxInputBytes = 64 * 1024 * 1024

    /// Writes `bytes` to `path` atomically: a temporary file in the same folder, then a rename,
    /// so a reader sees the old file or the complete new one, never a part.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws(CLIError) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw CLIError(.cannotCreate, "output \(path): is a directory")
        }
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CLIError(.cannotCreate, "output \(path): folder \(folder) does not exist")
        }
        let temporary = folder + "/." + url.lastPathComponent + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(bytes)) else {
            throw CLIError(.cannotCreate, "output \(path): cannot create a file in \(folder) (permission denied or disk full)")
        }
        if rename(temporary, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw CLIError(.cannotCreate, "output \(path): cannot replace it: \(reason)")
        }
    }
}
