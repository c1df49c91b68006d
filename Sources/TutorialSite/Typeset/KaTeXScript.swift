import Foundation
import TutorialBase
import TutorialMarkdown
import TutorialProgram

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
/// message instead of red text in the page. `maxExpand` bounds macro
/// expansion (KaTeX's default, written out), and `maxSize` the sizes a
/// formula may ask for; KaTeX 0.16.4 does not count `\edef` against
/// `maxExpand`, so ``MathTypesetter`` also gives every batch a time limit.
/// In line mode (``lineMode``) it
/// answers one such request per line, for ``NodeWorker``.
enum KaTeXScript {
    /// Changes whenever the script or its KaTeX options change, so that
    /// cached formulas typeset with other options are not reused.
    static let revision = "4"

    /// KaTeX has no blackboard-bold digits: `\mathbb{1}` (the indicator)
    /// came out as a plain 1. The script writes it as `{\bbone}`, a macro
    /// that draws two upright ones 7 mu apart (the bbm package's 𝟙) and
    /// gives MathML the character U+1D7D9 itself, for screen readers and copying;
    /// the TeX annotation still reads `\mathbb{1}`.
    static let macros = [#"\bbone"#: #"\html@mathml{\mathrm{1}\mkern-7mu\mathrm{1}}{\char"1D7D9}"#]

    /// ``macros`` as a JavaScript object literal (JSON).
    static var macrosJSON: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(macros)) ?? Data("{}".utf8), as: UTF8.self)
    }

    /// The argument that starts the script in line mode (``NodeWorker``):
    /// one request per line of standard input, one answer per line of
    /// standard output, until the input ends.
    static let lineMode = "--lines"

    /// The source, passed to `node -e`.
    package static let source = #"""
    "use strict";
    // Loaded on the first formula: a request that only builds the search index does not pay for KaTeX.
    let katexModule;
    const katex = () => katexModule || (katexModule = require(process.argv[1]));
    const macros = \#(macrosJSON);
    // \mathbb{1} or \mathbb 1, not \mathbb{12}: the indicator.
    const indicator = /\\mathbb\s*(?:\{\s*1\s*\}|1(?![0-9]))/g;
    function answer(input) {
      const formulas = Array.isArray(input) ? input : input.formulas;
      const search = Array.isArray(input) ? null : input.search;
      const results = formulas.map((formula) => {
        try {
          const html = katex().renderToString(formula.tex.replace(indicator, "{\\bbone}"), {
            displayMode: formula.display,
            output: "htmlAndMathml",
            throwOnError: true,
            strict: "ignore",
            trust: false,
            maxExpand: 1000,
            maxSize: 500,
            macros: Object.assign({}, macros),
          });
          // The MathML annotation keeps the TeX as written.
          return { html: html.split("{\\bbone}").join("\\mathbb{1}") };
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
      return JSON.stringify({ version: formulas.length ? katex().version : "", results: results, index: index ? JSON.stringify(index) : undefined });
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
