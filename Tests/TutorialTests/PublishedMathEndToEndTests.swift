import Foundation
import Testing
@testable import Tutorial
@testable import TutorialBase
@testable import TutorialMarkdown
@testable import TutorialProgram
@testable import TutorialSite

/// Derivations as published articles write them are read and checked, and
/// every way the reader used to be fooled now fails at its line: the
/// wrong forms of the issue fail, the right ones pass.
@Suite(.timeLimit(.minutes(5))) struct PublishedMathEndToEndTests {
    /// Renders one chapter in a book of its own (naming CECore) with `render check`.
    func check(_ chapter: String, _ name: String) async throws -> (status: Int32, errors: String) {
        let directory = try RenderProcess.temporaryDirectory(name)
        try FileManager.default.createDirectory(atPath: directory + "/chapters", withIntermediateDirectories: true)
        try chapter.write(toFile: directory + "/chapters/01-math.md", atomically: true, encoding: .utf8)
        try RenderProcess.nameCECore(in: directory)
        let result = try await RenderProcess.run(["check", "--quiet", "--allow-outside"], in: directory)
        return (result.status, result.standardError)
    }

    static let right = """
# Right

```swift
let z: [Double] = [1, 2, 0.5]
let q = softmax(z)
let y = 1
let eta = 0.1
func sigmoid(_ t: Double) -> Double { 1 / (1 + exp(-t)) }
```

```derivation
% for x in real(in: 1...3)
\\frac 1 2 x &= \\frac{x}{2}
```

```derivation
\\max(z_0, z_1) &= z_1
```

```derivation
% let Q = softmax(z)
\\sum_i (Q_i - \\mathbb{1}(y = i)) &= 0
```

```derivation
% for x in real(in: 20...30)
% let h = sigmoid(x)
\\log(1 - h) &= -x - \\log(1 + e^{-x})
```

```derivation
% for x in real(in: -3...3)
% let s(t) = 1 / (1 + Double.exp(-t))
s(x) &= \\frac{1}{1 + e^{-x}}
```

```derivation
% for w in logits(count: 3...5), k in label(below: w.count)
% let p = softmax(w)
% let Loss = crossEntropy(logits: w, label: k)
\\nabla_{w_k} \\text{Loss} = p_k - 1 \\le 0
```

```derivation
\\begin{aligned}
q_1 &= \\frac{e^{z_1}}{\\sum_j e^{z_j}}, \\\\
    &\\approx 0.6285.
\\end{aligned}
```

```derivation
% for p in probabilities(count: 3), r in probabilities(count: 3)
% let D_{KL}(a \\| b) = zip(a, b).map { $0 * Double.log($0 / $1) }.reduce(0, +)
% let H(a) = -a.map { $0 * Double.log($0) }.reduce(0, +)
% let H(a, b) = -zip(a, b).map { $0 * Double.log($1) }.reduce(0, +)
D_{KL}(p \\| r) &= H(p, r) - H(p)
```

```derivation
% for x in real(in: -3...3)
% let \\hat{y} = sigmoid(x)
% let MSE = (1 - \\hat{y}) * (1 - \\hat{y})
MSE &= (1 - \\hat{y})^2
```

```derivation
% for x in real(in: -3...3)
% let \\sigma(t) = sigmoid(t)
\\frac{d}{dx} \\sigma(x) &= \\sigma(x)(1 - \\sigma(x)), \\quad \\text{by the chain rule}
```
"""

    static let wrong = """
# Wrong

```swift
let z: [Double] = [1, 2, 0.5]
let L = crossEntropy(logits: z, label: 1)
let q = softmax(z)
```

```derivation
% for x in real(in: 1...3)
\\frac2x^2 &= \\frac{2}{x^2}
```

```derivation
\\frac{\\partial L}{\\partial z_0} &= 0
```

```derivation
\\log_7 q_0 &= \\log q_0
```

```derivation
\\foo{q} &= \\log q_0 % log(q[0])
```

```derivation
3 &\\approx 0.1 \\cdot 25
```

```derivation
% for w in logits(count: 3...5), k in label(below: w.count)
% let p = softmax(w)
p_k - 1 &\\ge 0
```

```derivation
% for x in real(in: 1...3)
x &= \\hat{x} + \\foo{x}' + \\bar{y}
```
"""

    @Test func rightDerivationsInPublishedStylePass() async throws {
        let (status, errors) = try await check(Self.right, "published-right")
        #expect(status == 0, "\(errors)")
        #expect(!errors.contains("error:"), "\(errors)")
        // `\\log(1 - h)` with h within 1e-12 of 1 loses digits: a warning at its step, not an error.
        #expect(errors.contains("chapters/01-math.md:28:16: warning: this step agrees with the first step (line 28) only within rounding"), "\(errors)")
    }

    @Test func wrongDerivationsFailAtTheirLineAndColumn() async throws {
        let (status, errors) = try await check(Self.wrong, "published-wrong")
        #expect(status == 1)
        for expected in [
            // \\frac2x^2 is (2/x)^2 as TeX and KaTeX show it, not 2/x^2.
            "01-math.md:11:14: error: derivation step disagrees",
            // L is a chapter value computed from z: a derivative would hold it fixed.
            "01-math.md:15:1: error: this derivative by `z` would hold `L` fixed",
            // \\log_7 is read (and is not \\log).
            "01-math.md:19:15: error: derivation step disagrees",
            // A twin stands only for its line's last term: an unreadable first term is an error.
            "01-math.md:23:1: error: `\\foo` is not in the TeX subset",
            // 0.1 is a constant of the formula, not a rounded value: exact, so 0.1 · 25 = 2.5 is not ≈ 3.
            "01-math.md:27:12: error: derivation step disagrees",
            // An inequality in the wrong direction.
            "01-math.md:33:14: error: inequality `\\ge` does not hold",
            // Every unreadable construct of one step, each at its column.
            "01-math.md:38:6: error: `\\hat{x}` is a name of its own",
            "01-math.md:38:16: error: `\\foo` is not in the TeX subset",
            "01-math.md:38:23: error: a prime (`'`) on a value is not read",
            "01-math.md:38:27: error: `\\bar{y}` is a name of its own",
        ] {
            #expect(errors.contains("chapters/" + expected), "\(expected) in \(errors)")
        }
    }
}
