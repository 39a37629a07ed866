import ClunealAnatomy

/// A landmark walk to one cluneal nerve's tender point, in numbered steps, with every distance
/// taken from the ``BodyModel`` of one person.
///
/// Steps keep their text as a template in which `{measure-id}` stands for a distance, so that
/// the same walk prints in centimetres or millimetres and a test can compare each number with
/// the model. Build one with ``make(_:side:model:)``.
public struct PalpationWalk: Codable, Hashable, Sendable {
    public var nerve: NerveGroup
    /// The patient's side the walk is written for.
    public var side: Side
    public var title: String
    public var steps: [PalpationStep]
    /// How the body was fitted to the person (travels with every output).
    public var scaling: Scaling
    /// Every source id the steps cite, in first-cited order.
    public var sourceIds: [String]

    public init(nerve: NerveGroup, side: Side, title: String, steps: [PalpationStep], scaling: Scaling) {
        self.nerve = nerve
        self.side = side
        self.title = title
        self.steps = steps
        self.scaling = scaling
        self.sourceIds = TeachingText.unique(steps.flatMap(\.sourceIds))
    }

    /// Every measure of every step, for checks and programs.
    public var measures: [StepMeasure] { steps.flatMap(\.measures) }
}

/// One step of a walk.
public struct PalpationStep: Codable, Hashable, Sendable {
    public var number: Int
    /// A stable name for the step (`psis`, `crest`, `tender-point`, `block`...).
    public var id: String
    public var title: String
    /// What to do. `{id}` marks where the distance of the measure with that id goes.
    public var template: String
    /// How the structure feels under the fingers, from the atlas where it has such text.
    public var feel: String?
    /// The distances the step states, in millimetres, each computed from the model.
    public var measures: [StepMeasure]
    /// Block volume, agent and what a positive block means, for the block step.
    public var block: BlockFacts?
    /// Ids of the atlas items the step used.
    public var itemIds: [String]
    /// Ids of the sources behind the step (its items' sources and any clinical criteria).
    public var sourceIds: [String]

    public init(number: Int, id: String, title: String, template: String, feel: String? = nil,
                measures: [StepMeasure] = [], block: BlockFacts? = nil, itemIds: [String], sourceIds: [String]) {
        self.number = number
        self.id = id
        self.title = title
        self.template = template
        self.feel = feel
        self.measures = measures
        self.block = block
        self.itemIds = itemIds
        self.sourceIds = sourceIds
    }

    /// The instruction with every `{measure-id}` replaced by its distance in `unit`.
    public func instruction(in unit: LengthUnit) -> String {
        var text = template
        for m in measures {
            text = text.replacing("{\(m.id)}", with: TeachingText.length(m.millimetres, unit))
        }
        return text
    }

    public func measure(_ id: String) -> StepMeasure? { measures.first { $0.id == id } }
}

/// A distance a step states.
public struct StepMeasure: Codable, Hashable, Sendable {
    /// Stable id, also the placeholder in the step's template.
    public var id: String
    /// What is measured, in words ("PSIS from the midline").
    public var label: String
    /// Millimetres. Heights keep their sign (+ cranial) and the template says "above" or
    /// "below" to match; everything else is a positive distance.
    public var millimetres: Double
    /// The atlas items the number was computed from.
    public var itemIds: [String]

    public init(id: String, label: String, millimetres: Double, itemIds: [String]) {
        self.id = id
        self.label = label
        self.millimetres = millimetres
        self.itemIds = itemIds
    }
}

/// What the atlas says about a diagnostic block at one site.
public struct BlockFacts: Codable, Hashable, Sendable {
    public var injectionSiteId: String
    public var guidance: String
    public var volumeMillilitres: VolumeRange
    public var agent: String
    /// What counts as a positive block, with its thresholds, in the atlas's words.
    public var positiveResponse: String

    /// "1", "1.5": millilitres without a needless ".0".
    public static func millilitres(_ v: Double) -> String {
        v == v.rounded() ? LengthUnit.fixed(v, 0) : LengthUnit.fixed(v, 1)
    }
}
