import BodyGeometry
import ClunealAnatomy

extension PalpationWalk {
    /// The walk for one nerve group on one side of the person `model` describes.
    ///
    /// Every distance a step states is computed here from the model (landmarks, curves, the
    /// sites' default zones, injection sites, look-alikes), so it is scaled to the person's
    /// measurements exactly like the map. Throws when the atlas lacks an item the walk needs.
    public static func make(_ nerve: NerveGroup, side: Side, model: BodyModel) throws(TeachingError) -> PalpationWalk {
        var builder = WalkBuilder(lookup: ModelLookup(model: model, side: side, purpose: "the \(nerve.rawValue) cluneal palpation walk"))
        switch nerve {
        case .superior: try builder.superior()
        case .middle: try builder.middle()
        case .inferior: try builder.inferior()
        }
        return PalpationWalk(nerve: nerve, side: side, title: builder.title, steps: builder.steps, scaling: model.scaling)
    }

    /// Atlas ids the walks rely on, by nerve (for documentation and tests).
    public static let entrapmentSite: [NerveGroup: String] = [
        .superior: WellKnownId.scnMedialTunnel.id, .middle: WellKnownId.mcnLDSL.id, .inferior: WellKnownId.icnGlutealBorder.id,
    ]
}

/// Clinical sources the steps cite for criteria that are not atlas geometry (tender point,
/// Tinel sign). Ids that the atlas's bibliography lacks are dropped.
private enum CriteriaSources {
    static let superiorTenderPoint = ["kuniya-2014", "maigne-1997", "isu-2018", "clarius-webinar"]
    static let middleTenderPoint = ["isu-2018", "wikimsk-mcn", "aota-2016"]
    static let inferiorTenderPoint = ["wikimsk-icn", "darnis-2008", "ploteau-2017"]
}

private struct WalkBuilder {
    let lookup: ModelLookup
    var steps: [PalpationStep] = []
    var title = ""

    init(lookup: ModelLookup) { self.lookup = lookup }

    var side: Side { lookup.side }
    var otherSide: Side { side == .left ? .right : .left }

    /// Adds a step. Its sources are those of each measure's first item (the item the number
    /// comes from), of `sourceItems`, and `extraSources` (clinical criteria named in code).
    /// `items` lists further atlas items the step mentions without taking a number from them.
    mutating func add(_ id: String, _ title: String, _ template: String, feel: String? = nil, measures: [StepMeasure] = [],
                      block: BlockFacts? = nil, items: [String], sourceItems: [String] = [], extraSources: [String] = []) {
        let itemIds = TeachingText.unique(items + sourceItems + measures.flatMap(\.itemIds))
        let primary = measures.compactMap(\.itemIds.first) + sourceItems
        let sources = TeachingText.unique(lookup.sources(of: primary) + lookup.known(extraSources))
        steps.append(PalpationStep(number: steps.count + 1, id: id, title: title, template: template, feel: feel,
                                   measures: measures, block: block, itemIds: itemIds, sourceIds: sources))
    }

    // MARK: Steps shared by the walks

    /// Positioning follows the landmark technique of the site's block (`sources`).
    mutating func position(face: String, block: PlacedInjectionSite, sources: [String]) {
        add("position", "Position the person and yourself", face, items: [block.entry.id], extraSources: sources)
    }

    mutating func midline() {
        add("midline", "Find the midline",
            "Mark the line of the spinous processes. Every distance \"from the midline\" below is measured straight out from it, level with the floor.",
            feel: lookup.palpation(of: WellKnownId.posteriorMidline.id), items: [], sourceItems: [WellKnownId.posteriorMidline.id])
    }

    mutating func psis() throws(TeachingError) {
        let p = try lookup.landmark(WellKnownId.psis.id)
        add("psis", "Find the PSIS dimples",
            "Find the two dimples at the top of the buttocks and the bony knob under each: the posterior superior iliac spines. For this person each PSIS lies about {psis-from-midline} from the midline. A ruler laid across both dimples marks the PSIS level (about S2); heights below are measured up or down from it.",
            feel: lookup.palpation(of: WellKnownId.psis.id),
            measures: [StepMeasure(id: "psis-from-midline", label: "PSIS from the midline", millimetres: abs(p.x), itemIds: [WellKnownId.psis.id])],
            items: [WellKnownId.s2Level.id])
    }

    mutating func block(_ site: PlacedInjectionSite, where place: String) {
        let e = site.entry
        let volume = e.volumeMillilitres.min == e.volumeMillilitres.max
            ? "\(BlockFacts.millilitres(e.volumeMillilitres.min)) mL"
            : "\(BlockFacts.millilitres(e.volumeMillilitres.min))–\(BlockFacts.millilitres(e.volumeMillilitres.max)) mL"
        let height = site.point.z
        add("block", "What a diagnostic block shows",
            "A trained clinician can test the nerve with a small injection of local anaesthetic at the tender spot. The \(e.guidance) block point for this person lies {block-from-midline} from the midline and {block-height} \(TeachingText.aboveOrBelow(height)) the PSIS level, \(place); the atlas gives \(volume) for it. If the usual pain clearly eases while the anaesthetic works, the nerve is the likely source.",
            measures: [
                StepMeasure(id: "block-from-midline", label: "block point from the midline", millimetres: abs(site.point.x), itemIds: [e.id]),
                StepMeasure(id: "block-height", label: "block point above (+) or below (-) the PSIS level", millimetres: height, itemIds: [e.id]),
            ],
            block: BlockFacts(injectionSiteId: e.id, guidance: e.guidance, volumeMillilitres: e.volumeMillilitres,
                              agent: e.agent, positiveResponse: e.positiveResponse),
            items: [e.id])
    }

    // MARK: Superior cluneal nerves

    mutating func superior() throws(TeachingError) {
        title = "Palpation walk: superior cluneal nerves (medial branch), patient's \(side.rawValue) side"
        let blockSite = try lookup.injectionSite(forSite: WellKnownId.scnMedialTunnel.id)
        position(face: "Ask the person to lie face down with a thin pillow under the belly, arms by the sides. Stand at their \(side.rawValue) side, level with the pelvis, so both thumbs can work along the \(side.rawValue) iliac crest. Say what you will press, and ask them to tell you when a press brings on their usual pain.",
                 block: blockSite, sources: ["wikimsk-scn-injection", "kuniya-2014"])
        midline()
        try psis()

        let summit = try lookup.landmark(WellKnownId.crestSummit.id)
        add("crest", "Find the iliac crest",
            "From the \(side.rawValue) PSIS, keep the thumb on top of the bone and follow the crest upward and outward. It climbs to its highest point, the summit, about {summit-height} above the PSIS level and {summit-from-midline} from the midline.",
            feel: lookup.palpation(of: WellKnownId.crestSummit.id),
            measures: [
                StepMeasure(id: "summit-height", label: "crest summit above the PSIS level", millimetres: summit.z, itemIds: [WellKnownId.crestSummit.id]),
                StepMeasure(id: "summit-from-midline", label: "crest summit from the midline", millimetres: abs(summit.x), itemIds: [WellKnownId.crestSummit.id]),
            ],
            items: [WellKnownId.iliacCrest.id])

        let crest = try lookup.curve(WellKnownId.iliacCrest.id)
        let psis = try lookup.landmark(WellKnownId.psis.id)
        let medial = try lookup.defaultZone(ofSite: WellKnownId.scnMedialTunnel.id)
        add("medial-crossing", "Follow the crest to the medial branch",
            "Follow the top of the crest out from the PSIS for about {medial-along-crest}, measured along the curve of the bone. There, {medial-from-midline} from the midline and {medial-height} \(TeachingText.aboveOrBelow(medial.centre.z)) the PSIS level, the medial superior cluneal branch crosses the crest inside a tunnel of thoracolumbar fascia. A ruler held level from the midline finds the same spot. Mark it.",
            measures: [
                StepMeasure(id: "medial-along-crest", label: "medial branch crossing, along the crest from the PSIS",
                            millimetres: crest.arcDistance(from: psis, to: medial.centre), itemIds: [medial.id, WellKnownId.iliacCrest.id]),
                StepMeasure(id: "medial-from-midline", label: "medial branch crossing from the midline", millimetres: abs(medial.centre.x), itemIds: [medial.id]),
                StepMeasure(id: "medial-height", label: "medial branch crossing above (+) or below (-) the PSIS level", millimetres: medial.centre.z, itemIds: [medial.id]),
            ],
            items: [WellKnownId.scnMedial.id, WellKnownId.psis.id])

        let intermediate = try lookup.defaultZone(ofSite: WellKnownId.scnIntermediateCrest.id)
        let lateral = try lookup.defaultZone(ofSite: WellKnownId.scnLateralCrest.id)
        add("search", "Search around the mark",
            "Where the nerve crosses varies from person to person: one standard deviation is about {medial-sd} along the crest here. Press along the upper edge of the crest up to {medial-search} either side of the mark (two standard deviations). The intermediate branch crosses about {intermediate-along-crest} and the lateral branch about {lateral-along-crest} from the PSIS along the crest ({intermediate-from-midline} and {lateral-from-midline} from the midline); press there too, and up to {lateral-above-crest} above the crest for the lateral branch, which leaves the fascia a little higher.",
            measures: [
                StepMeasure(id: "medial-sd", label: "one SD of the medial crossing along the crest", millimetres: medial.lateralSD, itemIds: [medial.id]),
                StepMeasure(id: "medial-search", label: "search half-width, two SD", millimetres: 2 * medial.lateralSD, itemIds: [medial.id]),
                StepMeasure(id: "intermediate-along-crest", label: "intermediate branch crossing, along the crest from the PSIS",
                            millimetres: crest.arcDistance(from: psis, to: intermediate.centre), itemIds: [intermediate.id, WellKnownId.iliacCrest.id]),
                StepMeasure(id: "lateral-along-crest", label: "lateral branch crossing, along the crest from the PSIS",
                            millimetres: crest.arcDistance(from: psis, to: lateral.centre), itemIds: [lateral.id, WellKnownId.iliacCrest.id]),
                StepMeasure(id: "intermediate-from-midline", label: "intermediate branch crossing from the midline", millimetres: abs(intermediate.centre.x), itemIds: [intermediate.id]),
                StepMeasure(id: "lateral-from-midline", label: "lateral branch crossing from the midline", millimetres: abs(lateral.centre.x), itemIds: [lateral.id]),
                StepMeasure(id: "lateral-above-crest", label: "search above the crest for the lateral branch, two SD", millimetres: 2 * lateral.verticalSD, itemIds: [lateral.id]),
            ],
            items: [WellKnownId.scnIntermediate.id, WellKnownId.scnLateral.id])

        var tender = "A trapped branch gives one spot on the crest that is clearly more tender than its neighbours, and pressing it brings on the person's usual low back and buttock pain; in about half of such patients the pain also spreads down the leg. Tapping lightly over the spot with a fingertip may send tingling into the buttock (a Tinel sign). Both point toward the nerve; neither proves it."
        var measures: [StepMeasure] = []
        var items: [String] = []
        if let disputed = lookup.model.zones.first(where: { $0.entry.site == WellKnownId.scnMedialTunnel.id && $0.side == side && $0.isDisputed }) {
            tender += " Some texts place these branches much nearer the spine: that figure falls {disputed-from-midline} from the midline for this person, beside the PSIS, where the middle cluneal nerves and the sacroiliac joint lie, not the superior branches."
            measures.append(StepMeasure(id: "disputed-from-midline", label: "disputed variant (\(disputed.entry.source)) from the midline",
                                        millimetres: abs(disputed.centre.x), itemIds: [disputed.id]))
            items.append(disputed.id)
        }
        add("tender-point", "The tender point and the Tinel sign", tender, measures: measures, items: items,
            extraSources: CriteriaSources.superiorTenderPoint)

        block(blockSite, where: "on the upper edge of the crest")
    }

    // MARK: Middle cluneal nerves

    mutating func middle() throws(TeachingError) {
        title = "Palpation walk: middle cluneal nerves, patient's \(side.rawValue) side"
        let blockSite = try lookup.injectionSite(forSite: WellKnownId.mcnLDSL.id)
        position(face: "Ask the person to lie face down with a thin pillow under the belly. Stand at their \(side.rawValue) side, level with the buttocks, facing their head, so your thumb can work down from the \(side.rawValue) PSIS. Say what you will press, and ask them to tell you when a press brings on their usual pain.",
                 block: blockSite, sources: ["isu-2018", "wikimsk-mcn"])
        midline()
        try psis()

        let psis = try lookup.landmark(WellKnownId.psis.id)
        let ligament = try lookup.curve(WellKnownId.longDorsalSacroiliacLigament.id)
        let end = try lookup.landmark(WellKnownId.s3Tubercle.id)
        add("ligament", "Find the long dorsal sacroiliac ligament",
            "Just below the \(side.rawValue) PSIS knob, feel for a firm cord running down and slightly toward the midline: the long dorsal sacroiliac ligament. It is about {ligament-length} long and ends on the side of the sacrum {ligament-end-depth} \(TeachingText.aboveOrBelow(end.z)) the PSIS level, {ligament-end-from-midline} from the midline.",
            measures: [
                StepMeasure(id: "ligament-length", label: "long dorsal sacroiliac ligament length", millimetres: ligament.length, itemIds: [WellKnownId.longDorsalSacroiliacLigament.id]),
                StepMeasure(id: "ligament-end-depth", label: "lower end of the ligament above (+) or below (-) the PSIS level", millimetres: end.z, itemIds: [WellKnownId.s3Tubercle.id]),
                StepMeasure(id: "ligament-end-from-midline", label: "lower end of the ligament from the midline", millimetres: abs(end.x), itemIds: [WellKnownId.s3Tubercle.id]),
            ],
            items: [WellKnownId.psis.id])

        let zone = try lookup.defaultZone(ofSite: WellKnownId.mcnLDSL.id)
        let inside = abs(psis.x) - abs(zone.centre.x)
        add("mcn-point", "Mark the middle cluneal point",
            "The middle cluneal branches pass under, or through, the outer edge of the ligament. For this person mark a point {mcn-depth} \(TeachingText.aboveOrBelow(zone.centre.z)) the PSIS level and {mcn-from-midline} from the midline, which is {mcn-from-psis-line} \(inside >= 0 ? "inside" : "outside") the vertical line through the PSIS. Its height varies a lot between people (one standard deviation is {mcn-vertical-sd}), so press along the outer edge of the ligament up to {mcn-search} above and below the mark.",
            measures: [
                StepMeasure(id: "mcn-depth", label: "MCN point above (+) or below (-) the PSIS level", millimetres: zone.centre.z, itemIds: [zone.id]),
                StepMeasure(id: "mcn-from-midline", label: "MCN point from the midline", millimetres: abs(zone.centre.x), itemIds: [zone.id]),
                StepMeasure(id: "mcn-from-psis-line", label: "MCN point medial (+) or lateral (-) of the PSIS", millimetres: inside, itemIds: [zone.id, WellKnownId.psis.id]),
                StepMeasure(id: "mcn-vertical-sd", label: "one SD of the MCN point's height", millimetres: zone.verticalSD, itemIds: [zone.id]),
                StepMeasure(id: "mcn-search", label: "search half-height, two SD", millimetres: 2 * zone.verticalSD, itemIds: [zone.id]),
            ],
            items: [zone.site.branches.first ?? zone.entry.branch, WellKnownId.longDorsalSacroiliacLigament.id])

        var tenderText = "A trapped middle cluneal branch gives a tender spot on the outer edge of the ligament that brings on the person's usual buttock pain; the pain is often worse with bending or with certain postures, and tapping over the spot may send tingling into the buttock (a Tinel sign)."
        var tenderMeasures: [StepMeasure] = []
        var tenderItems: [String] = []
        if let isu = lookup.zone(WellKnownId.mcnLDSLIsu.id) {
            tenderText += " Isu's diagnostic criteria put the trigger point about {isu-depth} below the PSIS, slightly lateral, at the edge of the bone."
            tenderMeasures.append(StepMeasure(id: "isu-depth", label: "Isu criterion point below the PSIS", millimetres: psis.z - isu.centre.z, itemIds: [isu.id, WellKnownId.psis.id]))
            tenderItems.append(isu.id)
        }
        tenderText += " Both findings point toward the nerve; neither proves it."
        add("tender-point", "The tender point and the Tinel sign", tenderText, measures: tenderMeasures, items: tenderItems,
            extraSources: CriteriaSources.middleTenderPoint)

        if let fortin = lookup.lookAlike(WellKnownId.sijFortinPoint.id) {
            var text = "Pain from the sacroiliac joint sits close by. A person with joint pain often points with one finger to a spot within about {fortin-radius} of the PSIS, just below it and toward the midline (the Fortin finger test)."
            var measures = [StepMeasure(id: "fortin-radius", label: "Fortin area radius", millimetres: fortin.radius, itemIds: [fortin.entry.id])]
            var items = [fortin.entry.id]
            if let wide = lookup.lookAlike(WellKnownId.sijMurakamiArea.id) {
                text += " Most point within {murakami-radius} of the PSIS, which overlaps the top of the middle cluneal search area."
                measures.append(StepMeasure(id: "murakami-radius", label: "Murakami area radius", millimetres: wide.radius, itemIds: [wide.entry.id]))
                items.append(wide.entry.id)
            }
            text += " A tender point hugging the PSIS suggests the joint; one lower down on the ligament's outer edge suggests the nerve."
            add("look-alike", "Tell it from sacroiliac joint pain", text, measures: measures, items: items)
        }

        block(blockSite, where: "on the outer edge of the ligament")
    }

    // MARK: Inferior cluneal nerves

    mutating func inferior() throws(TeachingError) {
        title = "Palpation walk: inferior cluneal nerves, patient's \(side.rawValue) side"
        let blockSite = try lookup.injectionSite(forSite: WellKnownId.icnGlutealBorder.id)
        position(face: "Start with the person lying on their \(otherSide.rawValue) side, hips and knees bent, so that gluteus maximus slides off the sitting bone; later they roll face down. Stand behind them, level with the buttocks. Explain first, ask consent, and offer a chaperone as local practice requires: this walk works close to the buttock crease.",
                 block: blockSite, sources: ["orthopaedicclinic-ischial-tuberosity", "wikimsk-icn"])
        midline()

        let it = try lookup.landmark(WellKnownId.ischialTuberosity.id)
        add("ischial-tuberosity", "Find the sitting bone",
            "Find the ischial tuberosity, the sitting bone, while the hip is bent. For this person it lies about {it-from-midline} from the midline and {it-depth} \(TeachingText.aboveOrBelow(it.z)) the PSIS level. Mark it.",
            feel: lookup.palpation(of: WellKnownId.ischialTuberosity.id),
            measures: [
                StepMeasure(id: "it-from-midline", label: "ischial tuberosity from the midline", millimetres: abs(it.x), itemIds: [WellKnownId.ischialTuberosity.id]),
                StepMeasure(id: "it-depth", label: "ischial tuberosity above (+) or below (-) the PSIS level", millimetres: it.z, itemIds: [WellKnownId.ischialTuberosity.id]),
            ],
            items: [])

        // While the hip is still bent: the entrapment sites at the sitting bone itself (Ploteau,
        // Darnis), where patients' pain on sitting usually lies.
        let ischial = try lookup.defaultZone(ofSite: WellKnownId.icnIschial.id)
        let under = lookup.model.zones.first { $0.entry.site == WellKnownId.icnIschial.id && $0.side == side && !$0.isDefault && !$0.isDisputed }
        var ischialMeasures = [
            StepMeasure(id: "ischial-lateral-of-it", label: "posterior femoral cutaneous nerve lateral of the ischial tuberosity", millimetres: abs(ischial.centre.x) - abs(it.x), itemIds: [ischial.id, WellKnownId.ischialTuberosity.id]),
            StepMeasure(id: "ischial-sd", label: "one SD of that position", millimetres: ischial.lateralSD, itemIds: [ischial.id]),
        ]
        var ischialText = "Still with the hip bent, press along the outer side of the sitting bone, about {ischial-lateral-of-it} out from the mark (one SD about {ischial-sd}): the posterior femoral cutaneous nerve and its inferior cluneal branches run there, under a fibrous band from the ischium that can trap them."
        if let under {
            ischialMeasures.append(StepMeasure(id: "under-it", label: "perineal branch below the ischial tuberosity", millimetres: abs(under.centre.z - it.z), itemIds: [under.id, WellKnownId.ischialTuberosity.id]))
            ischialText += " Then press just under the bone, about {under-it} below the mark, where the perineal branch passes toward the side of the anus."
        }
        ischialText += " Pain here on sitting, at the inner side of the sitting bone and toward the anus, fits these nerves; tenderness on the bone itself may instead be the bursa or the hamstring origin."
        add("ischial-sites", "Press beside and under the sitting bone", ischialText, measures: ischialMeasures,
            items: [WellKnownId.pfcnTrunk.id], sourceItems: [ischial.id] + (under.map { [$0.id] } ?? []))

        let fold = try lookup.curve(WellKnownId.glutealFold.id)
        let foldPoint = fold.closestPoint(to: it).point
        add("muscle-edge", "Find the lower edge of gluteus maximus",
            "Roll the person face down. The buttock crease lies about {fold-depth} \(TeachingText.aboveOrBelow(foldPoint.z)) the PSIS level near the sitting bone. Ask them to squeeze the buttock: the lower edge of gluteus maximus tightens under your fingers, running down and outward from beside the tailbone.",
            feel: lookup.palpation(of: WellKnownId.glutealFold.id),
            measures: [StepMeasure(id: "fold-depth", label: "gluteal fold above (+) or below (-) the PSIS level, nearest the ischial tuberosity",
                                   millimetres: foldPoint.z, itemIds: [WellKnownId.glutealFold.id, WellKnownId.ischialTuberosity.id])],
            items: [WellKnownId.gluteusMaximusLowerBorder.id])

        let zone = try lookup.defaultZone(ofSite: WellKnownId.icnGlutealBorder.id)
        let lateralOfIT = abs(zone.centre.x) - abs(it.x)
        let heightVsIT = zone.centre.z - it.z
        add("icn-point", "Mark the inferior cluneal point",
            "From the sitting-bone mark, measure {icn-lateral-of-it} straight outward, away from the midline. Where that vertical line meets the lower edge of gluteus maximus, about {icn-vs-it} \(TeachingText.aboveOrBelow(heightVsIT)) the sitting bone ({icn-from-midline} from the midline and {icn-depth} \(TeachingText.aboveOrBelow(zone.centre.z)) the PSIS level), the inferior cluneal branches turn upward round the edge of the muscle. Mark it.",
            measures: [
                StepMeasure(id: "icn-lateral-of-it", label: "ICN point lateral of the ischial tuberosity", millimetres: lateralOfIT, itemIds: [zone.id, WellKnownId.ischialTuberosity.id]),
                StepMeasure(id: "icn-vs-it", label: "ICN point above (+) or below (-) the ischial tuberosity", millimetres: heightVsIT, itemIds: [zone.id, WellKnownId.ischialTuberosity.id]),
                StepMeasure(id: "icn-from-midline", label: "ICN point from the midline", millimetres: abs(zone.centre.x), itemIds: [zone.id]),
                StepMeasure(id: "icn-depth", label: "ICN point above (+) or below (-) the PSIS level", millimetres: zone.centre.z, itemIds: [zone.id]),
            ],
            items: [zone.entry.branch, WellKnownId.gluteusMaximusLowerBorder.id])

        let trochanter = try lookup.landmark(WellKnownId.greaterTrochanter.id)
        add("search", "Search along the edge",
            "The crossing varies between people: one standard deviation is about {icn-sd} along the edge here. Press along the lower edge of the muscle up to {icn-search} either side of the mark, and on outward toward the greater trochanter ({trochanter-from-midline} from the midline), where clinical descriptions also place the tenderness.",
            measures: [
                StepMeasure(id: "icn-sd", label: "one SD of the ICN point along the edge", millimetres: zone.lateralSD, itemIds: [zone.id]),
                StepMeasure(id: "icn-search", label: "search half-width, two SD", millimetres: 2 * zone.lateralSD, itemIds: [zone.id]),
                StepMeasure(id: "trochanter-from-midline", label: "greater trochanter from the midline", millimetres: abs(trochanter.x), itemIds: [WellKnownId.greaterTrochanter.id]),
            ],
            items: [], sourceItems: lookup.model.zones.filter { $0.entry.site == WellKnownId.icnGlutealBorder.id && $0.side == side && !$0.isDefault }.map(\.id))

        add("tender-point", "The tender point and the Tinel sign",
            "A trapped inferior cluneal branch gives a tender spot on the lower edge of the muscle that brings on the person's pain in the lower buttock or the crease. Tapping over it may send tingling into the lower buttock; no published Tinel criterion for these branches was found, so treat it as supporting evidence only. The trap points beside and under the sitting bone were pressed earlier in this walk; a third reported one, at the sacrotuberous ligament, has no published position and is not on this map.",
            items: [], extraSources: CriteriaSources.inferiorTenderPoint)

        block(blockSite, where: "just under the lower edge of gluteus maximus")
    }
}
