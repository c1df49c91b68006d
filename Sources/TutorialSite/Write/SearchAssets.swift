import Foundation
import TutorialBase
import TutorialMarkdown
import TutorialProgram

/// The search box's files: `assets/search.js` (the query code of
/// ``SearchQuery``, then the box, written here),
/// `assets/lunr.min.js` (copied from Debian's libjs-lunr at build time) and
/// `assets/search-index.js` (the Lunr index and, per section, its title,
/// chapter and the first words of its text).
///
/// The index is a script rather than JSON so that the search works from
/// `file://` too, where browsers refuse `fetch`. Both it and Lunr are loaded
/// only when the box is focused or the URL carries `?q=`: a reader who never
/// searches downloads neither.
package enum SearchAssets {
    /// The words of a section shown under its title in the results.
    static let teaserWords = 24

    package static func add(to site: inout SiteFiles, index: String, documents: [SearchDocument], lunrScript: String) throws {
        guard let lunr = FileManager.default.contents(atPath: lunrScript) else {
            throw SetupError("Lunr's browser script is missing (\(lunrScript))", fix: "sudo apt-get install libjs-lunr")
        }
        site.add("assets/lunr.min.js", bytes: [UInt8](lunr))
        site.add("assets/search.js", script)
        site.add("assets/search-index.js", indexScript(index: index, documents: documents))
    }

    /// `window.renderSearchIndex = {"index": …, "docs": [[url, title, chapter, teaser], …]};`,
    /// a document's position in `docs` being its ref in the index.
    static func indexScript(index: String, documents: [SearchDocument]) -> String {
        let docs = documents.map { [$0.url, $0.title, $0.chapter, teaser($0.text)] }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let table = String(decoding: (try? encoder.encode(docs)) ?? Data("{}".utf8), as: UTF8.self)
        // `</` cannot end a script element early: the file is loaded by src, but stay safe if inlined.
        return "window.renderSearchIndex = {\"index\": \(index.isEmpty ? "null" : index), \"docs\": \(table)};\n"
    }

    static func teaser(_ text: String) -> String {
        let words = text.split(separator: " ")
        let head = words.prefix(teaserWords).joined(separator: " ")
        return words.count > teaserWords ? head + " …" : head
    }

    /// The search box, added to the header by script (without JavaScript the
    /// page is unchanged); it finds sections with ``SearchQuery``'s `renderSearch.find`.
    package static let script = SearchQuery.script + #"""
    (function () {
      "use strict";
      var me = document.currentScript;
      var base = me ? me.src.replace(/assets\/search\.js(?:[?#].*)?$/, "") : "";
      function start() {
        var nav = document.querySelector(".site-nav");
        if (!nav || document.getElementById("search-box")) return;
        var form = document.createElement("form");
        form.className = "search";
        form.setAttribute("role", "search");
        form.setAttribute("action", "");
        var label = document.createElement("label");
        label.className = "visually-hidden";
        label.htmlFor = "search-box";
        label.textContent = "Search the book";
        var box = document.createElement("input");
        box.id = "search-box";
        box.type = "search";
        box.name = "q";
        box.placeholder = "Search";
        box.autocomplete = "off";
        box.spellcheck = false;
        box.setAttribute("aria-controls", "search-results");
        box.setAttribute("aria-keyshortcuts", "/");
        var key = document.createElement("kbd");
        key.className = "search-key";
        key.setAttribute("aria-hidden", "true");
        key.textContent = "/";
        form.appendChild(label);
        form.appendChild(box);
        form.appendChild(key);
        nav.appendChild(form);
        var panel = document.createElement("div");
        panel.id = "search-results";
        panel.className = "search-results";
        panel.setAttribute("aria-live", "polite");
        panel.hidden = true;
        document.querySelector(".site-header").appendChild(panel);

        var index = null, docs = null, waiting = [];
        function load(then) {
          if (index) { then(); return; }
          waiting.push(then);
          if (waiting.length > 1) return;
          function add(src, next) {
            var s = document.createElement("script");
            s.src = base + src;
            s.onload = next;
            s.onerror = function () { show("The search index could not be loaded."); };
            document.head.appendChild(s);
          }
          add("assets/lunr.min.js", function () {
            add("assets/search-index.js", function () {
              var data = window.renderSearchIndex || {};
              index = data.index ? lunr.Index.load(data.index) : null;
              docs = data.docs || [];
              if (!index) { show("This book has no search index."); return; }
              var all = waiting; waiting = [];
              all.forEach(function (f) { f(); });
            });
          });
        }
        function show(message) {
          panel.textContent = "";
          var p = document.createElement("p");
          p.className = "search-note";
          p.textContent = message;
          panel.appendChild(p);
          panel.hidden = false;
        }
        function run() {
          var q = box.value.trim();
          if (!renderSearch.words(q).length) { panel.hidden = true; panel.textContent = ""; return; }
          var hits = renderSearch.find(index, q);
          panel.textContent = "";
          var heading = document.createElement("p");
          heading.className = "search-note";
          heading.textContent = hits.length
            ? hits.length + (hits.length === 1 ? " section" : " sections") + " match \u201c" + q + "\u201d"
            : "Nothing matches \u201c" + q + "\u201d";
          panel.appendChild(heading);
          var list = document.createElement("ol");
          hits.slice(0, 30).forEach(function (hit) {
            var doc = docs[Number(hit.ref)];
            if (!doc) return;
            var li = document.createElement("li");
            var a = document.createElement("a");
            a.href = base + doc[0];
            var title = document.createElement("span");
            title.className = "search-title";
            title.textContent = doc[1];
            a.appendChild(title);
            if (doc[2] && doc[2] !== doc[1]) {
              var chapter = document.createElement("span");
              chapter.className = "search-chapter";
              chapter.textContent = doc[2];
              a.appendChild(chapter);
            }
            li.appendChild(a);
            if (doc[3]) {
              var teaser = document.createElement("p");
              teaser.textContent = doc[3];
              li.appendChild(teaser);
            }
            list.appendChild(li);
          });
          panel.appendChild(list);
          panel.hidden = false;
        }
        var timer = null;
        box.addEventListener("focus", function () { load(function () {}); });
        box.addEventListener("input", function () {
          clearTimeout(timer);
          timer = setTimeout(function () { load(run); }, 80);
        });
        form.addEventListener("submit", function (e) {
          e.preventDefault();
          load(function () {
            run();
            var first = panel.querySelector("a");
            if (first) location.href = first.href;
          });
        });
        box.addEventListener("keydown", function (e) {
          if (e.key === "Escape") { box.value = ""; panel.hidden = true; box.blur(); }
          if (e.key === "ArrowDown") {
            var first = panel.querySelector("a");
            if (first) { e.preventDefault(); first.focus(); }
          }
        });
        document.addEventListener("keydown", function (e) {
          var t = e.target;
          var typing = t && (t.isContentEditable || /^(input|textarea|select)$/i.test(t.tagName));
          if (e.key === "/" && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
            e.preventDefault();
            box.focus();
            box.select();
          }
        });
        document.addEventListener("click", function (e) {
          if (!panel.hidden && !panel.contains(e.target) && !form.contains(e.target)) panel.hidden = true;
        });
        var q = new URLSearchParams(location.search).get("q");
        if (q) { box.value = q; load(run); }
      }
      if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
    })();
    """#
}
