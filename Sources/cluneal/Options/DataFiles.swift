import ClunealAnatomy
import Foundation

/// The one loader of data files (atlas, bibliographies, measurements, symptom catalogue,
/// guide): read with ``FileIO/read(_:what:limit:)``'s limits and codes, handed to the
/// libraries as ``AtlasInput``, with companion files (bibliographies) resolved beside the file
/// that names them.
enum DataFiles {
    /// One data file as bytes with its name (66 missing, 65 too large, 74 unreadable).
    static func read(_ path: String, what: String) throws(CLIError) -> AtlasInput {
        AtlasInput(file: path, bytes: try FileIO.read(path, what: what))
    }

    /// Where a file named inside `owner` lives: absolute, or relative to `owner`'s folder.
    static func companionPath(_ name: String, namedBy owner: String) -> String {
        name.hasPrefix("/") ? name : URL(fileURLWithPath: owner).deletingLastPathComponent().appendingPathComponent(name).path
    }

    /// The files `owner` names (its bibliographies); a missing one is bad data in `owner` (65).
    static func companions(_ names: [String], namedBy owner: String) throws(CLIError) -> [AtlasInput] {
        var inputs: [AtlasInput] = []
        for name in names {
            do {
                inputs.append(try read(companionPath(name, namedBy: owner), what: "bibliography named by \(owner)"))
            } catch {
                throw CLIError(.dataError, error.message)
            }
        }
        return inputs
    }
}
