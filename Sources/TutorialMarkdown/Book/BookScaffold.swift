import Foundation
import TutorialBase

/// `render init DIR`: a new book that renders and checks as it is — a
/// book.toml naming every key, a front page, one chapter that uses every
/// construct (a swift block, inline values, a claim, a derivation, a figure,
/// a block's output), the shared `Sources/Helpers.swift` that chapter calls,
/// and a `.gitignore` for the site and the cache.
public enum BookScaffold {
    /// The files, by path inside the new book.
    package static let files: [(path: String, text: String)] = [
        ("book.toml", bookTOML),
        (".gitignore", "# What render writes: the site, its lock, and the build cache.\n/output/\n.*.render-lock\n.*.render-new-*/\n.*.render-old-*/\n.render-cache/\n"),
        ("chapters/README.md", frontPage),
        ("chapters/01-sigmoid.md", chapter),
        ("Sources/Helpers.swift", helpers),
    ]

    /// Writes a new book into `directory`, creating it if needed.
    /// - Throws: `SetupError` when the folder is not empty (nothing is written then) or cannot be written.
    public static func write(to directory: String) throws {
        let fm = FileManager.default
        var isFolder: ObjCBool = false
        if fm.fileExists(atPath: directory, isDirectory: &isFolder) {
            guard isFolder.boolValue else {
                throw SetupError("'\(directory)' is a file, not a folder", fix: "choose a new folder: render init DIR")
            }
            let entries = try fm.contentsOfDirectory(atPath: directory)
            guard entries.isEmpty else {
                throw SetupError("the folder '\(directory)' is not empty (it holds \(entries.sorted().prefix(3).joined(separator: ", "))\(entries.count > 3 ? ", …" : "")); render init writes a new book only into an empty or new folder",
                                 fix: "choose a new folder: render init DIR")
            }
        }
        do {
            for file in files {
                let path = (directory as NSString).appendingPathComponent(file.path)
                try fm.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try file.text.write(toFile: path, atomically: true, encoding: .utf8)
            }
        } catch {
            throw SetupError("cannot write the new book into '\(directory)': \(error.localizedDescription)")
        }
    }

    static let bookTOML = """
        # This book's settings. Every key is optional: without it render uses the default
        # shown, and a command-line option (--chapters, --output, --timeout, --strict) wins.

        [book]
        title = "My course notes"             # default: the front page's first heading
        authors = ["Your Name"]               # shown on the front page and in <meta name="author">
        language = "en"                       # <html lang>
        description = "Notes in which every number is computed and every step is checked."

        [build]
        chapters = "chapters"                 # the Markdown chapters, in file-name order
        output = "output"                     # the site; render replaces this folder as a whole
        timeout = 30                          # seconds each chapter program may run
        strict = false                        # true: fail on derivation steps only a Swift twin checks

        [swift]
        sources = ["Sources"]                 # every .swift file here is shared by all chapters
        packages = []                         # e.g. [{ path = "../MyLib", products = ["MyLib"] }]

        [html]
        css = []                              # your stylesheets, loaded after render's own
        numbering = "book"                    # "book": (1), (2), …; "chapter": (2.1), (2.2), …

        [format]
        significant = 6                       # a plain \\(x) of a Double: at most 6 digits (0.3, not 0.30000000000000004);
                                              # or decimals = 3; without [format], all of Swift's digits

        """

    static let frontPage = """
        # My course notes

        Each chapter holds the Swift that computes its numbers: `render` runs it, puts the
        values into the text, checks every claim and every step of every derivation, and
        writes this site. Start with the first chapter, then add your own in `chapters/`.

        """

    package static let chapter = #"""
        # The sigmoid

        The sigmoid squashes any real number into the interval from 0 to 1. It is defined
        once, in `Sources/Helpers.swift`, and every chapter can call it.

        ```swift
        let x = 2.0
        let s = sigmoid(x)
        ```

        At $x = \(x)$ the sigmoid is $\sigma(x) = \(s, decimals: 4)$: the text says
        \(s ≈ 0.881), and the build fails if the code ever disagrees.

        Its derivative has a famous form, @eq:sigmoid-derivative, checked on random inputs:

        ```derivation
        % for x in real(in: -4...4)
        % let s = sigmoid(x)
        % tolerance 1e-6
        % label eq:sigmoid-derivative
        \frac{d}{dx} \operatorname{sigmoid}(x) &= \frac{e^{-x}}{(1 + e^{-x})^2}
          &= s (1 - s)
        ```

        A block can show what it prints:

        ```swift output
        for t in [-2.0, 0.0, 2.0] {
            print("sigmoid(\(t)) =", sigmoid(t))
        }
        ```

        and draw a figure, @fig:sigmoid:

        ```swift hide
        let points = [-2.0, 0.0, 2.0]
        var drawing = Drawing(width: 320, height: 140)
        drawing.barChart(values: points.map(sigmoid), labels: points.map { "\($0)" },
                         frame: .init(x: 10, y: 10, width: 300, height: 120))
        figure("fig:sigmoid", caption: "The sigmoid at −2, 0 and 2.", alt: "Three bars rising from 0.12 to 0.88", drawing)
        ```

        ## Tables

        A pipe table can hold computed values and claims; `table(...)` builds one from
        code, @tbl:sigmoid, with numbers written by `format(...)` exactly as the text shows them.

        | $x$ | $\sigma(x)$ | claimed |
        |--:|--:|:-:|
        | \(points[0]) | \(sigmoid(points[0]), decimals: 3) | \(sigmoid(points[0]) ≈ 0.119) |
        | \(points[2]) | \(sigmoid(points[2]), decimals: 3) | \(sigmoid(points[2]) ≈ 0.881) |

        ```swift
        table("tbl:sigmoid", caption: "The sigmoid at \(points.count) points",
              header: ["x", "sigmoid(x)"],
              rows: points.map { [format($0, decimals: 1), format(sigmoid($0), decimals: 4)] })
        ```

        > [!NOTE]
        > Links to other chapters are written to their Markdown files, as in
        > [the front page](README.md); render checks that they lead somewhere.

        > [!EXERCISE] Symmetry
        > Show that $\sigma(-x) = 1 - \sigma(x)$.

        > [!SOLUTION]
        > Multiply the top and bottom of $1 / (1 + e^{x})$ by $e^{-x}$:
        > $\sigma(-x) = e^{-x} / (1 + e^{-x}) = 1 - \sigma(x)$. At $x = 2$ both sides are
        > \(1 - sigmoid(2), decimals: 4).

        """#

    static let helpers = """
        // Shared by every chapter of the book: chapters call these without importing anything.
        // Everything in this folder is compiled once into one module; a chapter edit does not rebuild it.

        /// The logistic sigmoid, 1 / (1 + e^(−x)).
        func sigmoid(_ x: Double) -> Double {
            1 / (1 + exp(-x))
        }

        """
}
