import ArgumentParser
import ClunealAnatomy
import ClunealFigures
import ClunealRender
import ClunealTeaching
import Foundation

extension MapTheme.Name: ExpressibleByArgument {}
extension MapOptions.Region: ExpressibleByArgument {}

/// A text size typed on the command line: points (`9pt`, or a bare number) or millimetres
/// (`3mm`), checked against ``MapOptions/textSizeRange`` at parse time.
struct TextSize: ExpressibleByArgument, Hashable, Sendable {
    let points: Double

    init?(argument: String) {
        let text = argument.trimmingCharacters(in: .whitespaces).lowercased()
        let value: Double?
        if text.hasSuffix("pt") {
            value = Double(text.dropLast(2).trimmingCharacters(in: .whitespaces))
        } else if text.hasSuffix("mm") {
            value = Double(text.dropLast(2).trimmingCharacters(in: .whitespaces)).map { $0 * 72 / 25.4 }
        } else {
            value = Double(text)
        }
        guard let value, value.isFinite, MapOptions.textSizeRange.contains(value) else { return nil }
        points = value
    }
}

/// `cluneal map`: the annotated posterior-view map, as PNG, SVG and/or PDF from one scene.
struct MapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "map",
        abstract: "Draw the annotated posterior-view map (PNG through libpng, layered SVG, vector PDF through Cairo) of the atlas, scaled to a person.",
        discussion: """
            One scene is drawn to every output, so the PNG, the SVG and the PDF show the same thing. A PDF \
            page is the map's size, so printed at "actual size" (100 %) the map is life size; --paper a4 \
            --tile prints it life size on office paper (tiles with glue overlaps and a 5 cm check square), \
            --paper a4 --fit scales it onto one sheet and says by how much, and --paper slide makes a 16:9 \
            slide. A PNG records its resolution (pHYs) and its text chunks name the atlas, the frame, the \
            scaling method and the command. A PDF's creation date is the time of writing, or \
            SOURCE_DATE_EPOCH (seconds since 1970, UTC) when that is set, so the same figure can give the \
            same bytes.
            """)

    @Option(name: .shortAndLong, help: ArgumentHelp("Output file, .png, .svg or .pdf (repeat to write several from one scene); - writes the PNG to standard output.", valueName: "file"))
    var output: [OutputTarget] = []

    @Option(name: .customLong("px-per-cm"), parsing: .unconditional, help: ArgumentHelp(
        "PNG resolution in pixels per centimetre (default 40; 1 to 400, and at most what keeps the PNG within 100 million pixels: about 199 for the default map of both sides; the error names the maximum).",
        valueName: "n"))
    var pxPerCm: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp("PNG resolution in dots per inch (instead of --px-per-cm; 2.54 to 1016, with the same page limit: about 505 for the default map).", valueName: "n"))
    var dpi: Double?

    @Option(help: "Which side of the patient to draw.")
    var side: SideChoice = .both

    @Option(help: ArgumentHelp("Comma-separated layers to draw (default all but territory, the optional skin areas, and ultrasound, the probe footprint and needle path of each ultrasound-guided block site): \(MapOptions.LayerKind.allCases.map(\.rawValue).joined(separator: ",")).", valueName: "list"),
            transform: { try ArgumentTransforms.list($0, of: MapOptions.LayerKind.self, what: "layer") })
    var layers: [MapOptions.LayerKind]?

    @Option(name: .customLong("text-size"),
            help: ArgumentHelp("Label size on the life-size page, in points (9pt, the default) or millimetres (3mm); \(Int(MapOptions.textSizeRange.lowerBound)) to \(Int(MapOptions.textSizeRange.upperBound)) pt. The legend grows with it.", valueName: "size"))
    var textSize: TextSize?

    @Option(help: ArgumentHelp("Part of the body to show, at true scale with the grid: full (default), crest (superior nerves), sacral (middle), gluteal (inferior).", valueName: "region"))
    var region: MapOptions.Region = .full

    @Option(help: ArgumentHelp("Bring forward one nerve group (superior, middle, inferior) or one atlas id; the rest is drawn fainter.", valueName: "what"))
    var highlight: String?

    @Option(help: ArgumentHelp("Zones to draw: default (each site's default), all (every source), or one source id.", valueName: "which"))
    var zones: String = "default"

    @Flag(name: .customLong("no-labels"), help: "Leave out the labels (the legend stays).")
    var noLabels = false

    @Option(help: "Colour theme: standard, print (grayscale) or colorblind (Okabe–Ito).")
    var theme: MapTheme.Name = .standard

    @Option(help: "PNG compression: fast (default, quick to write) or small (smaller files, slower).")
    var compression: CompressionChoice = .fast

    @Flag(help: "Draw a blank quiz map: numbered markers instead of labels, and an answer key beside the first output (FILE.key.json, FILE.key.md).")
    var quiz = false

    @Option(parsing: .unconditional, help: ArgumentHelp("Number of markers on a quiz map (1 to 30).", valueName: "n"))
    var markers: Int = 10

    @Option(parsing: .unconditional, help: ArgumentHelp("Seed choosing the quiz map's markers; the same seed gives the same map.", valueName: "n"))
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("Draw a plain-language handout for a patient instead of the map: self-care.", valueName: "kind"))
    var handout: HandoutKind?

    enum HandoutKind: String, ExpressibleByArgument, CaseIterable {
        case selfCare = "self-care"
    }

    @OptionGroup var paperOptions: PaperOptions
    @OptionGroup var atlasOptions: AtlasOptions
    @OptionGroup var measurementOptions: MeasurementOptions
    @OptionGroup var palpation: PalpationErrorOptions

    enum SideChoice: String, ExpressibleByArgument, CaseIterable {
        case left, right, both
        var sides: [Side] {
            switch self {
            case .left: [.left]
            case .right: [.right]
            case .both: [.left, .right]
            }
        }
    }

    enum CompressionChoice: String, ExpressibleByArgument, CaseIterable {
        case fast, small
        var value: PNGEncoder.Compression { self == .fast ? .fast : .small }
    }

    static let defaultOutput = "cluneal-map.png"
    static let pxPerCmRange: ClosedRange<Double> = 1...400

    func validate() throws {
        if pxPerCm != nil && dpi != nil { throw ValidationError("Give --px-per-cm or --dpi, not both.") }
        if let pxPerCm, !(pxPerCm.isFinite && Self.pxPerCmRange.contains(pxPerCm)) {
            throw ValidationError("--px-per-cm must be between 1 and 400, got \(pxPerCm).")
        }
        if let dpi, !(dpi.isFinite && Self.pxPerCmRange.contains(dpi / 2.54)) {
            throw ValidationError("--dpi must be between 2.54 and 1016, got \(dpi).")
        }
        for target in output {
            if target.argument.isEmpty { throw ValidationError("--output needs a file path, not an empty string.") }
            guard FigureFormat(target) != nil else {
                throw ValidationError("--output \(target): the file name must end in .png, .svg or .pdf (or - for a PNG on standard output).")
            }
        }
        try paperOptions.validate(outputs: output.isEmpty ? [OutputTarget(Self.defaultOutput)] : output, isHandout: handout != nil)
        if quiz && handout != nil { throw ValidationError("Give --quiz or --handout, not both.") }
        if quiz && paperOptions.paper == .slide { throw ValidationError("--paper slide draws the labelled map; a blank quiz map prints with --paper a4 --fit or --tile.") }
        if quiz, !output.isEmpty, !output.contains(where: { !$0.isStandardOutput }) {
            throw ValidationError("--quiz writes its answer key beside the map: name a map file with --output as well as -.")
        }
        if !(1...30).contains(markers) { throw ValidationError("--markers must be between 1 and 30, got \(markers).") }
    }

    /// Pixels per millimetre of a PNG: as given, else 40 px/cm, or 1920 px across a slide.
    var resolutionPxPerMm: Double {
        if let dpi { return dpi / 25.4 }
        if let pxPerCm { return pxPerCm / 10 }
        return paperOptions.layout == .slide ? 1920 / SlideComposer.pageSize.width : 4
    }

    /// The resolution to draw at: the one asked for, unless this page's PNG could not hold
    /// it. Then a PNG is refused (64, naming the maximum for the page) and an SVG-only map
    /// places its labels at the maximum (its resolution does nothing else).
    func resolution(for scene: Scene, writingPNG: Bool) throws(CLIError) -> Double {
        let asked = resolutionPxPerMm
        let maximum = MapTransform.maximumPxPerMm(for: scene.pageSize)
        guard asked > maximum else { return asked }
        guard writingPNG else { return maximum }
        let most = (maximum * 100).rounded(.down) / 10
        let page = "\(LengthUnit.fixed(scene.pageSize.width, 0)) × \(LengthUnit.fixed(scene.pageSize.height, 0)) mm"
        let flag = dpi != nil ? "--dpi \(LengthUnit.fixed(asked * 25.4, 1))" : "--px-per-cm \(LengthUnit.fixed(asked * 10, 1))"
        throw CLIError(.usage, "\(flag): a PNG of this page (\(page)) holds at most \(LengthUnit.fixed(most, 1)) px/cm (--dpi \(LengthUnit.fixed((most * 2.54 * 10).rounded(.down) / 10, 1))), \(RGBABuffer.maximumPixelCount) pixels in all; ask for less, or write only SVG")
    }

    func mapOptions(for atlas: Atlas) throws(CLIError) -> MapOptions {
        var options = MapOptions(sides: side.sides, labels: !noLabels, theme: .named(theme))
        if let textSize { options.textSizePoints = textSize.points }
        options.region = region
        if let layers { options.layers = Set(layers) }
        switch zones {
        case "default": options.zones = .defaults
        case "all": options.zones = .all
        default:
            guard atlas.document.zones.contains(where: { $0.source == zones }) else {
                let known = Set(atlas.document.zones.map(\.source)).sorted().joined(separator: ", ")
                throw CLIError(.usage, "--zones: \"\(zones)\" is not default, all, or a source with zones (\(known))")
            }
            options.zones = .source(zones)
        }
        // The map is an anatomy figure: zones are drawn with the palpation error only when asked.
        if let error = palpation.value { options.palpationError = error }
        if let highlight {
            if let group = NerveGroup(rawValue: highlight) {
                options.highlight = .group(group)
            } else if atlas.item(highlight) != nil {
                options.highlight = .item(highlight)
            } else {
                throw CLIError(.usage, "--highlight: \"\(highlight)\" is neither superior, middle, inferior nor an atlas id (see `cluneal atlas list`)")
            }
        }
        return options
    }

    func run() throws {
        try reportingErrors {
            let atlas = try atlasOptions.load()
            let model = try measurementOptions.model(for: atlas)
            var options = try mapOptions(for: atlas)
            let targets = output.isEmpty ? [OutputTarget(Self.defaultOutput)] : output
            let outputs = targets.compactMap(\.path)
            var keyFiles: [(String, [UInt8])] = []
            var keyTargets: [OutputTarget] = []
            var scene: Scene
            if handout == .selfCare {
                scene = HandoutComposer(model: model, theme: .named(theme), paper: paperOptions.paper == .letter ? .letter : .a4).compose()
            } else {
                if quiz {
                    let markerMap = MarkerMap.make(model: model, count: markers, seed: seed)
                    options.quizMarkers = markerMap.numberedMarkers
                    keyFiles = try QuizKeyFiles.make(markerMap, model: model, seed: seed, mapPaths: outputs)
                    // Checked with the maps before any drawing.
                    keyTargets = keyFiles.map { OutputTarget($0.0) }
                }
                if paperOptions.layout == .slide {
                    scene = SlideComposer(model: model, options: options).compose()
                } else {
                    let unscaled = options
                    scene = MapOutput.fitted(for: paperOptions.layout) { printScale in
                        var scaled = unscaled
                        scaled.printScale = printScale
                        return MapComposer(model: model, options: scaled).compose()
                    }
                }
            }
            let files = try OutputFiles.resolve(targets + keyTargets, inputs: measurementOptions.inputPaths + AtlasFiles.inputPaths(of: atlas))
            let pxPerMm = try resolution(for: scene, writingPNG: targets.contains { FigureFormat($0) == .png })
            let keyOutputs = Array(zip(files.dropFirst(targets.count), keyFiles.map(\.1)))
            let written = try MapOutput.write(scene, model: model, to: Array(files.prefix(targets.count)), alongside: keyOutputs,
                                              pxPerMm: pxPerMm, compression: compression.value, layout: paperOptions.layout)
            // With the map on standard output, the report goes to standard error.
            var report = ""
            for (path, _) in keyFiles { report += "wrote \(path) (answer key)\n" }
            for (target, description) in written { report += "wrote \(target) (\(description))\n" }
            report += Notice.text + "\n"
            if targets.contains(where: \.isStandardOutput) {
                StandardError.write(report, newline: false)
            } else {
                try StandardOutput.write(report)
            }
        }
    }
}

/// Rendering a scene to the requested files' bytes (nothing is written until all succeed).
enum MapOutput {
    /// The command line as the figure's metadata records it (`cluneal map -o …`).
    static var commandLine: String { (["cluneal"] + CommandLine.arguments.dropFirst()).joined(separator: " ") }

    /// The figure for `layout`, from `compose` given the print scale: fitted onto a sheet
    /// smaller than life size it is composed again at that scale, so its text grows as the
    /// figure shrinks and the scale bar says so; otherwise composed once at 1. The one rule
    /// for the map, the map of a point and the exam chart.
    static func fitted(for layout: PaperOptions.Layout, _ compose: (Double) -> Scene) -> Scene {
        let scene = compose(1)
        guard case .fitted(let sheet) = layout, let plan = FitPlan(figureSize: scene.pageSize, paper: sheet), !plan.isLifeSize else {
            return scene
        }
        return compose(plan.scale)
    }

    /// Renders `scene` to every file of `files`, then writes them and `alongside` (files that
    /// belong with the figure, such as a quiz's answer keys) all or none. Returns each figure
    /// file with ``describe(_:bytes:pxPerMm:scene:layout:)``'s words for the command's report.
    static func write(_ scene: Scene, model: BodyModel, to files: [OutputFile], alongside: [(OutputFile, [UInt8])] = [],
                      pxPerMm: Double, compression: PNGEncoder.Compression,
                      layout: PaperOptions.Layout) throws(CLIError) -> [(target: OutputTarget, description: String)] {
        let rendered = try render(scene, model: model, to: files.map(\.target), pxPerMm: pxPerMm, compression: compression,
                                  command: commandLine, layout: layout)
        try OutputFiles.write(Array(zip(files, rendered.map(\.1))) + alongside)
        return rendered.map { target, bytes in (target, describe(target, bytes: bytes, pxPerMm: pxPerMm, scene: scene, layout: layout)) }
    }

    static func render(_ scene: Scene, model: BodyModel, to targets: [OutputTarget], pxPerMm: Double,
                       compression: PNGEncoder.Compression, command: String,
                       layout: PaperOptions.Layout = .lifeSize) throws(CLIError) -> [(OutputTarget, [UInt8])] {
        let fonts = try loadFonts()
        var results: [(OutputTarget, [UInt8])] = []
        do {
            let renderer = SceneRenderer(fonts: fonts)
            // Labels are placed once, at the PNG's resolution, and the same layout goes to every file.
            let resolved = try renderer.resolvingLabels(scene, pxPerMm: pxPerMm).scene
            for target in targets {
                switch FigureFormat(target) {
                case .svg:
                    results.append((target, Array(try SVGWriter(matching: fonts).write(resolved).utf8)))
                case .pdf:
                    results.append((target, try pdf(resolved, model: model, fonts: fonts, layout: layout)))
                case .png, nil:
                    results.append((target, try renderer.renderPNG(resolved, pxPerMm: pxPerMm, encoder: PNGEncoder(compression: compression),
                                                                 text: pngText(model: model, pxPerMm: pxPerMm, command: command, scene: resolved))))
                }
            }
        } catch let error as CLIError {
            throw error
        } catch {
            throw CLIError(.software, "cannot draw the map: \(error)")
        }
        return results
    }

    /// What printing at 100 % gives: life size, or (for a figure on a fixed page, like the
    /// handout) the page, with the body drawn smaller. Every output states it in these words.
    static func scaleNote(_ scene: Scene) -> String {
        let s = scene.layout.scale
        guard s < 1 else { return "printed at 100 % (actual size) the figure is life size" }
        return "printed at 100 % (actual size) the page is \(LengthUnit.fixed(scene.pageSize.width, 1)) × \(LengthUnit.fixed(scene.pageSize.height, 1)) mm; the body is drawn at \(PrintScale.percentText(s)) of life size"
    }

    static func pngText(model: BodyModel, pxPerMm: Double, command: String, scene: Scene) -> [PNGText] {
        [
            PNGText(PNGText.Keyword.title, "Cluneal nerves, posterior view"),
            PNGText(PNGText.Keyword.software, "cluneal \(Cluneal.version)"),
            PNGText(PNGText.Keyword.description, EducationNotice.text),
            PNGText(PNGText.Keyword.atlas, "\(model.atlas.id) \(model.atlas.version)"),
            PNGText("cluneal:frame", "body frame, mm: origin on the posterior midline at the PSIS level; +x patient's left; +z cranial"),
            PNGText(PNGText.Keyword.scaling, model.scaling.summary),
            PNGText("cluneal:scale", "\(LengthUnit.fixed(pxPerMm * 10, 2)) px/cm; \(scaleNote(scene))"),
            PNGText(PNGText.Keyword.command, command),
        ]
    }

    /// The figure as a PDF: one life-size page, tiles on office paper, or one fitted sheet.
    static func pdf(_ scene: Scene, model: BodyModel, fonts: FontSet, layout: PaperOptions.Layout) throws(CLIError) -> [UInt8] {
        let writer = PDFWriter(fonts: fonts)
        do {
            switch layout {
            case .lifeSize, .slide:
                return try writer.write(scene, metadata: try pdfMetadata(scene, model: model))
            case .tiled(let paper):
                guard let plan = TilePlan(figureSize: scene.pageSize, paper: paper) else {
                    throw CLIError(.usage, "--tile: a \(LengthUnit.fixed(scene.pageSize.width, 0)) × \(LengthUnit.fixed(scene.pageSize.height, 0)) mm figure needs more than 26 rows or columns of \(paper.displayName)")
                }
                return try writer.write(pages: PrintComposer.tiledPages(scene, plan: plan), metadata: try pdfMetadata(
                    scene, model: model, scaleNote: "life size on \(plan.tiles.count) sheets of \(paper.displayName) (tiles A1 to \(plan.tiles.last?.name ?? "A1"), \(LengthUnit.fixed(plan.overlapMm, 0)) mm glue overlap) after a layout sheet; print at 100 % (actual size)"))
            case .fitted(let paper):
                guard let plan = FitPlan(figureSize: scene.pageSize, paper: paper) else {
                    throw CLIError(.usage, "--fit: the figure cannot be fitted onto \(paper.displayName)")
                }
                return try writer.write(pages: [PrintComposer.fittedPage(scene, plan: plan)], metadata: try pdfMetadata(
                    scene, model: model, scaleNote: "scaled to \(PrintScale.percentText(plan.scale)) of life size on one \(paper.displayName) sheet: \(PrintScale.ratioText(plan.scale))"))
            }
        } catch let error as CLIError {
            throw error
        } catch {
            throw CLIError(.software, "cannot draw the map: \(error)")
        }
    }

    /// The PDF's document information: title, the notice, atlas, scaling and print scale.
    /// The date is ``SourceDate``'s when `SOURCE_DATE_EPOCH` is set, else the time of writing.
    static func pdfMetadata(_ scene: Scene, model: BodyModel, scaleNote: String? = nil) throws(CLIError) -> PDFMetadata {
        let scaleNote = scaleNote ?? Self.scaleNote(scene)
        return PDFMetadata(title: scene.title ?? "Cluneal nerves, posterior view",
                    subject: "ClunealMap figure. \(EducationNotice.text)",
                    keywords: "atlas \(model.atlas.id) \(model.atlas.version); scaling: \(model.scaling.summary); \(scaleNote)",
                    creator: "cluneal \(Cluneal.version)", creationTime: try SourceDate.seconds())
    }

    /// DejaVu Sans from fonts-dejavu-core, read here so the renderer takes bytes and does no I/O.
    static func loadFonts() throws(CLIError) -> FontSet {
        let regular: [UInt8], bold: [UInt8]
        do {
            regular = try FileIO.read(FontSet.dejaVuSansPath, what: "font")
            bold = try FileIO.read(FontSet.dejaVuSansBoldPath, what: "font")
        } catch {
            throw CLIError(.noInput, "\(error.message) (install the fonts-dejavu-core package)")
        }
        do {
            return try FontSet.fromBytes(regular: regular, bold: bold)
        } catch {
            throw CLIError(.dataError, "cannot load the DejaVu Sans fonts: \(error.description)")
        }
    }

    static func describe(_ target: OutputTarget, bytes: [UInt8], pxPerMm: Double, scene: Scene, layout: PaperOptions.Layout = .lifeSize) -> String {
        let kb = "\(LengthUnit.fixed(Double(bytes.count) / 1024, 0)) KiB"
        let format = FigureFormat(target) ?? .png
        if format == .pdf, case .tiled(let paper) = layout, let plan = TilePlan(figureSize: scene.pageSize, paper: paper) {
            return "PDF, a layout sheet and \(plan.tiles.count) life-size tiles (A1 to \(plan.tiles.last?.name ?? "A1")) on \(paper.displayName); print at 100 % (actual size) and measure the 5 cm check square, \(kb)"
        }
        if format == .pdf, case .fitted(let paper) = layout, let plan = FitPlan(figureSize: scene.pageSize, paper: paper) {
            return "PDF, one \(paper.displayName) sheet, \(plan.isLifeSize ? "life size" : "scaled to \(PrintScale.percentText(plan.scale)) of life size"), \(kb)"
        }
        if format == .pdf {
            return "PDF, \(LengthUnit.fixed(scene.pageSize.width, 1)) × \(LengthUnit.fixed(scene.pageSize.height, 1)) mm; \(scaleNote(scene)), \(kb)"
        }
        if format == .svg {
            return "SVG, \(LengthUnit.fixed(scene.pageSize.width, 0)) × \(LengthUnit.fixed(scene.pageSize.height, 0)) mm, \(kb)"
        }
        // The canvas size is MapTransform's rule.
        let (w, h) = MapTransform.canvasSize(scene.pageSize, pxPerMm: pxPerMm)
        return "PNG, \(w) × \(h) px at \(LengthUnit.fixed(pxPerMm * 10, 1)) px/cm; \(scaleNote(scene)), \(kb)"
    }
}
