import Foundation

/// Runs the built `cluneal` binary as a user would, capturing its output and exit code.
enum CLIRunner {
    struct Result: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `cluneal` executable next to the test bundle (SwiftPM builds both into one folder).
    static var executable: URL? {
        var candidates: [URL] = []
        let exe = URL(fileURLWithPath: CommandLine.arguments.first ?? "")
        candidates.append(exe.deletingLastPathComponent().appendingPathComponent("cluneal"))
        candidates.append(exe.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("cluneal"))
        candidates.append(Bundle.main.bundleURL.appendingPathComponent("cluneal"))
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("cluneal"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// With `standardOutputPath` the tool's stdout goes to that file (say /dev/full) and
    /// `Result.stdout` is empty.
    /// `environment` is added to this process's environment (and the test atlas).
    static func run(_ arguments: [String], stdin: String? = nil, standardOutputPath: String? = nil, standardInputPath: String? = nil,
                    currentDirectory: URL? = nil, environment: [String: String] = [:]) throws -> Result {
        guard let executable else { throw CocoaError(.fileNoSuchFile) }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = currentDirectory ?? root
        var env = ProcessInfo.processInfo.environment
        env["CLUNEAL_ATLAS"] = root.appendingPathComponent("Atlas/adult-default.atlas.json").path
        env.merge(environment) { _, new in new }
        process.environment = env
        let out = Pipe(), err = Pipe(), input = Pipe()
        let sink = try standardOutputPath.map { path in
            try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        }
        process.standardOutput = sink ?? out
        process.standardError = err
        if let standardInputPath {
            process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: standardInputPath))
        } else {
            process.standardInput = input
        }
        try process.run()
        if sink != nil { try? out.fileHandleForWriting.close() }
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try? input.fileHandleForWriting.close()
        // Read before waiting so a full pipe cannot block the child.
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }
}
