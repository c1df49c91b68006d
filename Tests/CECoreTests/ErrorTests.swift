import Testing
@testable import CECore

/// Bad input stops with a message naming the argument and its value.
///
/// The batched API throws, so its errors are tested directly; the single-row functions
/// stop the program with the `description` of the same `CECoreError` values, tested here
/// as text and, in exit tests (a child process), on standard error.
@Suite("Errors")
struct ErrorTests {
    @Test("messages name the argument and its value")
    func messages() {
        #expect(CECoreError.labelOutOfRange(label: 5, classes: 3, row: nil).description
                == "label 5 is out of range 0..<3")
        #expect(CECoreError.labelOutOfRange(label: -1, classes: 3, row: 7).description
                == "label -1 (row 7) is out of range 0..<3")
        #expect(CECoreError.empty(argument: "logits").description == "logits is empty; it needs at least one element")
        #expect(CECoreError.lengthMismatch(argument: "q", count: 2, expected: 3, reason: "one probability per class of p")
                .description == "q has 2 elements, expected 3 (one probability per class of p)")
        #expect(CECoreError.invalidClassCount(0).description == "classes is 0; it must be at least 1")
        #expect(CECoreError.labelSmoothingOutOfRange(1.5).description == "labelSmoothing 1.5 is out of range 0...1")
    }

    @Test("the batched API throws for each bad argument")
    func batchedThrows() {
        let z: [Double] = [1, 2, 3, 4, 5, 6]
        #expect(throws: CECoreError.labelOutOfRange(label: 3, classes: 3, row: 1)) {
            try crossEntropyLossAndGradient(logits: z, classes: 3, labels: [0, 3])
        }
        #expect(throws: CECoreError.lengthMismatch(argument: "logits", count: 6, expected: 9,
                                                   reason: "3 rows of labels × 3 classes")) {
            try crossEntropyLossAndGradient(logits: z, classes: 3, labels: [0, 1, 2])
        }
        #expect(throws: CECoreError.lengthMismatch(argument: "weights", count: 2, expected: 3, reason: "one per class")) {
            try crossEntropyLossAndGradient(logits: z, classes: 3, labels: [0, 1], options: .init(weights: [1, 2]))
        }
        #expect(throws: CECoreError.empty(argument: "labels")) {
            try crossEntropyLossAndGradient(logits: [Double](), classes: 3, labels: [])
        }
        #expect(throws: CECoreError.invalidClassCount(0)) {
            try crossEntropyLossAndGradient(logits: z, classes: 0, labels: [0])
        }
        #expect(throws: CECoreError.labelSmoothingOutOfRange(-0.5)) {
            try crossEntropyLossAndGradient(logits: z, classes: 3, labels: [0, 1], options: .init(labelSmoothing: -0.5))
        }
        #expect(throws: CECoreError.labelOutOfRange(label: -100, classes: 3, row: 0)) {
            try crossEntropyLossAndGradient(logits: z, classes: 3, labels: [-100, 1], options: .init(ignoreIndex: -1))
        }
    }

    #if compiler(>=6.2)
    @Test("a label out of range stops the program with the message", .enabled(if: exitTestsSupported))
    func preconditionMessage() async throws {
        let result = try await #require(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = crossEntropy(logits: [1.0, 2, 3], label: 5)
        }
        let stderr = String(decoding: result.standardErrorContent, as: UTF8.self)
        #expect(stderr.contains("label 5 is out of range 0..<3"), "stderr: \(stderr)")
    }

    @Test("empty logits stop the program with the message", .enabled(if: exitTestsSupported))
    func emptyMessage() async throws {
        let result = try await #require(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = softmax([Float]())
        }
        let stderr = String(decoding: result.standardErrorContent, as: UTF8.self)
        #expect(stderr.contains("z is empty"), "stderr: \(stderr)")
    }
    #endif
}

/// Exit tests run the body in a child process (Linux and macOS).
let exitTestsSupported: Bool = {
    #if os(Linux) || os(macOS)
    return true
    #else
    return false
    #endif
}()
