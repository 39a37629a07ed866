@testable import cluneal
import Foundation
import Testing

/// Outputs cannot destroy inputs or each other: an output that is an input, or one file named
/// twice, is refused before any work; `-` is standard output; links stay links; devices and
/// FIFOs are written through; a live writer's temporary file is never taken for an orphan;
/// a quiz map and its answer keys land together.
@Suite("Output safety", .serialized)
struct OutputSafetyTests {
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cluneal-outputs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static var sampleCases: URL { CLIRunner.root.appendingPathComponent("Samples/cases.csv") }

    static func bytes(_ url: URL) throws -> [UInt8] { [UInt8](try Data(contentsOf: url)) }

    static func isLink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
    }

    /// The reproduction of the review: `-o` naming the case file itself, in three spellings.
    @Test(arguments: ["mine.csv", "./mine.csv", "link-to-mine.csv"])
    func anOutputThatIsTheInputIsRefused(_ spelling: String) throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let mine = dir.appendingPathComponent("mine.csv")
        try FileManager.default.copyItem(at: Self.sampleCases, to: mine)
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("link-to-mine.csv").path, withDestinationPath: "mine.csv")
        let before = try Self.bytes(mine)
        let r = try CLIRunner.run(["locate", "--cases", "mine.csv", "--format", "csv", "-o", spelling], currentDirectory: dir)
        #expect(r.status == 73, "\(r.stderr)")
        #expect(r.stderr.contains("output \(spelling)") && r.stderr.contains("the input mine.csv"), "\(r.stderr)")
        #expect(try Self.bytes(mine) == before)
        #expect(r.stdout.isEmpty)
    }

    @Test func anOutputThatIsTheAtlasIsRefused() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in ["adult-default.atlas.json", "sources.json"] {
            try FileManager.default.copyItem(at: CLIRunner.root.appendingPathComponent("Atlas/\(name)"), to: dir.appendingPathComponent(name))
        }
        try FileManager.default.copyItem(at: Self.sampleCases, to: dir.appendingPathComponent("c.csv"))
        for target in ["adult-default.atlas.json", "sources.json"] {
            let before = try Self.bytes(dir.appendingPathComponent(target))
            let r = try CLIRunner.run(["locate", "--cases", "c.csv", "--atlas", "adult-default.atlas.json", "-o", target], currentDirectory: dir)
            #expect(r.status == 73, "\(r.stderr)")
            #expect(r.stderr.contains("it is the input"), "\(r.stderr)")
            #expect(try Self.bytes(dir.appendingPathComponent(target)) == before)
        }
    }

    /// `map -o a.png -o ./a.png` replaced a.png before failing; now nothing is written.
    @Test(arguments: [
        ["map", "--px-per-cm", "2", "-o", "a.png", "-o", "./a.png"],
        ["map", "--px-per-cm", "2", "-o", "a.svg", "-o", "a.png", "-o", "./a.svg"],
        ["export", "-o", "x.csv", "-o", "./x.csv"],
        ["export", "-o", "x.csv", "-o", "sub/../x.csv"],
    ])
    func oneFileNamedTwiceIsRefusedAndNothingIsWritten(_ arguments: [String]) throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("sub"), withIntermediateDirectories: true)
        let old = Array("OLD\n".utf8)
        for name in ["a.png", "a.svg", "x.csv"] { try Data(old).write(to: dir.appendingPathComponent(name)) }
        let r = try CLIRunner.run(arguments, currentDirectory: dir)
        #expect(r.status == 73, "\(r.stderr)")
        #expect(r.stderr.contains("are the same file"), "\(r.stderr)")
        for name in ["a.png", "a.svg", "x.csv"] { #expect(try Self.bytes(dir.appendingPathComponent(name)) == old, "\(name)") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["a.png", "a.svg", "sub", "x.csv"])
    }

    @Test func aDashIsStandardOutputForCasesAndMaps() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cases = try CLIRunner.run(["locate", "--cases", Self.sampleCases.path, "-o", "-"], currentDirectory: dir)
        #expect(cases.status == 0, "\(cases.stderr)")
        let lines = cases.stdout.split(separator: "\n")
        #expect(lines.count == 24 && lines.allSatisfy { $0.hasPrefix("{\"atlas\":") && $0.contains("\"case\":") })
        let csv = try CLIRunner.run(["locate", "--cases", Self.sampleCases.path, "--format", "csv", "-o", "-"], currentDirectory: dir)
        #expect(csv.stdout.hasPrefix("case,row,"))
        let map = try CLIRunner.run(["map", "--px-per-cm", "2", "-o", "-"], currentDirectory: dir)
        #expect(map.status == 0, "\(map.stderr)")
        #expect(map.stdout.dropFirst().hasPrefix("PNG"), "not a PNG on stdout")
        #expect(map.stderr.contains("wrote standard output (PNG"), "\(map.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty, "a file named - was created")
        let one = try CLIRunner.run(["locate", "--side", "left", "--from", "crest", "--lateral", "7cm", "--vertical", "0", "-o", "-"], currentDirectory: dir)
        #expect(one.status == 64 && one.stderr.contains("--output -"), "\(one.stderr)")
    }

    @Test func casesAreReadFromStandardInputWithADash() throws {
        let text = try String(contentsOf: Self.sampleCases, encoding: .utf8)
        let r = try CLIRunner.run(["locate", "--cases", "-"], stdin: text)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.split(separator: "\n").count == 24)
    }

    /// A link keeps being a link and its target gets the new bytes, also when the target is
    /// not there yet.
    @Test func aSymbolicLinkStaysALink() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("real"), withIntermediateDirectories: true)
        let target = dir.appendingPathComponent("real/target.csv")
        try Data("OLD\n".utf8).write(to: target)
        let link = dir.appendingPathComponent("link.csv").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "real/target.csv")
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("dangling.csv").path, withDestinationPath: "real/new.csv")
        for (name, file) in [("link.csv", "target.csv"), ("dangling.csv", "new.csv")] {
            let r = try CLIRunner.run(["locate", "--cases", Self.sampleCases.path, "--format", "csv", "-o", name], currentDirectory: dir)
            #expect(r.status == 0, "\(r.stderr)")
            #expect(Self.isLink(dir.appendingPathComponent(name).path), "\(name) is no longer a link")
            #expect(try String(contentsOf: dir.appendingPathComponent("real/\(file)"), encoding: .utf8).hasPrefix("case,row,"))
        }
        let loop = dir.appendingPathComponent("loop.csv").path
        try FileManager.default.createSymbolicLink(atPath: loop, withDestinationPath: "loop.csv")
        let r = try CLIRunner.run(["locate", "--cases", Self.sampleCases.path, "-o", "loop.csv"], currentDirectory: dir)
        #expect(r.status == 73 && r.stderr.contains("loop of symbolic links"), "\(r.stderr)")
    }

    /// A FIFO is written through: its reader gets the results and it stays a FIFO.
    @Test func aFIFOIsWrittenThrough() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fifo = dir.appendingPathComponent("results.jsonl").path
        #expect(mkfifo(fifo, 0o644) == 0)
        // The reader is another process, as a user's `cat` would be.
        let reader = Process()
        reader.executableURL = URL(fileURLWithPath: "/bin/cat")
        reader.arguments = [fifo]
        let pipe = Pipe()
        reader.standardOutput = pipe
        try reader.run()
        let r = try CLIRunner.run(["locate", "--cases", Self.sampleCases.path, "-o", fifo], currentDirectory: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        reader.waitUntilExit()
        #expect(String(decoding: data, as: UTF8.self).split(separator: "\n").count == 24)
        var info = stat()
        #expect(lstat(fifo, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO)
    }

    /// A temporary file under a writer's lock survives a cleanup however old it looks (a
    /// writer in another PID namespace); an unlocked old one is removed.
    @Test func aLockedTemporaryFileIsNeverTakenForAnOrphan() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let prefix = OutputFile.temporaryPrefix(for: "out.jsonl")
        let live = dir.appendingPathComponent(prefix + "live").path
        let dead = dir.appendingPathComponent(prefix + "dead").path
        let legacy = dir.appendingPathComponent(".out.jsonl.tmp-999999").path
        for path in [live, dead, legacy] { try Data("partial".utf8).write(to: URL(fileURLWithPath: path)) }
        // An hour old, as a long write by another host might look.
        var times = [timeval(tv_sec: time(nil) - 3600, tv_usec: 0), timeval(tv_sec: time(nil) - 3600, tv_usec: 0)]
        for path in [live, dead, legacy] { #expect(utimes(path, &times) == 0) }
        let fd = open(live, O_RDONLY)
        defer { close(fd) }
        #expect(flock(fd, LOCK_EX) == 0)
        let r = try CLIRunner.run(["locate", "--cases", Self.sampleCases.path, "-o", "out.jsonl"], currentDirectory: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: live), "the live writer's file was deleted")
        #expect(!FileManager.default.fileExists(atPath: dead))
        #expect(!FileManager.default.fileExists(atPath: legacy))
    }

    /// Ten parallel quiz maps into one name: the map and both keys of the survivor agree.
    @Test func parallelQuizMapsKeepTheirOwnAnswerKeys() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        for trial in 0..<3 {
            let processes = try (0..<10).map { k in
                try AtomicOutputTests.start(["map", "--quiz", "--seed", "\(700 + trial * 10 + k)", "--px-per-cm", "2", "-o", "q.png"], in: dir)
            }
            for p in processes { p.waitUntilExit(); #expect(p.terminationStatus == 0) }
            let png = String(decoding: try Data(contentsOf: dir.appendingPathComponent("q.png")), as: UTF8.self)
            let key = String(decoding: try Data(contentsOf: dir.appendingPathComponent("q.key.json")), as: UTF8.self)
            let md = try String(contentsOf: dir.appendingPathComponent("q.key.md"), encoding: .utf8)
            let seed = try #require(png.firstMatch(of: /--seed (\d+)/)?.1)
            #expect(key.contains("\"seed\" : \(seed)"), "trial \(trial): the map has seed \(seed), the key does not")
            #expect(md.contains("(seed \(seed))"), "trial \(trial): the Markdown key is not of seed \(seed)")
        }
    }

    /// A legal 250-byte name works although `.NAME.tmp-…` would be too long.
    @Test func aLongFileNameWorks() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let name = String(repeating: "n", count: 246) + ".csv"
        let r = try CLIRunner.run(["locate", "--cases", Self.sampleCases.path, "--format", "csv", "-o", name], currentDirectory: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == [name])
    }

    /// A read-only file is refused, as `cp` would (root may write anything, so only as a user).
    @Test(.enabled(if: geteuid() != 0, "root may replace read-only files"))
    func aReadOnlyFileIsRefused() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out.jsonl")
        try Data("OLD\n".utf8).write(to: out)
        chmod(out.path, 0o444)
        let r = try CLIRunner.run(["locate", "--cases", Self.sampleCases.path, "-o", out.path])
        #expect(r.status == 73 && r.stderr.contains("read-only"), "\(r.stderr)")
    }

    static let canUnshare: Bool = {
        guard geteuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare") else { return false }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        p.arguments = ["-m", "--propagation", "private", "true"]
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }()

    /// The review's device cases, inside a private mount namespace with its own tmpfs on /dev,
    /// so the host's /dev is never touched: `/dev/null` stays a character device, `/dev/stdout`
    /// (a link to /proc/self/fd/1) goes to standard output and stays a link.
    @Test(.enabled(if: canUnshare, "needs root and unshare -m"))
    func devicesAreWrittenThroughInAPrivateMountNamespace() throws {
        guard let exe = CLIRunner.executable else { throw CocoaError(.fileNoSuchFile) }
        let atlas = CLIRunner.root.appendingPathComponent("Atlas/adult-default.atlas.json").path
        let script = """
            set -e
            mount -t tmpfs tmpfs /dev
            mknod -m 666 /dev/null c 1 3
            ln -s /proc/self/fd/1 /dev/stdout
            '\(exe.path)' locate --cases '\(Self.sampleCases.path)' -o /dev/null
            echo "null: $(stat -c %F /dev/null)"
            echo "lines: $('\(exe.path)' locate --cases '\(Self.sampleCases.path)' -o /dev/stdout | wc -l)"
            echo "stdout: $(stat -c %F /dev/stdout)"
            """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        p.arguments = ["-m", "--propagation", "private", "sh", "-c", script]
        var env = ProcessInfo.processInfo.environment
        env["CLUNEAL_ATLAS"] = atlas
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "\(errors)")
        #expect(text.contains("null: character special file"), "\(text)")
        #expect(text.contains("lines: 24"), "\(text)")
        #expect(text.contains("stdout: symbolic link"), "\(text)")
    }
}
