import ArgumentParser
import ClunealAnatomy

/// `cluneal atlas validate [FILE]`: check an atlas's schema and meaning.
struct AtlasValidate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check an atlas file (the default atlas when none is given); every problem is listed with file, line and JSON path.",
        discussion: "Exits 0 when valid, 65 when the atlas has problems, 66 when the file is missing.")

    @Argument(help: ArgumentHelp("Atlas file to check.", valueName: "file"))
    var file: String?

    @Flag(help: "Print the result as JSON.")
    var json = false

    struct Report: Encodable {
        var file: String
        var valid: Bool
        var atlas: String?
        var version: String?
        var counts: [String: Int]?
        var errors: [String]
    }

    func run() throws {
        try reportingErrors(listingEveryProblem: true) {
            let path: String
            if let file { path = file } else { path = try AtlasFiles.defaultAtlasPath() }
            do {
                let atlas = try AtlasFiles.load(path: path)
                let d = atlas.document
                let counts = ["sources": atlas.sources.count, "landmarks": d.landmarks.count, "structures": d.structures.count,
                              "nerves": d.nerves.count, "entrapmentSites": d.entrapmentSites.count, "zones": d.zones.count,
                              "injectionSites": d.injectionSites.count, "lookAlikes": atlas.lookAlikes.count, "frames": d.frames.count]
                if json {
                    try StandardOutput.write(try JSONOutput.encode(Report(file: path, valid: true, atlas: atlas.id, version: atlas.version, counts: counts, errors: [])))
                } else {
                    let order = ["landmarks", "structures", "nerves", "entrapmentSites", "zones", "injectionSites", "lookAlikes", "frames", "sources"]
                    try StandardOutput.write("valid: \(path) (\(atlas.id) \(atlas.version)): " + order.map { "\(counts[$0] ?? 0) \($0)" }.joined(separator: ", ") + "\n")
                }
            } catch let error as CLIError where json && error.code == .dataError {
                try StandardOutput.write(try JSONOutput.encode(Report(file: path, valid: false, errors: [error.message] + error.details)))
                throw error
            }
        }
    }
}
