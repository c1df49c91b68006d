/// Runs one derivation check: `draws` times, draw the inputs and evaluate every
/// step; each draw is sent to the engine, which compares the steps.
///
/// - Parameters:
///   - id: the derivation's number in the chapter.
///   - draws: how many random draws.
///   - seed: the seed the engine derived from the chapter and line.
///   - body: draws the inputs and returns them (name, encoded value) with the
///     encoded value of every step, in order.
public func __tutorialDerivation(
    _ id: Int, draws: Int, seed: UInt64,
    _ body: (inout SeededGenerator) -> (inputs: [(String, String)], steps: [String])
) {
    var random = SeededGenerator(seed: seed)
    for n in 0..<draws {
        let (inputs, steps) = body(&random)
        let encodedInputs = inputs.map { "[" + ValueEncoder.quote($0.0) + "," + $0.1 + "]" }
        Channel.send(
            #"{"t":"draw","i":\#(id),"n":\#(n),"in":[\#(encodedInputs.joined(separator: ","))],"s":[\#(steps.joined(separator: ","))]}"#
        )
    }
}

/// Encodes a value for a derivation record.
public func __tutorialEncode<T>(_ value: T) -> String {
    ValueEncoder.encode(value)
}
