import CLibPNG
import Foundation

/// Reads PDFs back with poppler-utils (`pdfinfo`, `pdffonts`, `pdftotext`, `pdftoppm`), which
/// scripts/test installs. Tests that need it are gated on ``isAvailable`` so they show as
/// skipped, not passed, where the tools are missing.
public enum Poppler {
    public static let folder = "/usr/bin"

    public static var isAvailable: Bool {
        ["pdfinfo", "pdffonts", "pdftotext", "pdftoppm"].allSatisfy { FileManager.default.isExecutableFile(atPath: "\(folder)/\($0)") }
    }

    /// Runs a poppler tool and returns its standard output (it must exit 0).
    public static func run(_ tool: String, _ arguments: [String]) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "\(folder)/\(tool)")
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        _ = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "\(tool) \(arguments) exited \(process.terminationStatus)"])
        }
        return data
    }

    public static func text(_ tool: String, _ arguments: [String]) throws -> String {
        String(decoding: try run(tool, arguments), as: UTF8.self)
    }

    /// A temporary file holding `bytes`, removed by the caller.
    public static func temporaryFile(_ bytes: [UInt8], suffix: String = ".pdf") throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cluneal-pdf-\(UUID().uuidString)\(suffix)")
        try Data(bytes).write(to: url)
        return url
    }

    /// Page sizes in millimetres, from `pdfinfo -f 1 -l N` ("Page    1 size: 595.276 x 841.89 pts").
    public static func pageSizesMillimetres(_ pdf: URL) throws -> [(width: Double, height: Double)] {
        let info = try text("pdfinfo", ["-f", "1", "-l", "9999", pdf.path])
        var sizes: [(Double, Double)] = []
        for line in info.split(separator: "\n") where line.hasPrefix("Page") && line.contains(" size: ") {
            let parts = line.split(separator: " ")
            guard let i = parts.firstIndex(of: "size:"), parts.count > i + 3,
                  let w = Double(parts[i + 1]), let h = Double(parts[i + 3]) else { continue }
            sizes.append((w * 25.4 / 72, h * 25.4 / 72))
        }
        return sizes
    }

    /// The rows of `pdffonts`: name, type, embedded, subset.
    public static func fonts(_ pdf: URL) throws -> [(name: String, embedded: Bool, subset: Bool)] {
        let lines = try text("pdffonts", [pdf.path]).split(separator: "\n").dropFirst(2)
        return lines.map { line in
            let columns = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            // name type… encoding emb sub uni object ID: emb and sub are 5th and 4th from the end.
            let n = columns.count
            return (columns.first ?? "", n >= 5 && columns[n - 5] == "yes", n >= 4 && columns[n - 4] == "yes")
        }
    }

    /// The decompressed content streams of a PDF (FlateDecode streams; others as stored).
    public static func contentStreams(_ bytes: [UInt8]) -> [String] {
        var streams: [String] = []
        let start = Array("stream".utf8), end = Array("endstream".utf8)
        var i = 0
        while let s = find(start, in: bytes, from: i) {
            var body = s + start.count
            if body < bytes.count, bytes[body] == 13 { body += 1 }
            if body < bytes.count, bytes[body] == 10 { body += 1 }
            guard let e = find(end, in: bytes, from: body) else { break }
            let raw = Array(bytes[body..<e])
            if let inflated = inflate(raw) { streams.append(String(decoding: inflated, as: UTF8.self)) }
            i = e + end.count
        }
        return streams
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        var i = from
        while i + needle.count <= haystack.count {
            if haystack[i] == needle[0], Array(haystack[i..<(i + needle.count)]) == needle {
                // "endstream" contains "stream": skip it when looking for a stream start.
                if needle.count == 6, i >= 3, Array(haystack[(i - 3)..<i]) == Array("end".utf8) { i += 1; continue }
                return i
            }
            i += 1
        }
        return nil
    }

    /// zlib-inflates `data`, or `nil` when it is not a zlib stream.
    public static func inflate(_ data: [UInt8]) -> [UInt8]? {
        var capacity = Swift.max(1024, data.count * 8)
        while capacity < 512 * 1024 * 1024 {
            var out = [UInt8](repeating: 0, count: capacity)
            var length = uLongf(capacity)
            let status = out.withUnsafeMutableBufferPointer { o in
                data.withUnsafeBufferPointer { i in uncompress(o.baseAddress, &length, i.baseAddress, uLong(data.count)) }
            }
            if status == Z_OK { return Array(out[0..<Int(length)]) }
            if status != Z_BUF_ERROR { return nil }
            capacity *= 4
        }
        return nil
    }
}

extension Poppler {
    /// What is wrong with `pdf` as a one-page PDF of `size` (to `tolerance` millimetres each
    /// way), or nil when nothing is.
    public static func pageSizeProblem(_ pdf: [UInt8], expected size: (width: Double, height: Double), tolerance: Double) throws -> String? {
        let url = try temporaryFile(pdf)
        defer { try? FileManager.default.removeItem(at: url) }
        let sizes = try pageSizesMillimetres(url)
        guard sizes.count == 1 else { return "\(sizes.count) pages" }
        if abs(sizes[0].width - size.width) > tolerance || abs(sizes[0].height - size.height) > tolerance {
            return "page \(sizes[0].width) × \(sizes[0].height) mm, scene \(size.width) × \(size.height) mm"
        }
        return nil
    }

    /// The fonts of `pdf` that are not embedded DejaVu Sans subsets ("ABCDEF+DejaVuSans",
    /// "ABCDEF+DejaVuSans-Bold"), the number of fonts, and its text (`pdftotext -raw`).
    public static func fontsAndText(_ pdf: [UInt8]) throws -> (strayFonts: [String], fontCount: Int, text: String) {
        let url = try temporaryFile(pdf)
        defer { try? FileManager.default.removeItem(at: url) }
        let all = try fonts(url)
        let stray = all.filter { !($0.embedded && $0.subset && $0.name.split(separator: "+").last?.hasPrefix("DejaVuSans") == true) }.map(\.name)
        return (stray, all.count, try text("pdftotext", ["-raw", url.path, "-"]))
    }
}
