import ArgumentParser
import ClunealAnatomy
import ClunealPalpation

/// `cluneal sites`: every diagnostic-block site of the atlas, placed on the person.
struct Sites: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sites",
        abstract: "List every diagnostic-block site, scaled to the person: where, how to find it, volume, agent, what counts as positive, sources.",
        discussion: Notice.text)

    @Option(help: "Only this side (the patient's).")
    var side: Side?

    @OptionGroup var atlasOptions: AtlasOptions
    @OptionGroup var measurementOptions: MeasurementOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try reportingErrors {
            let atlas = try atlasOptions.load()
            let model = try measurementOptions.model(for: atlas)
            let sites = BlockSite.all(in: model, sides: side.map { [$0] } ?? Side.allCases)
            if output.json {
                struct View: Encodable {
                    var sites: [FindingRecord.BlockSiteRecord]
                    var scaling: ScalingRecord
                    var atlas: AtlasReference
                    var frame: String
                    var notice: String
                }
                try StandardOutput.write(JSONOutput.encode(View(sites: sites.map { FindingRecord.BlockSiteRecord($0, guide: true) },
                                                                scaling: ScalingRecord(model.scaling), atlas: AtlasReference(atlas),
                                                                frame: BodyFrameText.short, notice: Notice.text)))
                return
            }
            var out = "Diagnostic-block sites of \(atlas.id) \(atlas.version); scaling: \(model.scaling.summary)\n"
            for s in sites {
                let group = s.nerve.map { " (\($0.rawValue) cluneal)" } ?? ""
                out += "\n" + FindingText.blockText(s, output: output, heading: "\(s.siteId)\(group)")
            }
            out += "\n\(Notice.text)\n"
            try StandardOutput.write(out)
        }
    }
}
