/// A sourced number that differs by sex: `value` for a person whose sex is not given,
/// `female` and `male` when it is (either falls back to `value` when absent).
///
/// Invariant (checked by the validator): every value is finite and in the range its field allows.
public struct SexSpecificValue: Codable, Hashable, Sendable {
    /// The sex-neutral value, used when no sex is given.
    public var value: Double
    public var female: Double?
    public var male: Double?
    public var fidelity: Fidelity
    public var sources: [String]
    public var derivation: String?

    public init(value: Double, female: Double? = nil, male: Double? = nil, fidelity: Fidelity, sources: [String], derivation: String? = nil) {
        self.value = value
        self.female = female
        self.male = male
        self.fidelity = fidelity
        self.sources = sources
        self.derivation = derivation
    }

    /// The value for a person of `sex` (the sex-neutral one when `sex` is nil or has no value of its own).
    public func value(for sex: Sex?) -> Double {
        switch sex {
        case .female?: female ?? value
        case .male?: male ?? value
        case nil: value
        }
    }

    /// Every value with the name of its field, for validation.
    var all: [(field: String, value: Double)] {
        [("value", value)] + [("female", female), ("male", male)].compactMap { f, v in v.map { (f, $0) } }
    }
}
