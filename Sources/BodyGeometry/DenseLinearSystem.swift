/// A square system of linear equations `A·X = B`, stored densely, with one or more
/// right-hand sides solved together by Gaussian elimination with partial pivoting.
///
/// Internal: the landmark fits build one and call ``solve()``. Entries are in whatever units
/// the caller uses; the singularity test is relative to the largest coefficient, so it does
/// not depend on them. Cost is O(size³); meant for the tens or hundreds of unknowns a
/// landmark fit has.
struct DenseLinearSystem: Hashable, Sendable {
    /// Number of equations, which is also the number of unknowns.
    let size: Int
    /// Number of right-hand sides (columns of `B` and of the solution).
    let rightHandSideCount: Int
    /// `A`, row-major: element (row, column) is at `row * size + column`.
    private var coefficients: [Double]
    /// `B`, row-major: element (row, k) is at `row * rightHandSideCount + k`.
    private var rightHandSides: [Double]

    /// A system whose coefficients and right-hand sides are all zero, to be filled in.
    /// `nil` for a size or right-hand-side count below 1, or a size too large to store.
    init?(size: Int, rightHandSideCount: Int = 1) {
        guard size > 0, rightHandSideCount > 0 else { return nil }
        let (cells, overflowA) = size.multipliedReportingOverflow(by: size)
        let (rhsCells, overflowB) = size.multipliedReportingOverflow(by: rightHandSideCount)
        guard !overflowA, !overflowB else { return nil }
        self.size = size
        self.rightHandSideCount = rightHandSideCount
        coefficients = Array(repeating: 0, count: cells)
        rightHandSides = Array(repeating: 0, count: rhsCells)
    }

    /// A system from rows of `A` and rows of `B`. `nil` unless `A` is square and not empty
    /// and `B` has one row per equation, every row the same non-zero length.
    init?(coefficients rowsA: [[Double]], rightHandSides rowsB: [[Double]]) {
        let n = rowsA.count
        guard n > 0, rowsB.count == n, rowsA.allSatisfy({ $0.count == n }),
              let m = rowsB.first?.count, m > 0, rowsB.allSatisfy({ $0.count == m })
        else { return nil }
        self.size = n
        self.rightHandSideCount = m
        coefficients = rowsA.flatMap { $0 }
        rightHandSides = rowsB.flatMap { $0 }
    }

    /// Coefficient `A[row, column]`. Indices must be in `0..<size`.
    subscript(row: Int, column: Int) -> Double {
        get { coefficients[row * size + column] }
        set { coefficients[row * size + column] = newValue }
    }

    /// Right-hand side `B[row, k]`. `row` must be in `0..<size`, `k` in `0..<rightHandSideCount`.
    subscript(rightHandSide row: Int, k: Int) -> Double {
        get { rightHandSides[row * rightHandSideCount + k] }
        set { rightHandSides[row * rightHandSideCount + k] = newValue }
    }

    /// Solves `A·X = B`.
    ///
    /// - Returns: one solution vector per right-hand side: `result[k][i]` is unknown `i` for
    ///   right-hand side `k`.
    /// - Throws: ``GeometryError/singular`` when a pivot is at most ``Tolerance/singular``
    ///   times the largest coefficient magnitude (including when `A` is all zero), or when an
    ///   entry or the solution is not finite.
    func solve() throws(GeometryError) -> [[Double]] {
        let n = size, m = rightHandSideCount
        var a = coefficients, b = rightHandSides
        var scale = 0.0
        for value in a {
            guard value.isFinite else { throw .singular }
            scale = Swift.max(scale, abs(value))
        }
        guard scale > 0, b.allSatisfy(\.isFinite) else { throw .singular }
        let threshold = Tolerance.singular * scale

        // Forward elimination to upper-triangular form.
        for column in 0..<n {
            var pivotRow = column
            var pivotMagnitude = abs(a[column * n + column])
            for row in (column + 1)..<n where abs(a[row * n + column]) > pivotMagnitude {
                pivotRow = row
                pivotMagnitude = abs(a[row * n + column])
            }
            guard pivotMagnitude > threshold else { throw .singular }
            if pivotRow != column {
                for c in column..<n { a.swapAt(column * n + c, pivotRow * n + c) }
                for k in 0..<m { b.swapAt(column * m + k, pivotRow * m + k) }
            }
            let pivot = a[column * n + column]
            for row in (column + 1)..<n {
                let factor = a[row * n + column] / pivot
                guard factor != 0 else { continue }
                a[row * n + column] = 0
                for c in (column + 1)..<n { a[row * n + c] -= factor * a[column * n + c] }
                for k in 0..<m { b[row * m + k] -= factor * b[column * m + k] }
            }
        }

        // Back substitution, one right-hand side at a time.
        var solution: [[Double]] = []
        solution.reserveCapacity(m)
        for k in 0..<m {
            var x = Array(repeating: 0.0, count: n)
            for row in stride(from: n - 1, through: 0, by: -1) {
                var sum = b[row * m + k]
                for c in (row + 1)..<n { sum -= a[row * n + c] * x[c] }
                x[row] = sum / a[row * n + row]
            }
            guard x.allSatisfy(\.isFinite) else { throw .singular }
            solution.append(x)
        }
        return solution
    }
}
