import Dispatch

/// Work spread over every core with `DispatchQueue.concurrentPerform`, results in order.
enum Parallel {
    /// `body(i)` for every i in 0..<count, run in parallel; the results in index order.
    static func map<T: Sendable>(count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        guard count > 0 else { return [] }
        let slots = Slots<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { i in slots.set(i, body(i)) }
        return slots.values()
    }

    /// Storage that several threads fill, each slot written by exactly one of them; read
    /// only after `concurrentPerform` has returned.
    private final class Slots<T: Sendable>: @unchecked Sendable {
        private let storage: UnsafeMutableBufferPointer<T?>

        init(count: Int) {
            storage = .allocate(capacity: count)
            storage.initialize(repeating: nil)
        }

        func set(_ i: Int, _ value: T) { storage[i] = value }

        func values() -> [T] { storage.compactMap { $0 } }

        deinit {
            storage.deinitialize()
            storage.deallocate()
        }
    }
}
