// swift-tools-version: 6.1
import PackageDescription

/// The package builds three things a reader meets:
/// - `CECore`, the numerics every chapter calls;
/// - `ChapterRuntime`, the small library each chapter program links (value
///   capture, seeded generators, SVG figures, the derivation checker's
///   arithmetic) — a dynamic library so the engine can link chapter programs
///   against it with a plain `swiftc` call. It does not contain CECore: this
///   repository's book names CECore in its book.toml, like any book's package;
/// - `render`, the command-line front of the `Tutorial` engine.
let package = Package(
    name: "CrossEntropyTutorial",
    products: [
        .library(name: "CECore", targets: ["CECore"]),
        .library(name: "ChapterRuntime", type: .dynamic, targets: ["ChapterRuntime"]),
        .executable(name: "render", targets: ["render"]),
        .executable(name: "cebench", targets: ["cebench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        .package(url: "https://github.com/swiftlang/swift-syntax", exact: "603.0.1"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        .package(url: "https://github.com/swhitty/FlyingFox", exact: "0.27.1"),
        .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
    ],
    targets: [
        .systemLibrary(
            name: "Ccmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        .target(
            name: "CECore",
            dependencies: [
                "CECoreBaseline", "CECoreAVX2", "CECoreAVX512", "CCPUID",
                .product(name: "RealModule", package: "swift-numerics"),
            ],
            exclude: ["Kernels"]
        ),
        // CECore's row kernels: one source (Sources/CECore/Kernels) compiled for three
        // instruction sets, the AVX folders holding links to its files; CECore picks one
        // at run time. Only the AVX targets carry compiler flags.
        .target(
            name: "CECoreBaseline",
            dependencies: [.product(name: "RealModule", package: "swift-numerics")],
            path: "Sources/CECore/Kernels"
        ),
        .target(
            name: "CECoreAVX2",
            dependencies: [.product(name: "RealModule", package: "swift-numerics")],
            swiftSettings: targetCPU("haswell")
        ),
        .target(
            name: "CECoreAVX512",
            dependencies: [.product(name: "RealModule", package: "swift-numerics")],
            swiftSettings: targetCPU("skylake-avx512")
        ),
        .target(name: "CCPUID"),
        .target(
            name: "ChapterRuntime",
            dependencies: ["ChapterChannel", "NumberFormatting", "MarkupText", .product(name: "RealModule", package: "swift-numerics")]
        ),
        // The side channel's records, the one schema the runtime writes and the engine reads.
        .target(name: "ChapterChannel"),
        // How a number prints to N decimals or digits: the engine's \(x, decimals: N) and
        // the runtime's format(_:decimals:) are both this one rule.
        .target(name: "NumberFormatting"),
        // How text becomes HTML or SVG markup: the engine's pages and the
        // runtime's figures escape with this one function.
        .target(name: "MarkupText"),
        // The TeX reader of derivations: lexer, recursive-descent parser, the
        // typed tree, its printer and the emitter to Swift. It knows nothing of
        // Markdown, books or processes, so the engine's layers can build on it.
        .target(name: "TeXMath"),
        // The engine, one target per layer in pipeline order: each imports only
        // the ones below it, so the compiler rejects a back-edge
        // (docs/ARCHITECTURE.md draws the layers and what passes between them).
        //
        // Diagnostics, support, value formatting and the build's report: what every stage uses.
        .target(
            name: "TutorialBase",
            dependencies: ["ChapterChannel", "NumberFormatting", "MarkupText"]
        ),
        // Book config, load, scan, parse: chapter files to `ChapterDocument`s.
        .target(
            name: "TutorialMarkdown",
            dependencies: [
                "TutorialBase", "Ccmark", "TeXMath",
                .product(name: "SwiftIDEUtils", package: "swift-syntax"),
                .product(name: "SwiftParser", package: "swift-syntax"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        // Tangle, run: documents to chapter programs, compiled and run to `ChapterExecution`s.
        .target(
            name: "TutorialProgram",
            dependencies: [
                "TutorialBase", "TutorialMarkdown", "TeXMath", "ChapterChannel",
                .product(name: "SwiftParser", package: "swift-syntax"),
                .product(name: "Subprocess", package: "swift-subprocess"),
            ]
        ),
        // Check, cite, link, typeset, write: runs and documents to checks, pages and the site.
        .target(
            name: "TutorialSite",
            dependencies: ["TutorialBase", "TutorialMarkdown", "TutorialProgram", "TeXMath", "ChapterChannel"],
            resources: [.embedInCode("Write/site.css")]
        ),
        // The driver (Pipeline), serve, publish, doctor: the only place that knows the order.
        .target(
            name: "Tutorial",
            dependencies: [
                "TutorialBase", "TutorialMarkdown", "TutorialProgram", "TutorialSite",
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "FlyingFox", package: "FlyingFox"),
                .product(name: "FlyingSocks", package: "FlyingFox"),
            ]
        ),
        .executableTarget(
            name: "render",
            dependencies: [
                "Tutorial",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "cebench",
            dependencies: ["CECore"]
        ),
        .testTarget(
            name: "CECoreTests",
            dependencies: ["CECore", "CECoreBaseline", "CECoreAVX2", "CECoreAVX512"],
            resources: [.copy("Reference")]
        ),
        .testTarget(
            name: "TeXMathTests",
            dependencies: ["TeXMath"]
        ),
        .testTarget(
            name: "TutorialTests",
            dependencies: [
                "Tutorial", "TutorialBase", "TutorialMarkdown", "TutorialProgram", "TutorialSite",
                "ChapterRuntime", "ChapterChannel", "Ccmark",
                .product(name: "SwiftParser", package: "swift-syntax"),
            ],
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)

/// `-target-cpu cpu` for an x86-64 host (the flag names an x86 CPU); elsewhere the kernel
/// target builds for the baseline and is never chosen.
func targetCPU(_ cpu: String) -> [SwiftSetting] {
    #if arch(x86_64)
    return [.unsafeFlags(["-target-cpu", cpu])]
    #else
    return []
    #endif
}
