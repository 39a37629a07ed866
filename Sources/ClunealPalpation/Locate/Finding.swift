import BodyGeometry
import ClunealAnatomy

/// One entrapment zone ranked against a tender point.
///
/// Carries the placed zone itself (centre, axes, SDs), so a renderer can draw its ellipses,
/// and the nearest point of the branch's path, so it can draw the line from the tender point.
public struct Candidate: Hashable, Sendable {
    /// 1 for the nearest zone in standard score.
    public internal(set) var rank: Int
    /// Position in the locator's zone list for this side (atlas order).
    public let slot: Int
    public let zone: PlacedZone
    public let nerve: NerveGroup
    /// Id of the nerve branch the zone sits on (`scn-medial`, `mcn-2`...).
    public let branch: String
    /// Id of the entrapment site.
    public let siteId: String
    /// Bibliography id of the source the zone comes from.
    public let source: String
    public let isDefault: Bool
    /// A variant kept for the record that can never be the best match.
    public let disputed: Bool
    /// Straight-line distance to the zone centre, millimetres.
    public let distanceMillimetres: Double
    /// Distance in standard deviations, using the zone's own spread with the palpation error
    /// added in quadrature (``PlacedZone/spread(adding:)``).
    public let standardScore: Double
    /// Distance to the branch's path (ribbon centreline), millimetres; `nil` when the atlas
    /// has no path for the branch.
    public let nearestPathMillimetres: Double?
    /// The nearest point of that path, body frame.
    public let nearestPathPoint: Point?

    public var zoneId: String { zone.id }
    public var withinOneSD: Bool { standardScore <= 1 }
    public var withinTwoSD: Bool { standardScore <= Locator.matchLimit }
}

/// A nearby pain generator the tender point could be mistaken for.
public struct LookAlikeMatch: Hashable, Sendable {
    /// Look-alikes are reported when the point is within this many radii of the centre.
    public static let nearbyFactor = 2.0

    public let lookAlike: PlacedLookAlike
    /// Distance from the tender point to the look-alike's centre, millimetres.
    public let distanceMillimetres: Double

    public var id: String { lookAlike.entry.id }
    /// True when the point lies inside the look-alike's radius (it fits it).
    public var inside: Bool { distanceMillimetres <= lookAlike.radius }
}

/// Everything the tool says about one tender point.
///
/// Red flags come first: with any, ``urgentReferral`` is true, no block site is offered and
/// the referral message leads every output. The anatomical answer is still recorded.
public struct Finding: Hashable, Sendable {
    public let tenderPoint: TenderPoint
    public let screening: RedFlagScreening
    /// Every zone on the tender point's side, nearest (in standard score) first; empty when
    /// the Locator was asked for the best match and nearest zone only.
    public let candidates: [Candidate]
    /// The lowest standard score within 2 SD among non-disputed zones, or `nil`: the point is
    /// then not typical of cluneal entrapment.
    public let bestMatch: Candidate?
    /// The zone with the lowest standard score, disputed or not (ties: a default zone, then
    /// atlas order): the first of ``candidates``. `nil` only when the side has no zone.
    public let nearestZone: Candidate?
    /// Where a diagnostic block for the best match goes; `nil` without a best match, or when
    /// red flags put referral first.
    public let blockSite: BlockSite?
    /// Look-alikes within ``LookAlikeMatch/nearbyFactor`` radii, the closest (relative to radius) first.
    public let lookAlikes: [LookAlikeMatch]
    public let scaling: Scaling
    /// The palpation-and-measurement error every score includes.
    public let palpationError: PalpationUncertainty
    /// The nerve group, when its branches are within ``GroupAnswer/tolerance`` SD of each
    /// other at the point; its search window is then the block target.
    public let group: GroupAnswer?

    public var urgentReferral: Bool { screening.urgentReferral }

    /// True when a block site exists for the best match but red flags hold it back.
    public var blockSiteWithheld: Bool { urgentReferral && bestMatch != nil }

    /// The look-alike the point lies inside that makes it the likelier cause (the closest
    /// relative to its radius), or `nil`. When set, the headline leads with it.
    public var likelierLookAlike: LookAlikeMatch? {
        lookAlikes.first { $0.inside && $0.lookAlike.entry.likelierWhenInside == true }
    }

    /// The answer in one or two plain sentences. Inside a look-alike that is the likelier
    /// cause (Fortin's point), the sentence leads with it and the cluneal answer follows.
    public var statement: String {
        var s = clunealStatement
        if let lead = likelierLookAlike {
            let name = lead.lookAlike.entry.names.en.lowercasedFirst
            s = "Likelier cause: \(name). The point lies within its \(LengthUnit.fixed(lead.lookAlike.radius / 10, 1)) cm area, which suggests it before a cluneal nerve. "
                + (bestMatch == nil ? clunealStatement : "Less likely: " + clunealStatement.lowercasedFirst)
        } else if let inside = lookAlikes.first(where: \.inside) {
            s += " It also lies within the \(inside.lookAlike.entry.names.en.lowercasedFirst) area; consider that instead or as well."
        }
        return s
    }

    /// The cluneal answer alone, with the palpation error.
    var clunealStatement: String {
        var s: String
        if let b = bestMatch, let g = group {
            s = "The point fits the \(g.name), \(g.window.placeWords): \(Self.score(b.standardScore)) SD from the nearest zone (\(b.zoneId))"
            s += ", and the branches \(g.branches.joined(separator: ", ")) are within \(Self.score(GroupAnswer.tolerance)) SD of each other here, too close to tell apart by palpation."
            s += " Search \(g.window.rangeWords)."
        } else if let b = bestMatch {
            s = "The point fits the \(b.nerve.rawValue) cluneal nerve, branch \(b.branch) (\(b.zone.site.names.en.lowercasedFirst)): \(Self.score(b.standardScore)) SD from the \(b.source) zone"
            s += b.withinOneSD ? ", within 1 SD." : ", within 2 SD."
        } else {
            s = "No cluneal entrapment zone is within 2 SD of this point, so it is not typical of cluneal nerve entrapment."
            if let nearest = nearestZone {
                s += " The nearest zone, \(nearest.zoneId)\(nearest.disputed ? " (disputed)" : ""), is \(Self.score(nearest.standardScore)) SD away."
            }
        }
        s += " Scores include a palpation error of \(palpationError.summary)."
        return s
    }

    static func score(_ v: Double) -> String { LengthUnit.fixed(v, 2) }
}

extension String {
    /// The string with its first letter lower-cased, unless it starts an acronym ("PSIS").
    var lowercasedFirst: String {
        guard let first = first, first.isUppercase else { return self }
        let second = dropFirst().first
        if let second, second.isUppercase { return self }
        return first.lowercased() + dropFirst()
    }
}
