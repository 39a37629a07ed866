/// The outcome of screening reported symptoms for red flags.
///
/// Any red flag means urgent referral: the message comes before any anatomical answer, and
/// no diagnostic block is planned.
public struct RedFlagScreening: Hashable, Sendable {
    /// Every symptom reported, in the order given, once each.
    public let reported: [Symptom]
    /// The reported symptoms that are red flags, most urgent first (in the order given within one urgency).
    public let redFlags: [Symptom]
    /// The most urgent of the red flags (`none` without any).
    public let urgency: Urgency

    public init(reported: [Symptom]) {
        self.reported = reported
        let flags = reported.filter(\.redFlag)
        // A stable sort: emergencies first, then urgent flags, each in the order given.
        redFlags = flags.filter { $0.urgency == .emergency } + flags.filter { $0.urgency != .emergency }
        urgency = flags.map(\.urgency).max() ?? .none
    }

    /// No symptoms reported.
    public static let none = RedFlagScreening(reported: [])

    /// True when any red flag was reported.
    public var urgentReferral: Bool { urgency != .none }

    /// The headline that must come first, or `nil` without red flags.
    public var referralMessage: String? {
        let emergencies = redFlags.filter { $0.urgency == .emergency }.map(\.id)
        let urgent = redFlags.filter { $0.urgency == .urgent }.map(\.id)
        switch urgency {
        case .none:
            return nil
        case .emergency:
            var s = "EMERGENCY REFERRAL (\(emergencies.joined(separator: ", "))): these can be signs of cauda equina syndrome or another serious nerve problem. Arrange emergency assessment today, usually with an MRI scan within hours. Do not plan a nerve block, and do not let the map below delay this."
            if !urgent.isEmpty { s += " Also reported, needing urgent assessment: \(urgent.joined(separator: ", "))." }
            return s
        case .urgent:
            return "URGENT REFERRAL (\(urgent.joined(separator: ", "))): a serious cause such as cancer, infection or a fracture must be ruled out by a doctor promptly, before any nerve block. The map below does not rule it out."
        }
    }
}
