import ArgumentParser
import ClunealFigures
import ClunealRender
import Foundation

/// `--paper`, `--tile`, `--fit`: how a figure goes onto paper or a slide.
struct PaperOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Paper for --tile or --fit (a4, letter, a3), the handout's page (a4, the default, or letter), or slide: a 16:9 figure whose text reads on a projector.", valueName: "size"))
    var paper: PaperChoice?

    @Flag(help: "Print the figure life size on several sheets of --paper: a layout sheet, then tiles A1, A2, … with glue overlaps, crop and alignment marks and a 5 cm check square (PDF only).")
    var tile = false

    @Flag(help: "Scale the figure onto one sheet of --paper, with the scale stated and a 5 cm body scale bar (PDF only).")
    var fit = false

    enum PaperChoice: String, ExpressibleByArgument, CaseIterable {
        case a4, letter, a3, slide
        var paper: Paper? { Paper(rawValue: rawValue) }
    }

    /// What the options ask for, once valid.
    enum Layout: Equatable {
        /// One page the figure's size (life size at 100 %).
        case lifeSize
        case tiled(Paper)
        case fitted(Paper)
        case slide
    }

    var layout: Layout {
        switch (paper, tile, fit) {
        case (.slide?, _, _): .slide
        case (let p?, true, _): p.paper.map(Layout.tiled) ?? .lifeSize
        case (let p?, _, true): p.paper.map(Layout.fitted) ?? .lifeSize
        default: .lifeSize
        }
    }

    func validate() throws {
        if tile && fit { throw ValidationError("Give --tile or --fit, not both.") }
        if (tile || fit) && paper == nil {
            throw ValidationError("--\(tile ? "tile" : "fit") needs --paper a4, letter or a3.")
        }
        if paper == .slide && (tile || fit) {
            throw ValidationError("--paper slide is one 16:9 figure; drop --\(tile ? "tile" : "fit").")
        }
    }

    /// Checks the outputs against the layout: sheets of paper are PDF pages.
    func validate(outputs: [OutputTarget], isHandout: Bool) throws {
        if tile || fit {
            for target in outputs where FigureFormat(target) != .pdf {
                let flag = tile ? "--tile" : "--fit"
                if target.isStandardOutput {
                    throw ValidationError("\(flag) makes PDF sheets, which go to a file: --output - is a PNG on standard output; name a file that must end in .pdf.")
                }
                throw ValidationError("\(flag) makes PDF sheets, so --output \(target) must end in .pdf.")
            }
        }
        if isHandout {
            if tile || fit {
                throw ValidationError("--\(tile ? "tile" : "fit"): the handout is already one \(paper == .letter ? "Letter" : "A4") page; drop it.")
            }
            if paper == .slide || paper == .a3 {
                throw ValidationError("--paper \(paper?.rawValue ?? ""): the handout is one A4 or Letter page (--paper a4 or letter).")
            }
        } else if let paper, paper != .slide, !(tile || fit) {
            throw ValidationError("--paper \(paper.rawValue) needs --tile (life size on several sheets) or --fit (scaled onto one sheet).")
        }
    }
}
