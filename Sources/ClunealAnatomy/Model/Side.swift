/// The patient's side. Never the screen's: in the posterior view the patient's left is on
/// the image's left, and in the body frame it is +x.
public enum Side: String, Codable, Hashable, Sendable, CaseIterable, Comparable {
    case left, right

    /// +1 for the left (the +x side of the body frame), −1 for the right.
    public var sign: Double { self == .left ? 1 : -1 }

    /// The single letter printed on maps.
    public var letter: String { self == .left ? "L" : "R" }

    public static func < (a: Side, b: Side) -> Bool { a == .left && b == .right }
}
