// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "ClunealMap",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "BodyGeometry", targets: ["BodyGeometry"]),
        .library(name: "ClunealAnatomy", targets: ["ClunealAnatomy"]),
        .library(name: "ClunealPalpation", targets: ["ClunealPalpation"]),
        .library(name: "ClunealRender", targets: ["ClunealRender"]),
        .library(name: "ClunealFigures", targets: ["ClunealFigures"]),
        .library(name: "ClunealTeaching", targets: ["ClunealTeaching"]),
        .executable(name: "cluneal", targets: ["cluneal"]),
    ],
    dependencies: [
        // Served from the local package mirror; only listed versions resolve.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // Pure geometry in millimetres: no anatomy words, no I/O.
        .target(name: "BodyGeometry"),
        // Atlas schema, loading and validation, measurements and scaling. No file I/O:
        // it takes bytes and returns values.
        .target(name: "ClunealAnatomy", dependencies: ["BodyGeometry"]),
        // Tender points in tape-measure frames, the Locator, block sites, red-flag screening and
        // case files. No file I/O: it takes bytes and values and returns values.
        .target(name: "ClunealPalpation", dependencies: ["ClunealAnatomy", "BodyGeometry"]),
        // System libraries: a module map and a shim header each. SwiftPM reads the .pc files for
        // the -I/-l flags; the providers are the install hint when they are missing.
        .systemLibrary(name: "CLibPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"])]),
        // libdeflate compresses a PNG's image data (faster than zlib); libpng still writes the file.
        .systemLibrary(name: "CLibDeflate", pkgConfig: "libdeflate", providers: [.apt(["libdeflate-dev"])]),
        .systemLibrary(name: "CFreeType", pkgConfig: "freetype2", providers: [.apt(["libfreetype-dev"])]),
        .systemLibrary(name: "CCairo", pkgConfig: "cairo", providers: [.apt(["libcairo2-dev"])]),
        // The generic render engine: scene model, label placement, rasteriser, text, PNG, SVG
        // and PDF writers, print layouts (tiles, fit to a page). It knows no anatomy (checked by
        // ClunealRenderTests' "Engine boundary" suite). No file I/O: it takes scenes (and font
        // bytes) and returns pixels and bytes.
        .target(name: "ClunealRender", dependencies: ["BodyGeometry", "CLibPNG", "CLibDeflate", "CFreeType", "CCairo"]),
        // Anatomy composed into scenes: the map and its regions, themes, blank quiz maps, the
        // finding overlay, the handout, the slide and the exam chart. No I/O.
        .target(name: "ClunealFigures", dependencies: ["ClunealAnatomy", "ClunealPalpation", "ClunealRender", "BodyGeometry"]),
        // Palpation walk-throughs, quizzes (with numbered map markers and answer keys) and the
        // care-pathway guide, all generated from the atlas. No I/O: values in, values out.
        .target(name: "ClunealTeaching", dependencies: ["ClunealAnatomy", "ClunealPalpation", "ClunealFigures", "BodyGeometry"]),
        // The command-line tool: the only place that touches files, the clock or the environment.
        .executableTarget(
            name: "cluneal",
            dependencies: [
                "BodyGeometry",
                "ClunealAnatomy",
                "ClunealPalpation",
                "ClunealRender",
                "ClunealFigures",
                "ClunealTeaching",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Benchmark of the Locator and generator of large case files (not a test).
        .executableTarget(
            name: "locate-bench",
            dependencies: [
                "ClunealAnatomy",
                "ClunealPalpation",
                "BodyGeometry",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Per-phase timings and peak memory of the default map (run it in release; not a test).
        .executableTarget(name: "render-bench", dependencies: ["ClunealRender", "ClunealFigures", "ClunealAnatomy"]),
        // Fuzzing (see scripts/fuzz): the checks every fuzz target runs, libFuzzer's driver
        // declaration, and one executable per parser. An ordinary build gives executables that
        // replay files through the same checks; scripts/fuzz builds them with
        // -sanitize=fuzzer,address and -D CLUNEAL_FUZZ.
        .target(name: "CFuzzerDriver"),
        .target(name: "FuzzSupport", dependencies: ["CFuzzerDriver", "ClunealAnatomy", "ClunealPalpation"]),
        .executableTarget(name: "fuzz-atlas", dependencies: ["FuzzSupport"]),
        .executableTarget(name: "fuzz-measurements", dependencies: ["FuzzSupport"]),
        .executableTarget(name: "fuzz-cases", dependencies: ["FuzzSupport"]),
        .testTarget(name: "BodyGeometryTests", dependencies: ["BodyGeometry"]),
        .testTarget(
            name: "ClunealAnatomyTests",
            dependencies: ["ClunealAnatomy", "BodyGeometry"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "ClunealPalpationTests",
            dependencies: ["ClunealPalpation", "ClunealAnatomy", "BodyGeometry"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "ClunealTeachingTests",
            dependencies: ["ClunealTeaching", "ClunealFigures", "ClunealAnatomy", "BodyGeometry"],
            resources: [.copy("Fixtures")]
        ),
        // What the engine's and the figures' tests share: poppler read-back, golden images, the
        // PDF-against-PNG raster check. Used by tests only.
        .target(name: "RenderTestSupport", dependencies: ["ClunealRender", "CLibPNG"], path: "Tests/RenderTestSupport"),
        .testTarget(
            name: "ClunealRenderTests",
            dependencies: ["ClunealRender", "RenderTestSupport", "BodyGeometry", "CLibPNG"],
            exclude: ["Golden"]
        ),
        .testTarget(
            name: "ClunealFiguresTests",
            dependencies: ["ClunealFigures", "ClunealRender", "RenderTestSupport", "ClunealAnatomy", "ClunealPalpation", "BodyGeometry"],
            exclude: ["Golden"]
        ),
        .testTarget(name: "FuzzRegressionTests", dependencies: ["FuzzSupport"]),
        .testTarget(
            name: "ClunealCLITests",
            dependencies: [
                "cluneal",
                "ClunealRender",
                "ClunealFigures",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
