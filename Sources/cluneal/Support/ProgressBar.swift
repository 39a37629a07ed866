import Foundation

/// A one-line progress bar on standard error, drawn only when standard error is a terminal.
/// Safe to advance from several threads.
final class ProgressBar: @unchecked Sendable {
    private let lock = NSLock()
    private let total: Int
    private let label: String
    private let enabled: Bool
    private var done = 0
    private var drawnPercent = -1

    init(total: Int, label: String, enabled: Bool = Terminal.standardErrorIsInteractive) {
        self.total = max(total, 1)
        self.label = label
        self.enabled = enabled && total > 0
    }

    func advance(by n: Int) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        done += n
        let percent = min(100, done * 100 / total)
        guard percent != drawnPercent else { return }
        drawnPercent = percent
        let width = 30
        let filled = percent * width / 100
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        FileHandle.standardError.write(Data("\r\(label) [\(bar)] \(percent)% \(min(done, total))/\(total)".utf8))
    }

    /// Clears the line.
    func finish() {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        if drawnPercent >= 0 { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
