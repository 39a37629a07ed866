import Foundation
import FuzzSupport
import Testing

/// Every seed input of the fuzzers (Fuzz/corpus/<target>) and every input they ever crashed on
/// (Fuzz/regressions/<target>) replayed through the same checks the fuzz targets run, in the
/// ordinary test build (and so under the sanitizers too).
@Suite("Fuzz corpus and regressions")
struct FuzzRegressionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let context = Result { try FuzzContext(root: root) }

    static func inputs(_ target: String) -> [String] {
        FuzzFiles.expand(["\(root)/Fuzz/corpus/\(target)", "\(root)/Fuzz/regressions/\(target)"])
            .filter { FileManager.default.fileExists(atPath: $0) }
    }

    static func replay(_ target: String, _ check: ([UInt8], FuzzContext) -> [String]) throws {
        let context = try Self.context.get()
        let files = inputs(target)
        #expect(files.count >= 5, "the \(target) corpus is missing")
        for file in files {
            let bytes = [UInt8](try #require(FileManager.default.contents(atPath: file)))
            let broken = check(bytes, context)
            #expect(broken.isEmpty, "\(file): \(broken)")
        }
    }

    @Test func atlas() throws { try Self.replay("atlas", FuzzChecks.atlas) }
    @Test func measurements() throws { try Self.replay("measurements", FuzzChecks.measurements) }
    @Test func cases() throws { try Self.replay("cases", FuzzChecks.cases) }

    /// The lengths the fast path and `Length.parse` must agree on, beyond the corpus.
    @Test(arguments: ["7", "+7.25cm", "-0", "0.1", "1e20", "1e300cm", "9.3e15", "00000000000000000007.5mm", "7 Mm", "7\tcm", "\u{A0}7cm", ".5", "5.", ""])
    func lengthsAgree(text: String) {
        #expect(FuzzChecks.lengthsAgree(text).isEmpty)
    }
}
