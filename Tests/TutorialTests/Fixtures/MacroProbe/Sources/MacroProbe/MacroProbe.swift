/// What the macro could do where it was expanded, as a string literal.
@freestanding(expression) public macro probe() -> String = #externalMacro(module: "MacroProbeMacros", type: "ProbeMacro")

/// The macro expanded while SwiftPM builds this package.
public let builtProbe = #probe()
