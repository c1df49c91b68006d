import TutorialBase
import TutorialMarkdown
import TutorialProgram

/// `assets/site.js`: what the pages do with JavaScript besides search, as a
/// progressive enhancement (without it, they read the same).
///
/// - A "Copy" button on each code listing (`pre > code`, not program
///   output): it copies the listing's text with the Clipboard API, or by
///   selecting it and `execCommand("copy")` where that API is missing, and
///   says "Copied" for two seconds.
///
/// It is a file of the site, loaded with `defer`: a Content-Security-Policy
/// that allows only the site's own scripts lets it run.
package enum SiteScript {
    package static let source = #"""
    (function () {
      "use strict";
      function copy(text, done) {
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(fallback(text)); });
        } else {
          done(fallback(text));
        }
      }
      function fallback(text) {
        var area = document.createElement("textarea");
        area.value = text;
        area.setAttribute("readonly", "");
        area.style.position = "fixed";
        area.style.opacity = "0";
        document.body.appendChild(area);
        area.select();
        var ok = false;
        try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
        document.body.removeChild(area);
        return ok;
      }
      function start() {
        var blocks = document.querySelectorAll("pre:not(.output) > code");
        Array.prototype.forEach.call(blocks, function (code) {
          var pre = code.parentNode;
          if (pre.querySelector(".copy-button")) return;
          var button = document.createElement("button");
          button.type = "button";
          button.className = "copy-button";
          button.textContent = "Copy";
          button.setAttribute("aria-label", "Copy the code");
          var timer = null;
          button.addEventListener("click", function () {
            copy(code.textContent, function (ok) {
              button.textContent = ok ? "Copied" : "Press Ctrl+C";
              clearTimeout(timer);
              timer = setTimeout(function () { button.textContent = "Copy"; }, 2000);
            });
          });
          pre.classList.add("has-copy");
          pre.appendChild(button);
        });
      }
      if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
    })();
    """#
}
