import ArgumentParser
import ClunealAnatomy
import ClunealTeaching

/// `cluneal palpate superior|middle|inferior`: the landmark walk to one nerve's tender point.
struct Palpate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "palpate",
        abstract: "Walk to one cluneal nerve's tender point by its landmarks, in numbered steps scaled to the person.",
        discussion: """
            Each step says what to do and what it feels like; every distance comes from the atlas, \
            scaled to the measurements given (the reference adult without them). The last step says \
            what a positive diagnostic block means, with its threshold and sources.
            """)

    @Argument(help: "The nerve group: superior, middle or inferior.")
    var nerve: NerveGroup

    @Option(help: "The patient's side to examine (left or right).")
    var side: Side = .left

    @OptionGroup var atlasOptions: AtlasOptions
    @OptionGroup var measurementOptions: MeasurementOptions
    @OptionGroup var output: OutputOptions

    struct StepView: Encodable {
        var number: Int
        var id: String
        var title: String
        var instruction: String
        var feel: String?
        var measures: [StepMeasure]
        var block: BlockFacts?
        var itemIds: [String]
        var sourceIds: [String]
    }

    struct WalkView: Encodable {
        var nerve: NerveGroup
        var side: Side
        var title: String
        var units: String
        var steps: [StepView]
        var sources: [SourceEntry]
        var scaling: ScalingRecord
        var atlas: AtlasReference
        var frame: String
        var notice: String
    }

    func run() throws {
        try reportingErrors {
            let atlas = try atlasOptions.load()
            let model = try measurementOptions.model(for: atlas)
            let walk: PalpationWalk
            do throws(TeachingError) { walk = try PalpationWalk.make(nerve, side: side, model: model) } catch { throw CLIError(error) }
            let unit = output.units.lengthUnit
            if output.json {
                let steps = walk.steps.map {
                    StepView(number: $0.number, id: $0.id, title: $0.title, instruction: $0.instruction(in: unit), feel: $0.feel,
                             measures: $0.measures, block: $0.block, itemIds: $0.itemIds, sourceIds: $0.sourceIds)
                }
                let view = WalkView(nerve: walk.nerve, side: walk.side, title: walk.title, units: unit.rawValue, steps: steps,
                                    sources: walk.sourceIds.compactMap { atlas.source($0) }, scaling: ScalingRecord(walk.scaling),
                                    atlas: AtlasReference(atlas), frame: BodyFrameText.short, notice: Notice.text)
                try StandardOutput.write(try JSONOutput.encode(view))
                return
            }
            try StandardOutput.write(walk.text(unit: unit, atlas: atlas) + "\n" + Notice.text + "\n")
        }
    }
}
