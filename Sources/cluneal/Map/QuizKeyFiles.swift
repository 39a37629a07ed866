import ClunealAnatomy
import ClunealTeaching
import Foundation

/// The answer key written beside a blank quiz map: JSON for programs, Markdown for people.
enum QuizKeyFiles {
    /// `map.png` → `map.key.json` and `map.key.md` (named after the first output).
    static func make(_ map: MarkerMap, model: BodyModel, seed: UInt64, mapPaths: [String]) throws(CLIError) -> [(String, [UInt8])] {
        let first = URL(fileURLWithPath: mapPaths.first ?? MapCommand.defaultOutput)
        let stem = first.deletingPathExtension().path
        struct Key: Encodable {
            var atlas: AtlasReference
            var seed: UInt64
            var maps: [String]
            var scaling: ScalingRecord
            var markers: [MarkerKeyEntry]
            var notice: String
        }
        let key = Key(atlas: AtlasReference(model.atlas), seed: seed, maps: mapPaths.map { URL(fileURLWithPath: $0).lastPathComponent },
                      scaling: ScalingRecord(model.scaling), markers: map.answerKey, notice: EducationNotice.text)
        let json = try JSONOutput.encode(key)
        var md = "# Answer key: blank cluneal map\n\n"
        md += "Maps: \(key.maps.joined(separator: ", ")) (seed \(seed)). Atlas \(key.atlas.id) \(key.atlas.version); scaling: \(model.scaling.summary).\n\n"
        md += "| # | answer | side | kind | position (cm) | sources |\n|---|---|---|---|---|---|\n"
        for m in map.answerKey {
            let x = LengthUnit.fixed(abs(m.positionMillimetres.x) / 10, 1), z = LengthUnit.fixed(m.positionMillimetres.z / 10, 1)
            let zText = m.positionMillimetres.z >= 0 ? "\(z) above" : "\(String(z.dropFirst())) below"
            let position = m.side == nil ? "on the midline, \(zText) the PSIS level" : "\(x) from the midline, \(zText) the PSIS level"
            md += "| \(m.number) | \(m.name) | \(m.side?.rawValue ?? "midline") | \(m.itemKind.rawValue) | \(position) | \(m.sourceIds.joined(separator: ", ")) |\n"
        }
        md += "\nSources resolve in `cluneal atlas sources`. \(EducationNotice.text)\n"
        return [(stem + ".key.json", Array(json.utf8)), (stem + ".key.md", Array(md.utf8))]
    }
}
