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
    @OptionGroup var palpation: PalpationErrorOptions
    @OptionGroup var output: OutputOptions

    /// One line per site: where it is on this person and how it is guided.
    static func summary(_ plans: [BlockPlan], output: OutputOptions) -> String {
        var table = TextTable(columns: ["site", "group", "side", "from midline", "height", "guidance", "volume"])
        for plan in plans {
            for s in plan.sites {
                table.add([s.id, plan.nerve.rawValue, s.side.rawValue, output.format(s.lateralMillimetres),
                           FindingText.vertical(s.verticalMillimetres, output, "PSIS level"),
                           s.ultrasound == nil ? "landmark" : "landmark or ultrasound", FindingText.volume(s.volumeMillilitres)])
            }
        }
        return table.render()
    }

    /// One search window and one text per group and side; the sites are listed, not repeated.
    static func planText(_ plan: BlockPlan, output: OutputOptions) -> String {
        var out = "\(plan.nerve.rawValue.capitalized) cluneal nerves, \(plan.side.rawValue) side (\(plan.guidanceWords))\n"
        if let w = plan.window {
            out += FindingText.wrap("search window: \(w.rangeWords); the most tender spot in it that reproduces the pain is the target.", indent: "  ", hanging: "    ") + "\n"
        }
        out += FindingText.wrap("sites in this window: " + plan.sites.map { "\($0.id) (\(output.format($0.lateralMillimetres)) from the midline, \(FindingText.vertical($0.verticalMillimetres, output, "the PSIS level")))" }.joined(separator: "; "), indent: "  ", hanging: "    ") + "\n"
        out += FindingText.technique(plan.lead)
        for other in plan.sites.dropFirst() where other.howToFind != plan.lead.howToFind {
            out += FindingText.wrap("landmark steps for \(other.id): \(other.howToFind)", indent: "  ", hanging: "    ") + "\n"
        }
        var seen = Set<String>()
        let sources = plan.sites.flatMap(\.sources).filter { seen.insert($0.id).inserted }
        out += "  sources:\n" + sources.map { FindingText.wrap("[\($0.id)] \($0.citation)", indent: "    ", hanging: "      ") }.joined(separator: "\n") + "\n"
        return out
    }

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
            let plans = BlockPlan.all(in: model, sides: side.map { [$0] } ?? Side.allCases, error: palpation.error(for: atlas))
            var out = "Diagnostic-block sites of \(atlas.id) \(atlas.version); scaling: \(model.scaling.summary)\n\n"
            out += Self.summary(plans, output: output)
            for plan in plans { out += "\n" + Self.planText(plan, output: output) }
            out += "\n\(Notice.text)\n"
            try StandardOutput.write(out)
        }
    }
}
