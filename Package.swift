// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "ClunealMap",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "BodyGeometry", targets: ["BodyGeometry"]),
        .library(name: "ClunealAnatomy", targets: ["ClunealAnatomy"]),
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
        // Palpation walk-throughs, quizzes (with numbered map markers and answer keys) and the
        // care-pathway guide, all generated from the atlas. No I/O: values in, values out.
        .target(name: "ClunealTeaching", dependencies: ["ClunealAnatomy", "BodyGeometry"]),
        // The command-line tool: the only place that touches files, the clock or the environment.
        .executableTarget(
            name: "cluneal",
            dependencies: [
                "BodyGeometry",
                "ClunealAnatomy",
                "ClunealTeaching",
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
            name: "ClunealTeachingTests",
            dependencies: ["ClunealTeaching", "ClunealAnatomy", "BodyGeometry"],
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
