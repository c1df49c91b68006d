import TutorialBase
import TutorialMarkdown
import TutorialProgram

/// How the search box reads a query and finds sections: the first part of
/// `assets/search.js`, a global `renderSearch` with `words(text)` and
/// `find(index, text)`, so that a test can run the very code the page runs.
///
/// A word is a run of letters, digits and `_`, lower-cased: the index is
/// built with the same rule (``wordSeparator``, in ``KaTeXScript``), one
/// UTF-16 unit at a time as Lunr's tokenizer reads. The index holds the
/// words themselves, without stems and without Lunr's stop words, so that:
/// - a word finds every section holding it, and a prefix every section
///   holding a word it begins (the index's terms are compared as prefixes);
/// - a word also finds its inflections: terms whose Porter stem is the
///   word's stem ("smoothed" finds "smoothing");
/// - every word of a query must be found in a section (their scores add);
///   Lunr's stop words ("the", "of") are dropped from a query that has other words.
enum SearchQuery {
    /// One character that ends a word, as a JavaScript regular expression.
    /// Lunr and the query read one UTF-16 unit at a time, so a letter or
    /// digit outside the BMP (`𝟙`, `𝑥`) comes as two surrogates, which are
    /// neither: they are taken as part of a word, or such a word was never
    /// indexed nor asked.
    static let wordSeparator = #"/[^\p{L}\p{N}_\uD800-\uDFFF]/u"#

    /// The query code, in the page and under node (it needs the global `lunr`).
    package static let script = #"""
    var renderSearch = (function () {
      "use strict";
      var separator = \#(wordSeparator);
      function words(text) {
        var out = [], word = "", s = String(text).toLowerCase();
        for (var i = 0; i <= s.length; i++) {
          var c = s.charAt(i);
          if (i === s.length || separator.test(c)) { if (word) out.push(word); word = ""; } else { word += c; }
        }
        return out;
      }
      function stem(word) { return lunr.stemmer(new lunr.Token(word)).toString(); }
      var seen = null, terms = [], stems = [];
      function vocabulary(index) {
        if (seen === index) return;
        seen = index;
        terms = Object.keys(index.invertedIndex);
        stems = terms.map(stem);
      }
      // The index's terms that a query word stands for: those it begins, and those with its stem.
      function matches(index, word) {
        vocabulary(index);
        var s = stem(word), out = [];
        for (var i = 0; i < terms.length; i++) {
          if (terms[i].lastIndexOf(word, 0) === 0 || stems[i] === s) out.push(terms[i]);
        }
        return out;
      }
      function find(index, text) {
        var all = words(text);
        var kept = all.filter(function (w) { return lunr.stopWordFilter(new lunr.Token(w)) !== undefined; });
        var query = kept.length ? kept : all;
        if (!query.length) return [];
        var total = null;
        query.forEach(function (word) {
          var found = Object.create(null), list = matches(index, word);
          if (list.length) {
            index.query(function (q) {
              list.forEach(function (t) { q.term(t, { usePipeline: false, boost: t === word ? 10 : 1 }); });
            }).forEach(function (hit) { found[hit.ref] = hit.score; });
          }
          if (total === null) { total = found; return; }
          var both = Object.create(null);
          Object.keys(total).forEach(function (ref) { if (ref in found) both[ref] = total[ref] + found[ref]; });
          total = both;
        });
        return Object.keys(total).map(function (ref) { return { ref: ref, score: total[ref] }; })
          .sort(function (a, b) { return b.score - a.score || Number(a.ref) - Number(b.ref); });
      }
      return { words: words, find: find };
    })();

    """#
}
