import BodyGeometry
import ClunealAnatomy

/// What the tool says about one tender point, as programs read it: the one record behind
/// `locate --json`, every line of `locate --cases` (JSON lines) and the columns of its CSV.
///
/// Built by ``init(_:atlas:catalogue:case:row:detail:)`` from the Locator's ``Finding``
/// and nothing else, so the single-point and batch outputs cannot disagree. Numbers are
/// rounded by ``RecordRounding`` when the record is built; values that do not exist (no best
/// match, no path) are left out rather than written as infinity. A batch line is the record
/// at ``Detail/row``: the same fields without the ranked list (`candidates`), the block
/// site's guide and the envelope text (`frame`, `notice`), which are constant or long.
public struct FindingRecord: Encodable, Hashable, Sendable {
    /// How much a record carries.
    public enum Detail: Sendable {
        /// One point: the ranked list, the block site's guide, the frame and the notice.
        case full(frame: String, notice: String)
        /// One row of a batch.
        case row
    }

    /// The case id (batch rows only).
    public let `case`: String?
    /// 1-based data row (batch rows only).
    public let row: Int?
    public let urgentReferral: Bool
    public let urgency: Urgency
    public let redFlags: [SymptomRecord]
    public let referralMessage: String?
    /// Caution-tier red flags: what to rule out first (the plan stands).
    public let cautions: [CautionRecord]
    public let cautionMessage: String?
    /// True when the clinician recorded that the red flags were assessed.
    public let redFlagsScreened: Bool
    public let statement: String
    public let tenderPoint: TenderPointRecord
    /// The palpation-and-measurement error every score includes (``Finding/palpationError``).
    public let palpationError: PalpationErrorRecord
    /// The nerve group when its branches cannot be told apart (``Finding/group``), else `null`.
    public let group: GroupRecord?
    public let bestMatch: CandidateRecord?
    /// The nearest zone of any kind (``Finding/nearestZone``).
    public let nearestZone: CandidateRecord?
    public let blockSite: BlockSiteRecord?
    public let blockSiteWithheld: Bool
    public let lookAlikes: [LookAlikeRecord]
    /// Every zone on the side, nearest first (single point only).
    public let candidates: [CandidateRecord]?
    /// Symptom ids as reported.
    public let symptoms: [String]
    public let scaling: ScalingRecord
    public let atlas: AtlasReference
    public let symptomCatalogue: AtlasReference?
    public let frame: String?
    public let notice: String?

    /// The record of `finding`. `scaling` may be passed in already built (a batch shares one
    /// per body); it must be `ScalingRecord(finding.scaling)`.
    public init(_ finding: Finding, atlas: AtlasReference, catalogue: AtlasReference?, case caseId: String? = nil, row: Int? = nil,
                detail: Detail, scaling: ScalingRecord? = nil) {
        var full = false
        switch detail {
        case .full(let frame, let notice):
            full = true
            self.frame = frame
            self.notice = notice
        case .row:
            frame = nil
            notice = nil
        }
        self.case = caseId
        self.row = row
        urgentReferral = finding.urgentReferral
        urgency = finding.screening.urgency
        redFlags = finding.screening.redFlags.map(SymptomRecord.init)
        referralMessage = finding.screening.referralMessage
        cautions = finding.screening.cautionItems.map(CautionRecord.init)
        cautionMessage = finding.screening.cautionMessage
        redFlagsScreened = finding.screening.screened
        statement = finding.statement
        tenderPoint = TenderPointRecord(finding.tenderPoint)
        palpationError = PalpationErrorRecord(finding.palpationError)
        group = finding.group.map(GroupRecord.init)
        bestMatch = finding.bestMatch.map(CandidateRecord.init)
        nearestZone = finding.nearestZone.map(CandidateRecord.init)
        blockSite = finding.blockSite.map { BlockSiteRecord($0, guide: full) }
        blockSiteWithheld = finding.blockSiteWithheld
        lookAlikes = finding.lookAlikes.map(LookAlikeRecord.init)
        candidates = full ? finding.candidates.map(CandidateRecord.init) : nil
        symptoms = finding.screening.reported.map(\.id)
        self.scaling = scaling ?? ScalingRecord(finding.scaling)
        self.atlas = atlas
        symptomCatalogue = catalogue
    }

    enum CodingKeys: String, CodingKey {
        case `case`, row, urgentReferral, urgency, redFlags, referralMessage, cautions, cautionMessage, redFlagsScreened, statement, tenderPoint, palpationError, group, bestMatch, nearestZone
        case blockSite, blockSiteWithheld, lookAlikes, candidates, symptoms, scaling, atlas, symptomCatalogue, frame, notice
    }

    /// The answer's fields are always there, `null` when empty (no best match, no block
    /// site); the batch-only and single-only fields are left out where they do not apply.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(self.case, forKey: .case)
        try c.encodeIfPresent(row, forKey: .row)
        try c.encode(urgentReferral, forKey: .urgentReferral)
        try c.encode(urgency, forKey: .urgency)
        try c.encode(redFlags, forKey: .redFlags)
        try c.encode(referralMessage, forKey: .referralMessage)
        try c.encode(cautions, forKey: .cautions)
        try c.encode(cautionMessage, forKey: .cautionMessage)
        try c.encode(redFlagsScreened, forKey: .redFlagsScreened)
        try c.encode(statement, forKey: .statement)
        try c.encode(tenderPoint, forKey: .tenderPoint)
        try c.encode(palpationError, forKey: .palpationError)
        try c.encode(group, forKey: .group)
        try c.encode(bestMatch, forKey: .bestMatch)
        try c.encode(nearestZone, forKey: .nearestZone)
        try c.encode(blockSite, forKey: .blockSite)
        try c.encode(blockSiteWithheld, forKey: .blockSiteWithheld)
        try c.encode(lookAlikes, forKey: .lookAlikes)
        try c.encodeIfPresent(candidates, forKey: .candidates)
        try c.encode(symptoms, forKey: .symptoms)
        try c.encode(scaling, forKey: .scaling)
        try c.encode(atlas, forKey: .atlas)
        try c.encode(symptomCatalogue, forKey: .symptomCatalogue)
        try c.encodeIfPresent(frame, forKey: .frame)
        try c.encodeIfPresent(notice, forKey: .notice)
    }

    /// A point in the body frame, millimetres.
    public typealias PointRecord = ScalingRecord.PointRecord

    /// Where the tender point is: body frame, distance from the midline and height above the
    /// PSIS level, and the tape measurement it came from.
    public struct TenderPointRecord: Encodable, Hashable, Sendable {
        public struct Measured: Encodable, Hashable, Sendable {
            public let from: InputFrame
            public let lateralMillimetres: Double
            public let verticalMillimetres: Double
        }

        public let side: Side
        public let xMillimetres: Double
        public let zMillimetres: Double
        public let lateralMillimetres: Double
        public let verticalMillimetres: Double
        public let measured: Measured?

        init(_ p: TenderPoint) {
            side = p.side
            xMillimetres = RecordRounding.millimetres(p.point.x)
            zMillimetres = RecordRounding.millimetres(p.point.z)
            lateralMillimetres = RecordRounding.millimetres(p.lateralMillimetres)
            verticalMillimetres = RecordRounding.millimetres(p.verticalMillimetres)
            measured = p.input.map {
                Measured(from: $0.frame, lateralMillimetres: RecordRounding.millimetres($0.lateral.millimetres),
                         verticalMillimetres: RecordRounding.millimetres($0.vertical.millimetres))
            }
        }
    }

    /// The palpation error per body axis (one SD), millimetres.
    public struct PalpationErrorRecord: Encodable, Hashable, Sendable {
        public let lateralMillimetres: Double
        public let verticalMillimetres: Double

        init(_ e: PalpationUncertainty) {
            lateralMillimetres = RecordRounding.millimetres(e.lateralMillimetres)
            verticalMillimetres = RecordRounding.millimetres(e.verticalMillimetres)
        }
    }

    /// A group answer (``GroupAnswer``): the branches that cannot be told apart and where to search.
    public struct GroupRecord: Encodable, Hashable, Sendable {
        /// The group's ``SearchWindow``: millimetres from the midline and above the PSIS level.
        public struct SearchWindowRecord: Encodable, Hashable, Sendable {
            public let sites: [String]
            public let lateralFromMillimetres: Double
            public let lateralToMillimetres: Double
            public let verticalFromMillimetres: Double
            public let verticalToMillimetres: Double
            public let description: String
        }

        public let nerve: NerveGroup
        public let name: String
        public let branches: [String]
        public let zones: [String]
        public let searchWindow: SearchWindowRecord

        init(_ g: GroupAnswer) {
            nerve = g.nerve
            name = g.name
            branches = g.branches
            zones = g.zoneIds
            let w = g.window
            searchWindow = SearchWindowRecord(
                sites: w.siteIds,
                lateralFromMillimetres: RecordRounding.millimetres(w.lateralRange.lowerBound),
                lateralToMillimetres: RecordRounding.millimetres(w.lateralRange.upperBound),
                verticalFromMillimetres: RecordRounding.millimetres(w.verticalRange.lowerBound),
                verticalToMillimetres: RecordRounding.millimetres(w.verticalRange.upperBound),
                description: "\(w.placeWords): \(w.rangeWords)")
        }
    }

    /// One zone ranked against the point.
    public struct CandidateRecord: Encodable, Hashable, Sendable {
        public let rank: Int
        public let nerve: NerveGroup
        public let branch: String
        public let zone: String
        public let source: String
        public let siteId: String
        public let isDefault: Bool
        public let disputed: Bool
        public let distanceMillimetres: Double
        /// `nil` only for a degenerate zone (infinite score).
        public let standardScore: Double?
        public let withinOneSD: Bool
        public let withinTwoSD: Bool
        public let nearestPathMillimetres: Double?
        public let nearestPathPoint: PointRecord?
        public let zoneCentre: PointRecord
        /// Unit vector of the zone's lateral axis, `[dx, dz]`.
        public let zoneLateralAxis: [Double]
        public let zoneLateralSDMillimetres: Double
        public let zoneVerticalSDMillimetres: Double

        init(_ c: Candidate) {
            rank = c.rank
            nerve = c.nerve
            branch = c.branch
            zone = c.zoneId
            source = c.source
            siteId = c.siteId
            isDefault = c.isDefault
            disputed = c.disputed
            distanceMillimetres = RecordRounding.millimetres(c.distanceMillimetres)
            standardScore = RecordRounding.finite(RecordRounding.standardScore(c.standardScore))
            withinOneSD = c.withinOneSD
            withinTwoSD = c.withinTwoSD
            nearestPathMillimetres = c.nearestPathMillimetres.flatMap { RecordRounding.finite(RecordRounding.millimetres($0)) }
            nearestPathPoint = c.nearestPathPoint.map(PointRecord.init)
            zoneCentre = PointRecord(c.zone.centre)
            zoneLateralAxis = [RecordRounding.ratio(c.zone.lateralAxis.dx), RecordRounding.ratio(c.zone.lateralAxis.dz)]
            zoneLateralSDMillimetres = RecordRounding.millimetres(c.zone.lateralSD)
            zoneVerticalSDMillimetres = RecordRounding.millimetres(c.zone.verticalSD)
        }
    }

    /// A red-flag symptom with its referral message.
    public struct SymptomRecord: Encodable, Hashable, Sendable {
        public let id: String
        public let name: String
        public let urgency: Urgency
        public let group: SymptomGroup
        public let message: String
        public let sources: [String]

        init(_ s: Symptom) {
            id = s.id
            name = s.names.en
            urgency = s.urgency
            group = s.group
            message = s.message
            sources = s.sources
        }
    }

    /// What a group of caution-tier red flags asks to rule out first.
    public struct CautionRecord: Encodable, Hashable, Sendable {
        public let group: SymptomGroup
        public let ruleOut: String
        public let symptoms: [SymptomRecord]

        init(_ c: Caution) {
            group = c.group
            ruleOut = c.ruleOut
            symptoms = c.symptoms.map(SymptomRecord.init)
        }
    }

    /// A look-alike pain generator near the point.
    public struct LookAlikeRecord: Encodable, Hashable, Sendable {
        public let id: String
        public let name: String
        /// The point lies within its radius.
        public let inside: Bool
        public let distanceMillimetres: Double
        public let radiusMillimetres: Double
        public let centre: PointRecord
        public let sources: [String]

        init(_ l: LookAlikeMatch) {
            id = l.id
            name = l.lookAlike.entry.names.en
            inside = l.inside
            distanceMillimetres = RecordRounding.millimetres(l.distanceMillimetres)
            radiusMillimetres = RecordRounding.millimetres(l.lookAlike.radius)
            centre = PointRecord(l.lookAlike.point)
            sources = l.lookAlike.entry.provenance.sources
        }
    }

    /// Where the diagnostic block goes on this person; the ``Guide`` (how to find it, agent,
    /// what counts as positive, citations) only for one point.
    public struct BlockSiteRecord: Encodable, Hashable, Sendable {
        public struct Offset: Encodable, Hashable, Sendable {
            public let lateralMillimetres: Double
            public let verticalMillimetres: Double
        }

        public struct Guide: Encodable, Hashable, Sendable {
            public struct Citation: Encodable, Hashable, Sendable {
                public let id: String
                public let citation: String
                public let url: String?
            }

            public let atlasPosition: AtlasPosition
            public let howToFind: String
            public let agent: String
            public let positiveResponse: String
            /// The ultrasound technique, where the sources describe one.
            public let ultrasound: UltrasoundRecord?
            public let derivation: String?
            public let citations: [Citation]
        }

        /// A block site's ultrasound technique, as the atlas holds it.
        public struct UltrasoundRecord: Encodable, Hashable, Sendable {
            public let position: String
            public let probe: String
            public let placement: String
            public let targetPlane: String
            public let depthMillimetres: Volume?
            public let depthNote: String
            public let needleApproach: String
            public let sources: [String]

            init(_ u: UltrasoundTechniqueEntry) {
                position = u.position
                probe = u.probe
                placement = u.placement
                targetPlane = u.targetPlane
                depthMillimetres = u.depthMillimetres.map { Volume(min: $0.min, max: $0.max) }
                depthNote = u.depthNote
                needleApproach = u.needleApproach
                sources = u.provenance.sources
            }
        }

        /// The position as the atlas writes it.
        public struct AtlasPosition: Encodable, Hashable, Sendable {
            public let frame: String
            public let lateralMillimetres: Double
            public let verticalMillimetres: Double
        }

        public struct Volume: Encodable, Hashable, Sendable {
            public let min: Double
            public let max: Double
        }

        public let id: String
        public let siteId: String
        public let nerve: NerveGroup?
        public let name: String
        public let side: Side
        public let xMillimetres: Double
        public let zMillimetres: Double
        public let lateralMillimetres: Double
        public let verticalMillimetres: Double
        public let fromPSIS: Offset?
        public let guidance: String
        public let volumeMillilitres: Volume
        public let fidelity: Fidelity
        public let sources: [String]
        public let guide: Guide?

        /// The record of a block site; with `guide`, the how-to and the citations too.
        public init(_ b: BlockSite, guide withGuide: Bool) {
            id = b.id
            siteId = b.siteId
            nerve = b.nerve
            name = b.name
            side = b.side
            xMillimetres = RecordRounding.millimetres(b.point.x)
            zMillimetres = RecordRounding.millimetres(b.point.z)
            lateralMillimetres = RecordRounding.millimetres(b.lateralMillimetres)
            verticalMillimetres = RecordRounding.millimetres(b.verticalMillimetres)
            fromPSIS = b.fromPSIS.map { Offset(lateralMillimetres: RecordRounding.millimetres($0.dx), verticalMillimetres: RecordRounding.millimetres($0.dz)) }
            guidance = b.guidance
            volumeMillilitres = Volume(min: b.volumeMillilitres.min, max: b.volumeMillilitres.max)
            fidelity = b.fidelity
            sources = b.sources.map(\.id)
            guide = withGuide ? Guide(
                atlasPosition: AtlasPosition(frame: b.atlasPosition.frame, lateralMillimetres: b.atlasPosition.lateral,
                                             verticalMillimetres: b.atlasPosition.vertical),
                howToFind: b.howToFind, agent: b.agent, positiveResponse: b.positiveResponse,
                ultrasound: b.ultrasound.map(UltrasoundRecord.init), derivation: b.derivation,
                citations: b.sources.map { Guide.Citation(id: $0.id, citation: $0.citation, url: $0.URL) }) : nil
        }
    }
}
