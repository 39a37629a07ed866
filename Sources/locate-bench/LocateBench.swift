import ArgumentParser
import BodyGeometry
import ClunealAnatomy
import ClunealPalpation
import Dispatch
import Foundation

/// Benchmarks the Locator in process (queries per second on one core and on all cores) and
/// writes large case files for timing `cluneal locate --cases`. Not a test.
@main
struct LocateBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "locate-bench",
        abstract: "Benchmark the Locator (queries/s, one core and all cores) and generate large CSV case files.",
        discussion: "Build with -c release. Example: locate-bench --queries 20000000; locate-bench --generate-csv /tmp/100k.csv --rows 100000.")

    @Option(help: ArgumentHelp("Atlas file.", valueName: "file"))
    var atlas = "Atlas/adult-default.atlas.json"

    @Option(help: "Hot-path queries per measurement (split across threads for the all-cores run).")
    var queries = 20_000_000

    @Option(help: "Threads for the all-cores run (default: active processors).")
    var threads = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .customLong("generate-csv"), help: ArgumentHelp("Write a case file here instead of benchmarking.", valueName: "file"))
    var csvPath: String?

    @Option(help: "Rows for --generate-csv.")
    var rows = 100_000

    @Flag(name: .customLong("distinct-measurements"), help: "With --generate-csv: give every row its own height, PSIS distance and crest height (no two rows share a body).")
    var distinctMeasurements = false

    @Flag(name: .customLong("hot-path-only"), help: "Run only the one-thread hot-path loop (for allocation counting under valgrind).")
    var hotPathOnly = false

    func validate() throws {
        if queries < 1 { throw ValidationError("--queries must be at least 1.") }
        if threads < 1 { throw ValidationError("--threads must be at least 1.") }
        if rows < 1 { throw ValidationError("--rows must be at least 1.") }
    }

    func run() throws {
        if let csvPath {
            try Data(Self.cases(rows: rows, distinct: distinctMeasurements).utf8).write(to: URL(fileURLWithPath: csvPath), options: .atomic)
            print("wrote \(rows) rows to \(csvPath)")
            return
        }
        let atlas = try Self.load(atlas)
        let model = try BodyModel(atlas: atlas)
        let locator = Locator(model: model)
        var random = SplitMix(seed: 42)
        let count = 4096
        let points: [(Point, Side)] = (0..<count).map { _ in
            let side: Side = random.unit() < 0.5 ? .left : .right
            return (Point(side.sign * random.unit() * 180, random.unit() * 330 - 220), side)
        }
        print("machine: \(ProcessInfo.processInfo.activeProcessorCount) active cores; atlas \(atlas.id) \(atlas.version); \(locator.zoneCount(on: .left)) zones per side")

        if hotPathOnly {
            print("hot path checksum: \(Self.hotLoop(locator, points, queries: queries))")
            return
        }
        // Warm up, then one core.
        _ = Self.hotLoop(locator, points, queries: min(queries, 1_000_000))
        let single = Self.time { Self.hotLoop(locator, points, queries: queries) }
        print("hot path, 1 thread: \(Self.rate(queries, single.seconds)) queries/s (\(Self.ns(single.seconds, queries)) ns/query; checksum \(single.value))")

        // All cores.
        let perThread = max(1, queries / threads)
        let all = Self.time {
            Self.parallelSum(threads) { _ in Self.hotLoop(locator, points, queries: perThread) }
        }
        print("hot path, \(threads) threads: \(Self.rate(perThread * threads, all.seconds)) queries/s (checksum \(all.value))")
        let privateLocators = Self.time {
            Self.parallelSum(threads) { _ in Self.hotLoop(Locator(model: model), points, queries: perThread) }
        }
        print("hot path, \(threads) threads, one Locator each: \(Self.rate(perThread * threads, privateLocators.seconds)) queries/s")

        // The whole per-row path: place the tape measurement, then match.
        let inputs: [TenderPointInput] = (0..<count).map { i in
            let frame = InputFrame.allCases[i % 3]
            let side: Side = i % 2 == 0 ? .left : .right
            switch frame {
            case .midline: return TenderPointInput(side: side, frame: frame, lateral: .centimetres(3 + Double(i % 90) / 10), vertical: .centimetres(Double(i % 300) / 10 - 20))
            case .psis: return TenderPointInput(side: side, frame: frame, lateral: .centimetres(Double(i % 80) / 10 - 3), vertical: .centimetres(Double(i % 300) / 10 - 20))
            case .crest: return TenderPointInput(side: side, frame: frame, lateral: .centimetres(4.5 + Double(i % 80) / 10), vertical: .centimetres(Double(i % 100) / 10 - 5))
            }
        }
        let placedQueries = max(1, queries / 10)
        let placed = Self.time { () -> Int in
            var buffer = locator.makeBuffer()
            var sum = 0
            for q in 0..<placedQueries {
                guard let p = try? TenderPoint(inputs[q & (count - 1)], on: model) else { continue }
                sum &+= locator.match(p.point, side: p.side, into: &buffer) ?? -1
            }
            return sum
        }
        print("place + match, 1 thread: \(Self.rate(placedQueries, placed.seconds)) queries/s")

        // The rich Finding, for comparison.
        let richQueries = max(1, queries / 100)
        let rich = Self.time { () -> Int in
            var buffer = locator.makeBuffer()
            var sum = 0
            for q in 0..<richQueries {
                let (p, side) = points[q & (count - 1)]
                guard let tp = try? TenderPoint(side: side, point: p) else { continue }
                sum &+= locator.locate(tp, screening: .none, buffer: &buffer).candidates.count
            }
            return sum
        }
        print("full Finding, 1 thread: \(Self.rate(richQueries, rich.seconds)) findings/s")
    }

    static func hotLoop(_ locator: Locator, _ points: [(Point, Side)], queries: Int) -> Int {
        var buffer = locator.makeBuffer()
        var sum = 0
        let mask = points.count - 1
        for q in 0..<queries {
            let (p, side) = points[q & mask]
            sum &+= locator.match(p, side: side, into: &buffer) ?? -1
        }
        return sum &+ Int((buffer.standardScores.first ?? 0) * 1000)
    }

    static func parallelSum(_ threads: Int, _ body: @Sendable (Int) -> Int) -> Int {
        let results = Results(count: threads)
        DispatchQueue.concurrentPerform(iterations: threads) { i in results.set(i, body(i)) }
        return results.sum
    }

    /// One slot per thread.
    final class Results: @unchecked Sendable {
        private var values: [Int]
        private let lock = NSLock()
        init(count: Int) { values = Array(repeating: 0, count: count) }
        func set(_ i: Int, _ v: Int) { lock.lock(); values[i] = v; lock.unlock() }
        var sum: Int { lock.lock(); defer { lock.unlock() }; return values.reduce(0, &+) }
    }

    static func time<T>(_ body: () -> T) -> (value: T, seconds: Double) {
        let start = DispatchTime.now().uptimeNanoseconds
        let value = body()
        return (value, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }

    static func rate(_ n: Int, _ seconds: Double) -> String {
        let r = Double(n) / max(seconds, 1e-9)
        return r >= 1e6 ? String(format: "%.2f M", r / 1e6) : String(format: "%.0f", r)
    }

    static func ns(_ seconds: Double, _ n: Int) -> String { String(format: "%.0f", seconds * 1e9 / Double(n)) }

    static func load(_ path: String) throws -> Atlas {
        let url = URL(fileURLWithPath: path)
        let decoded = try AtlasLoader.decode(AtlasInput(file: path, bytes: [UInt8](try Data(contentsOf: url))))
        let sources = try decoded.sourceFileNames.map { name in
            let u = url.deletingLastPathComponent().appendingPathComponent(name)
            return AtlasInput(file: u.path, bytes: [UInt8](try Data(contentsOf: u)))
        }
        return try AtlasLoader.validate(decoded, sourceFiles: sources)
    }

    /// A realistic case file: all three frames, both sides, points spread around the
    /// published sites and elsewhere, a quarter with a height, some with symptoms.
    static func cases(rows: Int, distinct: Bool = false) -> String {
        var random = SplitMix(seed: 7)
        var out = "case,side,from,lateral,vertical,height,sex,psis_from_midline,crest_height,bicristal_width,symptoms\n"
        out.reserveCapacity(rows * 64)
        let ordinary = ["buttock-pain", "low-back-pain", "pain-on-sitting", "burning-pain", "leg-pain-above-knee", "tingling", "tender-point"]
        let flags = ["saddle-numbness", "new-bladder-dysfunction", "fever", "history-of-cancer", "night-pain"]
        func cm(_ v: Double) -> String { String(format: "%.1fcm", v) }
        for i in 0..<rows {
            let side = random.unit() < 0.5 ? "left" : "right"
            let frame: String, lateral: String, vertical: String
            switch i % 3 {
            case 0:
                frame = "crest"
                lateral = cm(4.5 + random.unit() * 7)
                vertical = cm(random.unit() * 4 - 2)
            case 1:
                frame = "psis"
                lateral = String(format: "%.0fmm", random.unit() * 60 - 20)
                vertical = String(format: "%.0fmm", random.unit() * 80 - 60)
            default:
                frame = "midline"
                lateral = cm(2 + random.unit() * 12)
                vertical = cm(random.unit() * 30 - 18)
            }
            var height = "", sex = "", psis = "", crestHeight = ""
            if distinct {
                // Row i has a measurement set of its own: 4,000 heights × 200 PSIS distances × crest heights.
                height = String(format: "%.2fcm", 150 + Double(i % 4000) * 0.01)
                psis = String(format: "%.2fcm", 3 + Double(i / 4000 % 200) * 0.01)
                crestHeight = String(format: "%.2fcm", 6 + Double(i / 800_000) * 0.01)
            } else if random.unit() < 0.25 {
                height = "\(150 + Int(random.unit() * 40))cm"
                sex = random.unit() < 0.5 ? "female" : "male"
            }
            var symptoms: [String] = []
            let u = random.unit()
            if u < 0.10 { symptoms.append(ordinary[Int(random.unit() * Double(ordinary.count)) % ordinary.count]) }
            if u < 0.01 { symptoms.append(flags[Int(random.unit() * Double(flags.count)) % flags.count]) }
            out += "c\(i + 1),\(side),\(frame),\(lateral),\(vertical),\(height),\(sex),\(psis),\(crestHeight),,\(symptoms.joined(separator: ";"))\n"
        }
        return out
    }
}

/// A small deterministic generator (SplitMix64), so runs are repeatable.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(UInt64(1) << 53) }
}
