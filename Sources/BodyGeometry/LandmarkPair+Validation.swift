extension Array where Element == LandmarkPair {
    /// Checks the preconditions every landmark fit shares, in this order: at least
    /// `minimumCount` pairs, then every coordinate finite.
    ///
    /// - Throws: ``GeometryError/tooFewPairs(needed:got:)`` or
    ///   ``GeometryError/nonFinite(index:)`` (the first offending pair).
    func validate(minimumCount: Int) throws(GeometryError) {
        guard count >= minimumCount else { throw .tooFewPairs(needed: minimumCount, got: count) }
        if let index = firstIndex(where: { !$0.reference.isFinite || !$0.target.isFinite }) {
            throw .nonFinite(index: index)
        }
    }

    /// Two pairs whose reference points are within ``Tolerance/length`` of each other, or
    /// `nil`: the one with the smallest `second` index, and for that the smallest `first`
    /// (`first < second`). O(count²).
    func firstDuplicateReference() -> (first: Int, second: Int)? {
        for j in indices {
            for i in 0..<j where self[i].reference.isApproximatelyEqual(to: self[j].reference) {
                return (i, j)
            }
        }
        return nil
    }

    /// The reference points, millimetres.
    var references: [Point] { map(\.reference) }
    /// The target points, millimetres.
    var targets: [Point] { map(\.target) }
}
