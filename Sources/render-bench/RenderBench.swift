import ClunealAnatomy
import ClunealFigures
import ClunealRender
import Foundation

/// Per-phase timings of the default map (release builds only; not a test).
///
///     render-bench [--px-per-cm 20,40,100] [--runs 7] [--encodings] [--band-rows 64,128]
///                  [--only PHASE] [--atlas FILE]
///     render-bench memory --px-per-cm 100 [--band-rows 128] [--atlas FILE]
///
/// The first form prints, for each resolution, the median (and minimum) of `--runs` runs of
/// each phase: reading the atlas and the fonts, composing the scene, resolving labels, the
/// full-canvas rasterisation and the banded one, PNG encoding of the whole image at the
/// shipped settings (and, with `--encodings`, at every filter / level / strategy tried), the
/// SVG writer, the streamed PNG path on one thread and pipelined (what the CLI runs), and the
/// peak render memory of that path (median over fresh processes of the second form). The
/// second form runs the streamed path once in a fresh process and prints its peak memory:
/// VmHWM minus the resident set just before rendering, from /proc/self/status.
@main
struct RenderBench {
    static func main() {
        do {
            try run(Array(CommandLine.arguments.dropFirst()))
        } catch {
            FileHandle.standardError.write(Data("render-bench: \(error)\n".utf8))
            exit(1)
        }
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    struct Options {
        var memoryOnly = false
        var pxPerCm: [Double] = [20, 40, 100]
        var runs = 7
        var encodings = false
        var atlasPath = "Atlas/adult-default.atlas.json"
        /// Only phases whose name contains this (for profiling one phase).
        var only: String?
        var bandRows = [SceneRenderer.defaultBandRows]
    }

    static func parse(_ arguments: [String]) throws -> Options {
        var options = Options()
        var rest = arguments[...]
        if rest.first == "memory" {
            options.memoryOnly = true
            rest = rest.dropFirst()
        }
        while let flag = rest.popFirst() {
            func value() throws -> String {
                guard let v = rest.popFirst() else { throw Failure("\(flag) needs a value") }
                return v
            }
            switch flag {
            case "--px-per-cm":
                let list = try value().split(separator: ",").compactMap { Double($0) }
                guard !list.isEmpty, list.allSatisfy({ $0 >= 1 && $0 <= 400 }) else { throw Failure("bad --px-per-cm") }
                options.pxPerCm = list
            case "--runs":
                guard let n = Int(try value()), n >= 1 else { throw Failure("bad --runs") }
                options.runs = n
            case "--encodings":
                options.encodings = true
            case "--atlas":
                options.atlasPath = try value()
            case "--only":
                options.only = try value()
            case "--band-rows":
                let list = try value().split(separator: ",").compactMap { Int($0) }
                guard !list.isEmpty, list.allSatisfy({ $0 >= 1 }) else { throw Failure("bad --band-rows") }
                options.bandRows = list
            default:
                throw Failure("unknown argument \(flag)")
            }
        }
        return options
    }

    // MARK: - Inputs

    static func readFile(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else { throw Failure("cannot read \(path)") }
        return [UInt8](data)
    }

    static func loadAtlas(_ path: String) throws -> Atlas {
        let decoded = try AtlasLoader.decode(AtlasInput(file: path, bytes: try readFile(path)))
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        let sources = try decoded.sourceFileNames.map { name in
            let p = name.hasPrefix("/") ? name : folder.appendingPathComponent(name).path
            return AtlasInput(file: p, bytes: try readFile(p))
        }
        return try AtlasLoader.validate(decoded, sourceFiles: sources)
    }

    static func loadFonts() throws -> FontSet {
        try FontSet.fromBytes(regular: try readFile(FontSet.dejaVuSansPath), bold: try readFile(FontSet.dejaVuSansBoldPath))
    }

    // MARK: - Measuring

    static let clock = ContinuousClock()

    static func milliseconds(_ d: Duration) -> Double {
        Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
    }

    struct Timing {
        var median: Double
        var minimum: Double
    }

    /// Runs `body` `runs` times (after one warm-up) and returns the median and minimum, ms.
    static func time(_ runs: Int, _ body: () throws -> Void) rethrows -> Timing {
        try body()
        var samples: [Double] = []
        for _ in 0..<runs {
            samples.append(milliseconds(try clock.measure(body)))
        }
        samples.sort()
        return Timing(median: samples[samples.count / 2], minimum: samples[0])
    }

    /// Sets VmHWM back to the current resident set (Linux: "5" to /proc/self/clear_refs).
    static func resetPeak() {
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    }

    /// A field of /proc/self/status in bytes (VmRSS, VmHWM), or 0 where there is none.
    static func status(_ field: String) -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
            let digits = line.dropFirst(field.count + 1).filter(\.isNumber)
            return (Int(String(digits)) ?? 0) * 1024
        }
        return 0
    }

    static func megabytes(_ bytes: Int) -> String { String(format: "%.1f MB", Double(bytes) / 1e6) }

    // MARK: - Runs

    static func run(_ arguments: [String]) throws {
        let options = try parse(arguments)
        if options.memoryOnly {
            try memory(options)
            return
        }
        var atlas: Atlas?
        let atlasTime = try time(options.runs) { atlas = try loadAtlas(options.atlasPath) }
        var fontSet: FontSet?
        let fontTime = try time(options.runs) { fontSet = try loadFonts() }
        guard let atlas, let fonts = fontSet else { throw Failure("nothing loaded") }
        var model: BodyModel?
        let modelTime = try time(options.runs) { model = try BodyModel(atlas: atlas) }
        guard let model else { throw Failure("no body model") }
        let composer = MapComposer(model: model)
        var scene = composer.compose()
        let composeTime = time(options.runs) { scene = composer.compose() }
        let renderer = SceneRenderer(fonts: fonts)
        print("render-bench: \(options.runs) runs per phase after one warm-up; median and minimum, ms")
        print("")
        print("## Startup (once per process)")
        header()
        row("read + validate the atlas", atlasTime)
        row("read the DejaVu fonts + FreeType faces", fontTime)
        row("body model (reference scaling)", modelTime)
        row("compose the default map", composeTime)
        for pxPerCm in options.pxPerCm {
            try measure(scene: scene, renderer: renderer, pxPerCm: pxPerCm, options: options)
        }
    }

    static func header() {
        print("")
        print("| phase | median ms | min ms | notes |")
        print("|---|---:|---:|---|")
    }

    static func row(_ name: String, _ t: Timing, _ notes: String = "") {
        print("| \(name) | \(String(format: "%.1f", t.median)) | \(String(format: "%.1f", t.minimum)) | \(notes) |")
    }

    /// The compression settings compared by `--encodings` (the shipped ones are always timed).
    static func encodings(background: Color) -> [(String, PNGEncoder)] {
        var list: [(String, PNGEncoder)] = []
        let filters: [(String, PNGEncoder.Filters)] = [("none", .none), ("Sub", .sub), ("Up", .up), ("Paeth", .paeth)]
        for level in 1...3 {
            for (fname, f) in filters {
                for (sname, s) in [("default", PNGEncoder.Strategy.default), ("RLE", .runLength)] {
                    if s == .runLength && level > 1 { continue }  // zlib's RLE ignores the level
                    list.append(("RGB level \(level), \(fname), \(sname)",
                                 PNGEncoder(format: .automatic, compression: .init(level: level, filters: f, strategy: s))))
                }
            }
        }
        for memoryLevel in [5, 6, 7, 8, 9] {
            list.append(("RGB per-row Up/Sub/Paeth, RLE, memLevel \(memoryLevel)",
                         PNGEncoder(format: .automatic, compression: .init(level: 1, filters: [.up, .sub, .paeth], strategy: .runLength,
                                                                            filterChoice: .fewestNonzero, memoryLevel: memoryLevel))))
        }
        list.append(("RGB per-row Up/Sub, RLE, memLevel 6",
                     PNGEncoder(format: .automatic, compression: .init(level: 1, filters: [.up, .sub], strategy: .runLength,
                                                                        filterChoice: .fewestNonzero, memoryLevel: 6))))
        list.append(("RGB per-row Up/Sub/Paeth, level 2 default",
                     PNGEncoder(format: .automatic, compression: .init(level: 2, filters: [.up, .sub, .paeth],
                                                                        filterChoice: .fewestNonzero))))
        list.append(("RGB libpng adaptive Up/Sub/Paeth, RLE",
                     PNGEncoder(format: .automatic, compression: .init(level: 1, filters: [.up, .sub, .paeth], strategy: .runLength))))
        return list
    }

    static func measure(scene: Scene, renderer: SceneRenderer, pxPerCm: Double, options: Options) throws {
        let pxPerMm = pxPerCm / 10
        let runs = options.runs
        func wanted(_ name: String) -> Bool { options.only.map { name.contains($0) } ?? true }
        var resolved = scene
        let resolveTime = try time(runs) { resolved = try renderer.resolvingLabels(scene, pxPerMm: pxPerMm).scene }
        var image = try renderer.render(resolved, pxPerMm: pxPerMm)
        print("")
        print("## \(Int(pxPerCm)) px/cm: \(image.width) × \(image.height) px, RGBA buffer \(megabytes(image.width * image.height * 4))")
        header()
        row("label resolution", resolveTime)
        if wanted("rasterise") {
            row("rasterise, full RGBA canvas (`render`)", try time(runs) { image = try renderer.render(resolved, pxPerMm: pxPerMm) })
            var checksum = 0
            let bands = try time(runs) {
                checksum = 0
                try renderer.renderBands(resolved, pxPerMm: pxPerMm) { _, count, rows in checksum &+= count &+ Int(rows[rows.count / 2]) }
            }
            row("rasterise in \(SceneRenderer.defaultBandRows)-row RGB bands (`renderBands`)", bands)
            // Planning (labels again, transform, flatten, stroke, sort) plus the first band only.
            let firstBand = try time(runs) {
                do {
                    try renderer.renderBands(resolved, pxPerMm: pxPerMm) { (_, _, _) throws(RenderError) in throw RenderError.libpng("stop") }
                } catch RenderError.libpng("stop") {}
            }
            row("plan + first band only", firstBand)
        }
        let metadata = PNGMetadata(pxPerMm: pxPerMm)
        var candidates: [(String, PNGEncoder)] = [
            ("RGB `.fast` (shipped: ClunealRender's run-length deflate)", PNGEncoder(format: .automatic, compression: .fast)),
            ("RGB `.fastZlib` (zlib RLE: `.fast` before the run-length deflate)", PNGEncoder(format: .automatic, compression: .fastZlib)),
            ("RGB `.fastLibpng` (libpng filters, zlib RLE: before issue 11's libdeflate work)", PNGEncoder(format: .automatic, compression: .fastLibpng)),
            ("RGB `.fastLibdeflate`", PNGEncoder(format: .automatic, compression: .fastLibdeflate)),
            ("RGBA level 2, Up (before)", PNGEncoder(format: .rgba, compression: .init(level: 2, filters: .up))),
        ]
        if options.encodings {
            candidates += encodings(background: scene.background)
            candidates.append(("RGB `.small` (libdeflate 6, Up/Sub/Paeth)", PNGEncoder(format: .automatic, compression: .small)))
            candidates.append(("RGB `.smallLibpng` (zlib 9, libpng's adaptive filters)", PNGEncoder(format: .automatic, compression: .smallLibpng)))
            for level in [1, 2, 3, 4, 6, 9, 12] {
                for (name, filters) in [("Up/Sub", PNGEncoder.Filters([.up, .sub])), ("Up/Sub/Paeth", PNGEncoder.Filters([.up, .sub, .paeth]))] {
                    candidates.append(("RGB libdeflate \(level), \(name)",
                                       PNGEncoder(format: .automatic, compression: .init(level: level, filters: filters, filterChoice: .fewestNonzero,
                                                                                          compressor: .libdeflate))))
                }
            }
        }
        for (name, encoder) in candidates where wanted("encode " + name) {
            var bytes: [UInt8] = []
            let t = try time(runs) { bytes = try encoder.encode(image, metadata: metadata) }
            row("encode whole image: \(name)", t, "\(bytes.count) bytes")
        }
        if wanted("SVG") {
            var svg = ""
            row("SVG write", try time(runs) { svg = try SVGWriter(matching: renderer.fonts).write(resolved) }, "\(svg.utf8.count) bytes")
        }
        if wanted("memory") {
            let peaks = try (0..<runs).map { _ in try renderPeakInFreshProcess(pxPerCm: pxPerCm, options: options) }.sorted()
            let rgba = image.width * image.height * 4
            let median = peaks[peaks.count / 2]
            print("| peak render memory, CLI path (fresh process, VmHWM − RSS before) | \(megabytes(median)) | \(megabytes(peaks[0])) | "
                  + String(format: "%.2f", Double(median) / Double(rgba)) + " × the RGBA buffer |")
        }
        for bandRows in options.bandRows {
            for (name, encoder) in [("`.fast`", PNGEncoder()), ("`.fastLibpng`", PNGEncoder(compression: .fastLibpng)),
                                    ("`.fastLibdeflate`", PNGEncoder(compression: .fastLibdeflate)),
                                    ("`.fastZlib`", PNGEncoder(compression: .fastZlib))] {
                for pipelined in [false, true] where wanted("renderPNG") {
                    var png: [UInt8] = []
                    let cpuBefore = Self.processCPUSeconds()
                    let t = try time(runs) {
                        png = try renderer.renderPNG(resolved, pxPerMm: pxPerMm, encoder: encoder, bandRows: bandRows, pipelined: pipelined)
                    }
                    let cpu = (Self.processCPUSeconds() - cpuBefore) / Double(runs) * 1000
                    row("`renderPNG` \(name), \(bandRows)-row bands, \(pipelined ? "pipelined (CLI path)" : "one thread")", t,
                        "\(png.count) bytes, CPU " + String(format: "%.1f", cpu) + " ms a run")
                }
            }
        }
    }

    /// CPU time of this process so far (all threads, user + system), in seconds.
    static func processCPUSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    /// Runs `render-bench memory` in a new process (VmHWM is per process) and returns its
    /// render peak in bytes.
    static func renderPeakInFreshProcess(pxPerCm: Double, options: Options) throws -> Int {
        let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments.first ?? "render-bench"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: me)
        process.arguments = ["memory", "--px-per-cm", String(pxPerCm), "--atlas", options.atlasPath,
                             "--band-rows", String(options.bandRows.first ?? SceneRenderer.defaultBandRows)]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let words = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isWhitespace).map(String.init)
        guard process.terminationStatus == 0, let i = words.firstIndex(of: "render-peak"), i + 1 < words.count,
              let peak = Int(words[i + 1]) else {
            throw Failure("render-bench memory failed: \(words.joined(separator: " "))")
        }
        return peak
    }

    /// The CLI's PNG path once, in a fresh process: peak memory above the baseline.
    static func memory(_ options: Options) throws {
        let atlas = try loadAtlas(options.atlasPath)
        let renderer = SceneRenderer(fonts: try loadFonts())
        let scene = MapComposer(model: try BodyModel(atlas: atlas)).compose()
        guard let pxPerCm = options.pxPerCm.first else { return }
        let pxPerMm = pxPerCm / 10
        let resolved = try renderer.resolvingLabels(scene, pxPerMm: pxPerMm).scene
        // VmHWM is the process's peak so far: reset it to the current resident set, so that
        // the peak read after rendering is the render's, not the atlas load's or the layout's.
        resetPeak()
        let baseline = status("VmRSS")
        let png = try renderer.renderPNG(resolved, pxPerMm: pxPerMm, bandRows: options.bandRows.first ?? SceneRenderer.defaultBandRows)
        let peak = status("VmHWM")
        let w = Int((scene.pageSize.width * pxPerMm).rounded()), h = Int((scene.pageSize.height * pxPerMm).rounded())
        print("px-per-cm \(pxPerCm) width \(w) height \(h) rgba-bytes \(w * h * 4) baseline-rss \(baseline) vmhwm \(peak) render-peak \(peak - baseline) png-bytes \(png.count)")
    }
}
