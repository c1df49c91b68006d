/// The JavaScript that ``MathTypesetter`` runs under node.
///
/// In its default mode it reads from stdin either a JSON array of `{"tex": …, "display": …}`, or
/// an object `{"formulas": [...], "search": {"lunr": path, "documents": [...]}}`
/// when the batch also builds the search index. It typesets each formula
/// with KaTeX (loaded from the path in `argv[1]`) and writes one JSON
/// object `{"version": KaTeX's version, "results": [{"html": …} or {"error": …}],
/// "index": Lunr's serialized index or absent}` to stdout. The index has the
/// fields `title` (boosted ten times) and `text`, refs are the documents'
/// positions in the list (short: a ref is repeated for every term of its
/// section), its terms are whole words as ``SearchQuery`` reads them (no stems:
/// the query finds prefixes and inflections itself), and it keeps no term positions (they would double its size and only
/// serve highlighting). `throwOnError` is on so that a TeX error comes back as KaTeX's
/// message instead of red text in the page. In line mode (``lineMode``) it
/// answers one such request per line, for ``NodeWorker``.
enum KaTeXScript {
    /// Changes whenever the script or its KaTeX options change, so that
    /// cached formulas typeset with other options are not reused.
    static let revision = "1"

    /// The argument that starts the script in line mode (``NodeWorker``):
    /// one request per line of standard input, one answer per line of
    /// standard output, until the input ends.
    static let lineMode = "--lines"

    /// The source, passed to `node -e`.
    static let source = #"""
    "use strict";
    const katex = require(process.argv[1]);
    function answer(input) {
      const formulas = Array.isArray(input) ? input : input.formulas;
      const search = Array.isArray(input) ? null : input.search;
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
      let index;
      if (search) {
        const lunr = require(search.lunr);
        // Words as the search box reads them (SearchQuery), kept whole: no trimmer, no stemmer.
        lunr.tokenizer.separator = \#(SearchQuery.wordSeparator);
        index = lunr(function () {
          this.pipeline.remove(lunr.trimmer);
          this.pipeline.remove(lunr.stemmer);
          this.searchPipeline.remove(lunr.stemmer);
          this.ref("ref");
          this.field("title", { boost: 10 });
          this.field("text");
          this.metadataWhitelist = [];
          search.documents.forEach((d, i) => this.add({ ref: String(i), title: d.title, text: d.text }));
        }).toJSON();
      }
      return JSON.stringify({ version: katex.version, results: results, index: index ? JSON.stringify(index) : undefined });
    }
    if (process.argv[2] === "--lines") {
      const lines = require("readline").createInterface({ input: process.stdin, crlfDelay: Infinity });
      lines.on("line", (line) => process.stdout.write(answer(JSON.parse(line)) + "\n"));
      lines.on("close", () => process.exit(0));
    } else {
      const chunks = [];
      process.stdin.on("data", (chunk) => chunks.push(chunk));
      process.stdin.on("end", () => process.stdout.write(answer(JSON.parse(Buffer.concat(chunks).toString("utf8")))));
    }
    """#
}
