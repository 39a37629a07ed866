/// Why a fit or construction from data could not be made.
public enum GeometryError: Error, Hashable, Sendable {
    /// Fewer correspondences than the method needs.
    case tooFewPairs(needed: Int, got: Int)
    /// A coordinate was NaN or infinite (index of the offending pair).
    case nonFinite(index: Int)
    /// The landmarks all lie on a line (or at one point), so the fit is undetermined.
    case collinear
    /// Two landmarks coincide in the reference (indices of the pair).
    case duplicateLandmark(first: Int, second: Int)
    /// The linear system was singular.
    case singular
}

extension GeometryError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .tooFewPairs(let needed, let got): "needs at least \(needed) landmark pairs, got \(got)"
        case .nonFinite(let index): "landmark pair \(index) has a coordinate that is not a finite number"
        case .collinear: "the landmarks lie on one line, so the fit is undetermined"
        case .duplicateLandmark(let i, let j): "landmark pairs \(i) and \(j) share the same reference point"
        case .singular: "the landmark system is singular"
        }
    }
}
