import TutorialBase
import TutorialMarkdown
import TutorialProgram
import TutorialSite

/// What the preview server adds to every HTML page it serves, and only
/// there: the published files never contain any of it.
///
/// - `/__render/live.css`, a small stylesheet for the error overlay and the
///   "Rebuilding…" badge (linked, not inline: the pages' Content-Security-Policy
///   allows only the site's own stylesheets);
/// - the overlay itself when the latest build failed, written into the page
///   so it shows even before the script runs;
/// - `/__render/live.js`, which listens on `/__render/events` and reloads the
///   page after a good build, or shows the overlay after a failed one.
enum LiveReload {
    /// The URL of the event stream.
    static let eventsPath = "/__render/events"
    /// The URL of the script.
    static let scriptPath = "/__render/live.js"
    /// The URL of the overlay's stylesheet, ``css``.
    static let stylesheetPath = "/__render/live.css"

    /// `html` with the snippet inserted before its last `</body>` (or at the end).
    static func inject(into html: String, status: PreviewStatus) -> String {
        let snippet = "<link rel=\"stylesheet\" id=\"render-live-style\" href=\"\(stylesheetPath)\">\n"
            + (status.failed ? overlayHTML(status) + "\n" : "")
            + "<script src=\"\(scriptPath)\" data-build=\"\(status.build)\"></script>\n"
        if let body = html.range(of: "</body>", options: .backwards) {
            var result = html
            result.insert(contentsOf: snippet, at: body.lowerBound)
            return result
        }
        return html + snippet
    }

    /// The overlay listing a failed build's problems (the script builds the same markup).
    static func overlayHTML(_ status: PreviewStatus) -> String {
        var items = ""
        if let failure = status.failure {
            items += "<li><span class=\"render-overlay-message\">\(HTML.escape(failure))</span></li>"
        }
        for problem in status.problems {
            items += "<li><code>\(HTML.escape(problem.location))</code> <span class=\"render-overlay-message\">\(HTML.escape(problem.message))</span></li>"
        }
        return "<div id=\"render-overlay\" role=\"alert\"><div class=\"render-overlay-box\">"
            + "<p class=\"render-overlay-title\">Build failed <span>· showing the last good build</span></p>"
            + "<ol>\(items)</ol>"
            + "<p class=\"render-overlay-hint\">Fix and save: this page reloads when the build passes.</p>"
            + "<button type=\"button\" class=\"render-overlay-close\" aria-label=\"Hide the build errors\">×</button>"
            + "</div></div>"
    }

    /// The page served where the site has no index yet (the first build failed).
    static func placeholderPage(status: PreviewStatus) -> String {
        let text = status.failed ? "The book has not built yet." : "Building the book…"
        return inject(into: """
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>render serve</title></head>
            <body style="font: 16px/1.5 system-ui, sans-serif; margin: 3rem auto; max-width: 40rem; padding: 0 1rem">
            <h1>\(text)</h1>
            <p>This page reloads as soon as a build passes.</p>
            </body>
            </html>

            """, status: status)
    }

    static let css = """
        #render-overlay{position:fixed;inset:0;z-index:2147483000;background:rgba(20,20,24,.55);display:flex;align-items:flex-start;justify-content:center;padding:6vh 1rem;overflow:auto;font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif}\
        #render-overlay .render-overlay-box{position:relative;background:#fff;color:#1b1b1f;border-top:6px solid #c62828;border-radius:8px;box-shadow:0 12px 40px rgba(0,0,0,.35);max-width:52rem;width:100%;padding:1.25rem 1.5rem}\
        #render-overlay .render-overlay-title{margin:0 2rem .75rem 0;font-weight:700;font-size:1.15rem;color:#b71c1c}\
        #render-overlay .render-overlay-title span{font-weight:400;color:#555;font-size:.95rem}\
        #render-overlay ol{margin:0;padding:0;list-style:none}\
        #render-overlay li{padding:.5rem 0;border-top:1px solid #eee;overflow-wrap:anywhere}\
        #render-overlay code{font:13px/1.4 ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;background:#fdecea;color:#8e0000;padding:.1rem .35rem;border-radius:4px;margin-right:.35rem}\
        #render-overlay .render-overlay-message{white-space:pre-wrap}\
        #render-overlay .render-overlay-hint{margin:.75rem 0 0;color:#555;font-size:.9rem}\
        #render-overlay .render-overlay-close{position:absolute;top:.6rem;right:.7rem;border:0;background:none;font-size:1.5rem;line-height:1;cursor:pointer;color:#555;padding:.25rem .5rem}\
        #render-badge{position:fixed;right:1rem;bottom:1rem;z-index:2147483001;background:#1b1b1f;color:#fff;padding:.4rem .8rem;border-radius:999px;font:13px/1.4 system-ui,sans-serif;opacity:.9}\
        @media (prefers-color-scheme:dark){#render-overlay .render-overlay-box{background:#1e1e22;color:#eee}#render-overlay li{border-color:#333}#render-overlay code{background:#3b1515;color:#ffb4ab}#render-overlay .render-overlay-title span,#render-overlay .render-overlay-hint,#render-overlay .render-overlay-close{color:#aaa}}\
        @media print{#render-overlay,#render-badge{display:none}}
        """

    /// The script served at ``scriptPath``.
    public static let script = #"""
    (function () {
      "use strict";
      var me = document.currentScript;
      var seen = me && me.dataset.build ? Number(me.dataset.build) : null;
      function text(tag, cls, value) {
        var e = document.createElement(tag);
        if (cls) e.className = cls;
        if (value !== undefined) e.textContent = value;
        return e;
      }
      function badge(show) {
        var b = document.getElementById("render-badge");
        if (show && !b) {
          b = text("div", "", "Rebuilding\u2026");
          b.id = "render-badge";
          b.setAttribute("role", "status");
          document.body.appendChild(b);
        } else if (!show && b) {
          b.remove();
        }
      }
      function wire(overlay) {
        var close = overlay.querySelector(".render-overlay-close");
        if (close) close.addEventListener("click", function () { overlay.remove(); });
      }
      function overlay(status) {
        var old = document.getElementById("render-overlay");
        if (old) old.remove();
        var problems = status.problems || [];
        if (!problems.length && !status.failure) return;
        var root = text("div");
        root.id = "render-overlay";
        root.setAttribute("role", "alert");
        var box = text("div", "render-overlay-box");
        var title = text("p", "render-overlay-title", "Build failed ");
        title.appendChild(text("span", "", "\u00b7 showing the last good build"));
        box.appendChild(title);
        var list = text("ol");
        if (status.failure) {
          var f = text("li");
          f.appendChild(text("span", "render-overlay-message", status.failure));
          list.appendChild(f);
        }
        problems.forEach(function (p) {
          var li = text("li");
          li.appendChild(text("code", "", p.location));
          li.appendChild(document.createTextNode(" "));
          li.appendChild(text("span", "render-overlay-message", p.message));
          list.appendChild(li);
        });
        box.appendChild(list);
        box.appendChild(text("p", "render-overlay-hint", "Fix and save: this page reloads when the build passes."));
        var close = text("button", "render-overlay-close", "\u00d7");
        close.type = "button";
        close.setAttribute("aria-label", "Hide the build errors");
        box.appendChild(close);
        root.appendChild(box);
        document.body.appendChild(root);
        wire(root);
      }
      var existing = document.getElementById("render-overlay");
      if (existing) wire(existing);
      if (!window.EventSource) return;
      var source = new EventSource("/__render/events");
      source.addEventListener("status", function (e) {
        var status = JSON.parse(e.data);
        // A different build than the one this page came from (the server restarted, or a build finished while reconnecting).
        if (seen !== null && status.build !== seen && !(status.problems || []).length && !status.failure) { location.reload(); return; }
        seen = status.build;
        overlay(status);
      });
      source.addEventListener("building", function () { badge(true); });
      source.addEventListener("reload", function () { location.reload(); });
      source.addEventListener("failed", function (e) {
        var status = JSON.parse(e.data);
        seen = status.build;
        badge(false);
        overlay(status);
      });
    })();
    """#
}
