import ArgumentParser
import ClunealAnatomy
import Foundation

/// `--atlas FILE`, shared by every command that reads the atlas.
struct AtlasOptions: ParsableArguments {
    @Option(name: .customLong("atlas"), help: ArgumentHelp(
        "Atlas file to use instead of the default adult atlas.",
        discussion: "Without it: $CLUNEAL_ATLAS, then Atlas/adult-default.atlas.json next to the installed tool or in the current folder.",
        valueName: "file"))
    var atlasPath: String?

    func validate() throws {
        if let atlasPath, atlasPath.isEmpty { throw ValidationError("--atlas needs a file path, not an empty string.") }
    }

    /// Reads and validates the atlas and the bibliography files it names.
    func load() throws(CLIError) -> Atlas {
        if let atlasPath { return try AtlasFiles.load(path: atlasPath) }
        return try AtlasFiles.load(path: try AtlasFiles.defaultAtlasPath())
    }
}

/// Finding and reading atlas files.
enum AtlasFiles {
    static let defaultName = "adult-default.atlas.json"

    /// Where the default atlas is, or a 66 error that says where it looked.
    static func defaultAtlasPath() throws(CLIError) -> String {
        let fm = FileManager.default
        var candidates: [String] = []
        if let env = ProcessInfo.processInfo.environment["CLUNEAL_ATLAS"], !env.isEmpty { return env }
        var dir = URL(fileURLWithPath: executablePath()).deletingLastPathComponent()
        for _ in 0..<6 {
            candidates.append(dir.appendingPathComponent("Atlas/\(defaultName)").path)
            candidates.append(dir.appendingPathComponent("share/clunealmap/\(defaultName)").path)
            dir = dir.deletingLastPathComponent()
        }
        candidates.append(fm.currentDirectoryPath + "/Atlas/\(defaultName)")
        if let found = candidates.first(where: { fm.fileExists(atPath: $0) }) { return found }
        throw CLIError(.noInput, "cannot find the default atlas (\(defaultName)); give --atlas FILE or set CLUNEAL_ATLAS")
    }

    static func executablePath() -> String {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return resolved }
        return Bundle.main.executablePath ?? CommandLine.arguments.first ?? "."
    }

    /// The files an atlas was read from: the atlas itself and its bibliography files (no
    /// output may be one of them).
    static func inputPaths(of atlas: Atlas) -> [String] {
        [atlas.file] + (atlas.document.sourceFiles ?? []).map { DataFiles.companionPath($0, namedBy: atlas.file) }
    }

    static func load(path: String) throws(CLIError) -> Atlas {
        let input = try DataFiles.read(path, what: "atlas")
        let decoded: DecodedAtlas
        do {
            decoded = try AtlasLoader.decode(input)
        } catch {
            throw CLIError(error)
        }
        let sources = try DataFiles.companions(decoded.sourceFileNames, namedBy: path)
        do {
            return try AtlasLoader.validate(decoded, sourceFiles: sources)
        } catch {
            throw CLIError(error)
        }
    }
}
