import Foundation
import Testing
@testable import TutorialProgram

/// A chapter loads the macros SwiftPM built for the book's packages, taken
/// from SwiftPM's build manifest, and only those inside the build.
@Suite struct PackageMacrosTests {
    static let products = "/cache/KEY/.build/x86_64-unknown-linux-gnu/debug"

    /// Two compile commands of SwiftPM's `debug.yaml`, as 6.3 writes them.
    static let manifest = """
        args: ["/opt/swift/usr/bin/swiftc","-module-name","MacroProbe","-Xfrontend","-load-plugin-executable","-Xfrontend","\(products)/MacroProbeMacros-tool#MacroProbeMacros","-Xcc","-fno-omit-frame-pointer"]
        args: ["/opt/swift/usr/bin/swiftc","-module-name","BookPackages","-Xfrontend","-load-plugin-executable","-Xfrontend","\(products)/MacroProbeMacros-tool#MacroProbeMacros","-Xfrontend","-load-plugin-executable","-Xfrontend","/elsewhere/Evil-tool#Evil"]
        args: ["/opt/swift/usr/bin/swiftc","-module-name","Plain","-g"]
        """

    @Test func eachMacroOnceAndOnlyFromTheBuild() {
        #expect(PackageMacros.plugins(manifest: Self.manifest, products: Self.products)
                == ["\(Self.products)/MacroProbeMacros-tool#MacroProbeMacros"])
    }

    @Test func noMacrosNoArguments() {
        #expect(PackageMacros.plugins(manifest: "", products: Self.products).isEmpty)
        #expect(PackageMacros.plugins(manifest: #"args: ["swiftc","-g"]"#, products: Self.products).isEmpty)
    }
}
