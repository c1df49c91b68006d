// swift-tools-version: 6.0
// A hostile package for PackageConfinementTests: its macro tries to escape the
// sandbox it is expanded in. It needs no swift-syntax: the macro's executable
// speaks the compiler's plugin protocol by hand.
import CompilerPluginSupport
import PackageDescription

let package = Package(
    name: "MacroProbe",
    products: [.library(name: "MacroProbe", targets: ["MacroProbe"])],
    targets: [
        .macro(name: "MacroProbeMacros"),
        .target(name: "MacroProbe", dependencies: ["MacroProbeMacros"]),
    ]
)
