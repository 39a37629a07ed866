import Foundation

/// Reads a file (or standard input, `-`) in pieces of whole lines, so that a batch holds only
/// the lines it is working on. Opening applies the rules of ``FileIO/read(_:what:limit:)``
/// (66 missing, 65 larger than `limit`); a read error is 74.
final class LineReader {
    let path: String
    let what: String
    let limit: Int
    private let fd: Int32
    private var pending: [UInt8] = []
    private var atEnd = false
    /// Bytes read so far.
    private(set) var bytesRead = 0
    /// True once more than `limit` bytes were read (the file is refused; reading on is pointless).
    var exceededLimit: Bool { bytesRead > limit }
    /// The size of a regular file (for progress), `nil` for a pipe.
    private(set) var size: Int?

    init(_ path: String, what: String, limit: Int = FileIO.maxInputBytes) throws(CLIError) {
        self.path = path
        self.what = what
        self.limit = limit
        if path == "-" {
            fd = STDIN_FILENO
            return
        }
        (fd, size) = try FileIO.open(path, what: what, limit: limit)
    }

    deinit { if fd != STDIN_FILENO { close(fd) } }

    /// The next `maxLines` whole lines (fewer at the end of the file; the last line may lack
    /// its line end), or `nil` at the end. More than `limit` bytes in all → 65.
    func nextLines(_ maxLines: Int) throws(CLIError) -> (bytes: [UInt8], lines: Int)? {
        var lines = 0
        var cut = 0
        var scanned = 0
        while true {
            while scanned < pending.count, lines < maxLines {
                if pending[scanned] == 0x0A { lines += 1; cut = scanned + 1 }
                scanned += 1
            }
            if lines == maxLines || atEnd { break }
            try fill()
        }
        if atEnd, lines < maxLines, cut < pending.count {
            cut = pending.count
            lines += 1
        }
        guard cut > 0 else { return nil }
        let piece = Array(pending[0..<cut])
        pending.removeFirst(cut)
        return (piece, lines)
    }

    /// Lines handed out by ``nextLine(maxBytes:what:)``.
    private(set) var lineNumber = 0

    /// The next line without its line end (`\n` or `\r\n`), or `nil` at the end of input. A
    /// line longer than `maxBytes` is refused (65, naming `what` and the line's number), so
    /// input without line ends (`quiz < /dev/zero`) stops instead of growing. Reads only what
    /// is available, so a person typing gets each answer as it is entered.
    func nextLine(maxBytes: Int, what line: String) throws(CLIError) -> String? {
        var scanned = 0
        while true {
            if let newline = pending[scanned...].firstIndex(of: 0x0A) {
                var bytes = pending[0..<newline]
                if bytes.last == 0x0D { bytes.removeLast() }
                let text = String(decoding: bytes, as: UTF8.self)
                pending.removeFirst(newline + 1)
                lineNumber += 1
                return text
            }
            scanned = pending.count
            if pending.count > maxBytes {
                throw CLIError(.dataError, "\(path == "-" ? "standard input" : path): \(line) \(lineNumber + 1) is longer than \(maxBytes) bytes")
            }
            if atEnd {
                guard !pending.isEmpty else { return nil }
                defer { pending = [] }
                lineNumber += 1
                return String(decoding: pending, as: UTF8.self)
            }
            try fill(chunkBytes: maxBytes)
        }
    }

    /// Counts the lines left that hold more than a line end (the rows not processed after a
    /// fatal error), reading on without keeping them.
    func countRemainingRows() -> Int {
        var rows = 0
        var lineHasText = false
        func count(_ bytes: ArraySlice<UInt8>) {
            for b in bytes {
                if b == 0x0A {
                    if lineHasText { rows += 1 }
                    lineHasText = false
                } else if b != 0x0D {
                    lineHasText = true
                }
            }
        }
        count(pending[...])
        pending = []
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while !atEnd {
            let n = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { break }
            count(chunk[0..<n])
        }
        return rows + (lineHasText ? 1 : 0)
    }

    /// Reads what is available, at most `chunkBytes`, onto `pending`; at the end sets `atEnd`.
    private func fill(chunkBytes: Int = 1 << 20) throws(CLIError) {
        var chunk = [UInt8](repeating: 0, count: Swift.max(1, chunkBytes))
        while true {
            let n = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                let e = errno
                if e == EINTR { continue }
                throw CLIError(.ioError, "\(what) \(path): cannot read: \(FileIO.reason(e))")
            }
            if n == 0 { atEnd = true; return }
            bytesRead += n
            if bytesRead > limit {
                throw FileIO.tooLarge(what, path, limit: limit)
            }
            pending.append(contentsOf: chunk[0..<n])
            return
        }
    }
}
