import ClunealRender
@testable import cluneal
import Foundation
import Testing

/// Outputs are written to `.NAME.tmp-RANDOM` beside the target, under a lock, and renamed into
/// place, so a process killed at any moment leaves the old file or the complete new one, never
/// a part. A killed process may leave its temporary file; the next successful write of the
/// same path removes temporary files nobody holds a lock on (once they are a little old).
@Suite("Atomic outputs", .serialized)
struct AtomicOutputTests {
    static let oldBytes = [UInt8]("not a PNG: the file as it was before\n".utf8)

    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cluneal-atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Starts `cluneal ARGS` quietly.
    static func start(_ arguments: [String], in dir: URL) throws -> Process {
        let process = Process()
        guard let executable = CLIRunner.executable else { throw CocoaError(.fileNoSuchFile) }
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = dir
        var env = ProcessInfo.processInfo.environment
        env["CLUNEAL_ATLAS"] = CLIRunner.root.appendingPathComponent("Atlas/adult-default.atlas.json").path
        env["SWIFT_BACKTRACE"] = "enable=no"
        process.environment = env
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    static func temporaries(in dir: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains(".tmp-") }
    }

    /// The target holds the old bytes or a complete PNG.
    static func expectOldOrComplete(_ png: URL, _ moment: String) throws -> Bool {
        let bytes = [UInt8](try Data(contentsOf: png))
        if bytes == oldBytes { return false }
        #expect((try? PNGDecoder.decode(bytes)) != nil, "\(moment): \(png.lastPathComponent) is neither the old file nor a complete PNG (\(bytes.count) bytes)")
        return true
    }

    @Test func aMapKilledAtAnyMomentLeavesTheOldFileOrTheNewOne() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let png = dir.appendingPathComponent("big.png")
        let arguments = ["map", "-o", png.path, "--px-per-cm", "100"]
        var killed: [Int32] = []
        // Killed after a fixed delay: while loading, drawing, encoding or writing.
        for milliseconds in [5, 20, 60, 150, 400, 1000, 2000] {
            try Data(Self.oldBytes).write(to: png)
            let process = try Self.start(arguments, in: dir)
            usleep(useconds_t(milliseconds * 1000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            killed.append(process.processIdentifier)
            _ = try Self.expectOldOrComplete(png, "killed after \(milliseconds) ms")
            for t in try Self.temporaries(in: dir) where !t.hasPrefix(OutputFile.temporaryPrefix(for: "big.png")) {
                Issue.record("killed after \(milliseconds) ms: a temporary file not of the output: \(t)")
            }
        }
        // Killed the moment its temporary file appears: mid-write.
        try Data(Self.oldBytes).write(to: png)
        let earlier = Set(try Self.temporaries(in: dir))
        let process = try Self.start(arguments, in: dir)
        var own: String?
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning, Date() < deadline {
            if let fresh = try Self.temporaries(in: dir).first(where: { !earlier.contains($0) }) {
                kill(process.processIdentifier, SIGKILL)
                own = fresh
                break
            }
            usleep(200)
        }
        process.waitUntilExit()
        let replaced = try Self.expectOldOrComplete(png, "killed while writing")
        if let own, !replaced {
            // The old file is untouched and the partial write is only in the orphan.
            #expect(try Self.temporaries(in: dir).contains(own))
        }
        // Orphans count as such once unlocked and older than the age that covers creation.
        usleep(useconds_t((OutputFile.orphanAge + 0.2) * 1_000_000))
        // A complete run replaces the file and removes every orphan of the killed runs.
        let done = try CLIRunner.run(["map", "-o", png.path, "--px-per-cm", "2"], currentDirectory: dir)
        #expect(done.status == 0, "\(done.stderr)")
        #expect(try Self.expectOldOrComplete(png, "after a complete run"))
        let left = try Self.temporaries(in: dir)
        #expect(left.isEmpty, "orphans left: \(left)")
    }

    @Test func anExistingFileIsReplacedOnlyByACompleteOne() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("points.csv")
        try Data(Self.oldBytes).write(to: csv)
        // A failing run (an unknown item kind) leaves the old file as it was...
        let failed = try CLIRunner.run(["export", "-o", csv.path, "--what", "bones"], currentDirectory: dir)
        #expect(failed.status == 64)
        #expect([UInt8](try Data(contentsOf: csv)) == Self.oldBytes)
        // ...and so does one whose second output cannot be written.
        let half = try CLIRunner.run(["export", "-o", csv.path, "-o", dir.appendingPathComponent("missing/x.mrk.json").path], currentDirectory: dir)
        #expect(half.status == 73)
        #expect([UInt8](try Data(contentsOf: csv)) == Self.oldBytes)
        #expect(try Self.temporaries(in: dir).isEmpty)
        let ok = try CLIRunner.run(["export", "-o", csv.path], currentDirectory: dir)
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(try String(contentsOf: csv, encoding: .utf8).hasPrefix("name,x,y,z,type\r\n"))
    }

    /// Every file the CLI writes goes through `OutputFile`: no other code in the tool opens a
    /// file for writing.
    @Test func noCommandWritesAFileAnyOtherWay() throws {
        let sources = CLIRunner.root.appendingPathComponent("Sources/cluneal")
        let files = try #require(FileManager.default.enumerator(atPath: sources.path)).compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
        #expect(files.count > 20)
        let forbidden = ["createFile(", ".write(to:", "FileHandle(forWriting", "fopen(", "O_WRONLY", "O_CREAT", "writeToFile", ".write(toFile"]
        for file in files where !file.hasSuffix("Support/FileIO.swift") && !file.hasSuffix("Support/OutputFile.swift") {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            for f in forbidden { #expect(!text.contains(f), "\(file) uses \(f)") }
        }
    }
}
