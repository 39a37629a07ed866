/// The outcome of screening reported symptoms for red flags, in two tiers.
///
/// - `urgent` (suspected cauda equina): ``urgentReferral`` is true, the referral message leads
///   every output and no diagnostic block is planned.
/// - `caution` (age, cancer history, weight loss, fever, immunosuppression, injecting drug use,
///   trauma, osteoporosis, long-term steroids, night pain, no improvement): each names what to
///   rule out first (``Caution``); the anatomical answer and the block plan stand.
///
/// `screened` records that the clinician assessed the red flags, whether or not any was found.
public struct RedFlagScreening: Hashable, Sendable {
    /// Every symptom reported, in the order given, once each.
    public let reported: [Symptom]
    /// The reported red flags of the `urgent` tier, in the order given.
    public let redFlags: [Symptom]
    /// The reported red flags of the `caution` tier, in the order given.
    public let cautions: [Symptom]
    /// The highest tier reported (`none` without any red flag).
    public let urgency: Urgency
    /// True when the clinician recorded that red flags were assessed.
    public let screened: Bool

    public init(reported: [Symptom], screened: Bool = false) {
        self.reported = reported
        redFlags = reported.filter { $0.redFlag && $0.urgency == .urgent }
        cautions = reported.filter { $0.redFlag && $0.urgency == .caution }
        urgency = reported.filter(\.redFlag).map(\.urgency).max() ?? .none
        self.screened = screened
    }

    /// No symptoms reported, red flags not recorded as screened.
    public static let none = RedFlagScreening(reported: [])

    /// The same symptoms with the screening recorded (or not).
    public func screened(_ value: Bool) -> RedFlagScreening { RedFlagScreening(reported: reported, screened: value) }

    /// True when an urgent-tier red flag was reported: referral overrides everything.
    public var urgentReferral: Bool { urgency == .urgent }

    /// The headline that must come first, or `nil` without urgent-tier red flags.
    public var referralMessage: String? {
        guard urgentReferral else { return nil }
        var s = "URGENT REFERRAL (\(redFlags.map(\.id).joined(separator: ", "))): these can be signs of cauda equina syndrome. Arrange emergency assessment today, usually with an MRI scan within hours. Do not plan a nerve block, and do not let the map below delay this."
        if !cautions.isEmpty {
            s += " Also reported, to rule out afterwards: \(cautions.map(\.id).joined(separator: ", "))."
        }
        return s
    }

    /// What the caution-tier flags ask to rule out, one entry per condition, in the order
    /// first reported.
    public var cautionItems: [Caution] {
        var order: [SymptomGroup] = []
        var byGroup: [SymptomGroup: [Symptom]] = [:]
        for s in cautions {
            if byGroup[s.group] == nil { order.append(s.group) }
            byGroup[s.group, default: []].append(s)
        }
        return order.map { Caution(group: $0, symptoms: byGroup[$0] ?? []) }
    }

    /// One line on the caution tier, or `nil` without caution flags. It never withholds the plan.
    public var cautionMessage: String? {
        let items = cautionItems
        guard !items.isEmpty else { return nil }
        let rule = items.map { "\($0.ruleOut) (\($0.symptoms.map(\.id).joined(separator: ", ")))" }.joined(separator: "; ")
        return "CAUTION: rule out first \(rule). The plan below stands once these are excluded."
    }

    /// "screened by the clinician: none found", "screened: caution (age-over-50)",
    /// "not recorded as screened".
    public var statusWords: String {
        var parts: [String] = []
        if !redFlags.isEmpty { parts.append("URGENT (\(redFlags.map(\.id).joined(separator: ", ")))") }
        if !cautions.isEmpty { parts.append("caution (\(cautions.map(\.id).joined(separator: ", ")))") }
        let found = parts.isEmpty ? "none reported" : parts.joined(separator: "; ")
        return screened ? "screened by the clinician: \(found)" : "not recorded as screened; \(found)"
    }
}

/// What a group of caution-tier red flags asks the clinician to rule out before relying on a block.
public struct Caution: Hashable, Sendable {
    public let group: SymptomGroup
    /// The reported symptoms of that group, in the order given.
    public let symptoms: [Symptom]

    /// The condition to exclude, in plain clinical words.
    public var ruleOut: String {
        switch group {
        case .cancer: "spinal malignancy (metastasis or myeloma)"
        case .infection: "spinal infection (discitis, osteomyelitis or epidural abscess)"
        case .fracture: "a vertebral or sacral fracture (including fragility fracture)"
        case .caudaEquina: "cauda equina syndrome"
        case .ordinary: "nothing"
        }
    }
}
