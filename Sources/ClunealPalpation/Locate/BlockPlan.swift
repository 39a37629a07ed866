import BodyGeometry
import ClunealAnatomy

/// The diagnostic-block plan of one nerve group on one side: one search window, one text.
///
/// The sites of a group (the three superior crossings 6-8 cm from the midline) lie closer
/// together than a finger can tell apart, so they share the group's ``SearchWindow`` and the
/// technique of the group's first site in atlas order; the individual sites stay listed.
public struct BlockPlan: Hashable, Sendable {
    public let nerve: NerveGroup
    public let side: Side
    /// Where to search: the span of the group's default zone centres widened by the palpation error.
    public let window: SearchWindow?
    /// Every block site of the group on this side, in atlas order.
    public let sites: [BlockSite]

    /// The site whose technique the plan gives (the first in atlas order).
    public var lead: BlockSite { sites[0] }

    /// "landmark or ultrasound", "landmark".
    public var guidanceWords: String { sites.contains { $0.ultrasound != nil } ? "landmark or ultrasound" : "landmark" }

    /// The plans of every group on the given sides, superior first, left before right.
    public static func all(in model: BodyModel, sides: [Side] = Side.allCases, error: PalpationUncertainty) -> [BlockPlan] {
        let sites = BlockSite.all(in: model, sides: sides)
        var plans: [BlockPlan] = []
        for nerve in NerveGroup.allCases {
            for side in sides {
                let mine = sites.filter { $0.nerve == nerve && $0.side == side }
                guard !mine.isEmpty else { continue }
                plans.append(BlockPlan(nerve: nerve, side: side, window: SearchWindow(nerve: nerve, side: side, model: model, error: error), sites: mine))
            }
        }
        return plans
    }
}
