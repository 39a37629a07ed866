@testable import BodyGeometry
import Testing

@Suite("DenseLinearSystem")
struct DenseLinearSystemTests {
    @Test func solvesAKnownSystem() throws {
        // 2x + y − z = 8, −3x − y + 2z = −11, −2x + y + 2z = −3  →  (2, 3, −1)
        let system = try #require(DenseLinearSystem(
            coefficients: [[2, 1, -1], [-3, -1, 2], [-2, 1, 2]], rightHandSides: [[8], [-11], [-3]]))
        let x = try system.solve()
        #expect(x.count == 1)
        #expect(isClose(x[0][0], 2, 1e-14) && isClose(x[0][1], 3, 1e-14) && isClose(x[0][2], -1, 1e-14))
    }

    @Test func needsPivotingForAZeroDiagonal() throws {
        let system = try #require(DenseLinearSystem(
            coefficients: [[0, 1], [1, 0]], rightHandSides: [[5, 1], [7, 2]]))
        let x = try system.solve()
        #expect(x == [[7, 5], [2, 1]])
    }

    @Test func partialPivotingKeepsATinyPivotAccurate() throws {
        // Without row exchanges the 1e-20 pivot would wipe out the answer.
        let system = try #require(DenseLinearSystem(
            coefficients: [[1e-20, 1], [1, 1]], rightHandSides: [[1], [2]]))
        let x = try system.solve()
        #expect(isClose(x[0][0], 1, 1e-15) && isClose(x[0][1], 1, 1e-15))
    }

    @Test func fillsBySubscript() throws {
        var system = try #require(DenseLinearSystem(size: 3, rightHandSideCount: 1))
        for i in 0..<3 {
            system[i, i] = Double(i + 1)
            system[rightHandSide: i, 0] = Double(2 * (i + 1))
        }
        #expect(system[1, 1] == 2 && system[0, 1] == 0)
        #expect(try system.solve() == [[2, 2, 2]])
    }

    @Test("singular systems throw", arguments: [
        [[1.0, 2], [2, 4]],
        [[0.0, 0], [0, 0]],
        [[1.0, 1, 1], [1, 2, 3], [2, 3, 4]],
        [[1.0, 0], [0, 1e-12]],
        [[Double.nan, 0], [0, 1]],
        [[Double.infinity, 0], [0, 1]],
    ])
    func singular(rows: [[Double]]) throws {
        let system = try #require(DenseLinearSystem(
            coefficients: rows, rightHandSides: rows.map { _ in [1] }))
        #expect(throws: GeometryError.singular) { try system.solve() }
    }

    @Test("singularity is relative to the size of the coefficients", arguments: [1e-12, 1.0, 1e12])
    func relative(scale: Double) throws {
        let system = try #require(DenseLinearSystem(
            coefficients: [[2 * scale, scale], [scale, 3 * scale]], rightHandSides: [[3 * scale], [4 * scale]]))
        let x = try system.solve()
        #expect(isClose(x[0][0], 1, 1e-14) && isClose(x[0][1], 1, 1e-14))
    }

    @Test func nonFiniteRightHandSideThrows() throws {
        let system = try #require(DenseLinearSystem(coefficients: [[1, 0], [0, 1]], rightHandSides: [[1], [.nan]]))
        #expect(throws: GeometryError.singular) { try system.solve() }
    }

    @Test("malformed shapes give nil", arguments: [
        ([[Double]](), [[Double]]()),
        ([[1.0, 2]], [[1.0]]),
        ([[1.0, 0], [0, 1]], [[1.0]]),
        ([[1.0, 0], [0, 1]], [[1.0], [1, 2]]),
        ([[1.0, 0], [0, 1]], [[Double](), []]),
    ])
    func malformed(a: [[Double]], b: [[Double]]) {
        #expect(DenseLinearSystem(coefficients: a, rightHandSides: b) == nil)
    }

    @Test func sizesMustBePositiveAndStorable() {
        #expect(DenseLinearSystem(size: 0) == nil)
        #expect(DenseLinearSystem(size: 2, rightHandSideCount: 0) == nil)
        #expect(DenseLinearSystem(size: Int.max) == nil)
    }
}
