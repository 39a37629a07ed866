// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "ClunealMap",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "BodyGeometry", targets: ["BodyGeometry"]),
        .library(name: "ClunealAnatomy", targets: ["ClunealAnatomy"]),
        .library(name: "ClunealPalpation", targets: ["ClunealPalpation"]),
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
        // The command-line tool: the only place that touches files, the clock or the environment.
        .executableTarget(
            name: "cluneal",
            dependencies: [
                "BodyGeometry",
                "ClunealAnatomy",
                "ClunealPalpation",
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
            name: "ClunealCLITests",
            dependencies: [
                "cluneal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
