/// The JavaScript that ``MathTypesetter`` runs under node.
///
/// It reads a JSON array of `{"tex": …, "display": …}` from stdin, typesets
/// each with KaTeX (loaded from the path in `argv[1]`) and writes one JSON
/// object `{"version": KaTeX's version, "results": [{"html": …} or {"error": …}]}`
/// to stdout. `throwOnError` is on so that a TeX error comes back as KaTeX's
/// message instead of red text in the page.
enum KaTeXScript {
    /// Changes whenever the script or its KaTeX options change, so that
    /// cached formulas typeset with other options are not reused.
    static let revision = "1"

    /// The source, passed to `node -e`.
    static let source = #"""
    "use strict";
    const katex = require(process.argv[1]);
    const chunks = [];
    process.stdin.on("data", (chunk) => chunks.push(chunk));
    process.stdin.on("end", () => {
      const formulas = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      const results = formulas.map((formula) => {
        try {
          return { html: katex.renderToString(formula.tex, {
            displayMode: formula.display,
            output: "htmlAndMathml",
            throwOnError: true,
            strict: "ignore",
            trust: false,
          }) };
        } catch (error) {
          return { error: String(error && error.message ? error.message : error) };
        }
      });
      process.stdout.write(JSON.stringify({ version: katex.version, results: results }));
    });
    """#
}
