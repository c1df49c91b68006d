/// The site's stylesheet, written to `assets/site.css`.
///
/// System fonts only (KaTeX brings its own for math); a measure of about
/// 44rem; light and dark palettes through CSS variables that follow
/// `prefers-color-scheme`; wide formulas, code and tables scroll inside their
/// own box on a phone; print styles that drop navigation and keep figures,
/// formulas and code blocks whole. Figures (``Drawing`` in ChapterRuntime)
/// carry `fig-*` classes only, so their colours are set here too.
public enum Stylesheet {
    /// The whole stylesheet.
    public static let css: String = #"""
    /* Cross-entropy tutorial: site stylesheet. No web fonts; KaTeX's are linked separately. */

    :root {
      --bg: #fdfcfa;
      --fg: #1d2125;
      --muted: #5b636b;
      --rule: #dcdfe3;
      --accent: #0b57a4;
      --accent-soft: #e6eef8;
      --surface: #f4f5f6;
      --code-bg: #f5f6f7;
      --output-bg: #fbfbf8;
      --pass: #1a7f37;
      --pass-bg: #e9f6ec;
      --fail: #c0262d;
      --fail-bg: #fcebeb;
      --hl-keyword: #9b2393;
      --hl-type: #0e6b8c;
      --hl-string: #b3261e;
      --hl-number: #1c3fcf;
      --hl-comment: #637081;
      --hl-attribute: #8a5a00;
      --hl-operator: #3f4650;
      --fig-stroke: #3d4650;
      --fig-fill: #ffffff;
      --fig-text: #1d2125;
      --fig-muted: #8a939c;
      --fig-accent: #1d5fbf;
      --fig-accent-fill: #dce8f8;
      --fig-positive: #4a78b0;
      --fig-negative: #d1574b;
      --fig-grid: #e7e9ec;
      --font-body: Charter, "Bitstream Charter", "Sitka Text", Cambria, "Noto Serif", "DejaVu Serif", Georgia, serif;
      --font-ui: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif;
      --font-code: ui-monospace, "SF Mono", SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace;
      --measure: 44rem;
    }

    @media (prefers-color-scheme: dark) {
      :root {
        --bg: #16181b;
        --fg: #e3e5e8;
        --muted: #9aa3ad;
        --rule: #33383e;
        --accent: #7fb2f0;
        --accent-soft: #1e2a3a;
        --surface: #1e2125;
        --code-bg: #1d2024;
        --output-bg: #191c1f;
        --pass: #5cc97a;
        --pass-bg: #17281c;
        --fail: #ff7b72;
        --fail-bg: #32191a;
        --hl-keyword: #fc5fa3;
        --hl-type: #5dd8ff;
        --hl-string: #fc6a5d;
        --hl-number: #d9c97c;
        --hl-comment: #7f8c98;
        --hl-attribute: #fd8f3f;
        --hl-operator: #c3c8ce;
        --fig-stroke: #b7bec6;
        --fig-fill: #1e2125;
        --fig-text: #e3e5e8;
        --fig-muted: #6f7882;
        --fig-accent: #7fb2f0;
        --fig-accent-fill: #1f3550;
        --fig-positive: #6d9fd8;
        --fig-negative: #ec7a6e;
        --fig-grid: #2b3036;
      }
    }

    *, *::before, *::after { box-sizing: border-box; }

    html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }

    body {
      margin: 0;
      background: var(--bg);
      color: var(--fg);
      font-family: var(--font-body);
      font-size: 1.125rem;
      line-height: 1.6;
      font-kerning: normal;
      overflow-wrap: break-word;
    }

    a { color: var(--accent); }
    a:hover { color: var(--fg); }
    :focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; border-radius: 2px; }

    .skip-link { position: absolute; left: -999px; top: 0; padding: 0.5rem 1rem; background: var(--bg); font-family: var(--font-ui); }
    .skip-link:focus { left: 0.5rem; top: 0.5rem; z-index: 10; }

    /* Header and navigation */

    .site-header {
      border-bottom: 1px solid var(--rule);
      font-family: var(--font-ui);
      font-size: 0.95rem;
    }
    .site-nav {
      display: flex;
      align-items: baseline;
      gap: 1.25rem;
      max-width: 66rem;
      margin: 0 auto;
      padding: 0.8rem 1.25rem;
    }
    .site-nav .book-title { font-weight: 600; color: var(--fg); text-decoration: none; margin-right: auto; }
    .site-nav a { color: var(--muted); text-decoration: none; }
    .site-nav a:hover, .site-nav a[aria-current="page"] { color: var(--fg); }
    .site-nav a[aria-current="page"] { text-decoration: underline; }

    .layout { max-width: 66rem; margin: 0 auto; padding: 0 1.25rem; }
    main { max-width: var(--measure); margin: 0 auto; padding: 1.5rem 0 3rem; }

    .site-footer {
      border-top: 1px solid var(--rule);
      color: var(--muted);
      font-family: var(--font-ui);
      font-size: 0.85rem;
      text-align: center;
      padding: 1.25rem;
    }

    /* Headings and prose */

    h1, h2, h3, h4 { font-family: var(--font-ui); line-height: 1.25; font-weight: 600; letter-spacing: -0.01em; }
    h1 { font-size: 2rem; margin: 0.2em 0 0.3em; }
    h2 { font-size: 1.45rem; margin: 2.2em 0 0.6em; }
    h3 { font-size: 1.2rem; margin: 1.8em 0 0.5em; }
    h4 { font-size: 1rem; margin: 1.5em 0 0.4em; }
    h2[id], h3[id], h4[id] { scroll-margin-top: 1rem; }
    p, ul, ol, blockquote, table { margin: 0 0 1.1em; }
    li + li { margin-top: 0.25em; }
    blockquote { margin-left: 0; padding: 0.1em 1.1em; border-left: 3px solid var(--rule); color: var(--muted); }
    hr { border: none; border-top: 1px solid var(--rule); margin: 2.5em 0; }
    img { max-width: 100%; height: auto; }

    .chapter-header { margin-bottom: 2rem; }
    .chapter-number {
      margin: 0;
      font-family: var(--font-ui);
      font-size: 0.85rem;
      font-weight: 600;
      letter-spacing: 0.06em;
      text-transform: uppercase;
      color: var(--muted);
    }
    .check-summary {
      margin: 0;
      font-family: var(--font-ui);
      font-size: 0.85rem;
      color: var(--pass);
    }
    .check-summary a { color: inherit; }

    /* Book contents (index page) */

    .toc ol { list-style: none; padding: 0; margin: 0 0 1.5em; counter-reset: chapter; }
    .toc li { counter-increment: chapter; border-bottom: 1px solid var(--rule); margin: 0; }
    .toc li a {
      display: flex;
      gap: 0.9rem;
      padding: 0.7rem 0.2rem;
      text-decoration: none;
      font-family: var(--font-ui);
      font-size: 1.05rem;
    }
    .toc li a::before { content: counter(chapter); color: var(--muted); min-width: 1.5rem; text-align: right; font-variant-numeric: tabular-nums; }
    .toc li a:hover { background: var(--surface); }
    .toc .toc-checks { font-family: var(--font-ui); font-size: 0.95rem; }

    /* Previous / next */

    .pager {
      display: flex;
      justify-content: space-between;
      gap: 1rem;
      font-family: var(--font-ui);
      font-size: 0.9rem;
    }
    .pager-top { margin-bottom: 1.5rem; }
    .pager-bottom { margin-top: 3rem; padding-top: 1.25rem; border-top: 1px solid var(--rule); }
    .pager a { text-decoration: none; max-width: 48%; }
    .pager a:hover { text-decoration: underline; }
    .pager .pager-next { margin-left: auto; text-align: right; }
    .pager .pager-label { display: block; color: var(--muted); font-size: 0.8rem; }

    /* In-page outline: a list under <details> on phones, a sticky sidebar on wide screens */

    .outline { font-family: var(--font-ui); font-size: 0.9rem; }
    .outline ul { list-style: none; margin: 0; padding: 0; }
    .outline li { margin: 0; }
    .outline li a { display: block; padding: 0.2rem 0; color: var(--muted); text-decoration: none; line-height: 1.35; }
    .outline li a:hover { color: var(--accent); }
    .outline .outline-level-3 { padding-left: 0.9rem; font-size: 0.85rem; }
    .outline .outline-level-4 { padding-left: 1.8rem; font-size: 0.85rem; }
    .outline-title { margin: 0 0 0.5rem; font-size: 0.75rem; font-weight: 600; letter-spacing: 0.06em; text-transform: uppercase; color: var(--muted); }

    .outline-compact {
      margin: 0 0 2rem;
      border: 1px solid var(--rule);
      border-radius: 6px;
      padding: 0.5rem 0.9rem;
    }
    .outline-compact summary { cursor: pointer; color: var(--muted); font-weight: 600; }
    .outline-compact[open] summary { margin-bottom: 0.4rem; }
    .outline-sidebar { display: none; }

    @media (min-width: 72rem) {
      .layout.with-outline {
        display: grid;
        grid-template-columns: minmax(0, 44rem) 14rem;
        justify-content: center;
        column-gap: 3.5rem;
      }
      .layout.with-outline main { margin: 0; }
      .outline-compact { display: none; }
      .outline-sidebar {
        display: block;
        position: sticky;
        top: 0;
        align-self: start;
        max-height: 100vh;
        overflow-y: auto;
        padding: 2.2rem 0 2rem;
      }
    }

    /* Code */

    code, pre, kbd, samp { font-family: var(--font-code); font-size: 0.84em; }
    :not(pre) > code { background: var(--code-bg); border-radius: 4px; padding: 0.1em 0.3em; }
    pre {
      margin: 0 0 1.2em;
      padding: 0.85rem 1rem;
      background: var(--code-bg);
      border: 1px solid var(--rule);
      border-radius: 6px;
      overflow-x: auto;
      line-height: 1.5;
      tab-size: 4;
    }
    pre code { font-size: inherit; background: none; padding: 0; }
    pre:has(+ .output) { margin-bottom: 0; border-bottom-left-radius: 0; border-bottom-right-radius: 0; }
    pre.output, .output pre {
      margin-top: 0;
      background: var(--output-bg);
      border-top: 1px dashed var(--rule);
      border-top-left-radius: 0;
      border-top-right-radius: 0;
      color: var(--muted);
    }
    pre.output::before, .output pre::before {
      content: "Output";
      display: block;
      font-family: var(--font-ui);
      font-size: 0.72rem;
      font-weight: 600;
      letter-spacing: 0.06em;
      text-transform: uppercase;
      margin-bottom: 0.3rem;
      opacity: 0.8;
    }

    .hl-keyword { color: var(--hl-keyword); font-weight: 600; }
    .hl-type { color: var(--hl-type); }
    .hl-string { color: var(--hl-string); }
    .hl-number { color: var(--hl-number); }
    .hl-comment, .hl-doc-comment { color: var(--hl-comment); font-style: italic; }
    .hl-attribute, .hl-directive { color: var(--hl-attribute); }
    .hl-operator { color: var(--hl-operator); }

    /* Math */

    .katex { font-size: 1.1em; }
    .katex-display { overflow-x: auto; overflow-y: hidden; padding: 0.2em 0; margin: 1em 0; }
    .katex-display > .katex { max-width: 100%; }

    .equation { display: flex; align-items: center; gap: 1rem; margin: 1em 0; }
    .equation > :not(.eq-number) { flex: 1 1 auto; min-width: 0; }
    .equation .katex-display { margin: 0; }
    .eq-number { flex: none; font-family: var(--font-body); color: var(--muted); }

    .derivation {
      margin: 1.3em 0;
      padding: 0.3rem 1rem 0.6rem;
      border-left: 3px solid var(--pass);
      background: var(--surface);
      border-radius: 0 6px 6px 0;
    }
    .derivation .katex-display { margin: 0.6em 0; }
    .check-note {
      margin: 0;
      font-family: var(--font-ui);
      font-size: 0.8rem;
      color: var(--pass);
    }

    /* Computed values in prose */

    .value { font-variant-numeric: tabular-nums; }
    .claim {
      font-variant-numeric: tabular-nums;
      border-bottom: 1.5px dotted var(--pass);
      cursor: help;
    }

    /* Figures */

    figure { margin: 1.8em 0; text-align: center; }
    figure > svg, .figure-svg { max-width: 100%; height: auto; overflow: visible; }
    figcaption {
      margin-top: 0.6rem;
      font-family: var(--font-ui);
      font-size: 0.88rem;
      color: var(--muted);
      text-align: center;
    }
    .figure-label { font-weight: 600; color: var(--fg); }

    .figure-svg text { font-family: var(--font-ui); font-size: 14px; fill: var(--fig-text); }
    .figure-svg .fig-sublabel, .figure-svg .fig-tick-label, .figure-svg .fig-arrow-label, .figure-svg .fig-category { fill: var(--muted); }
    .figure-svg .fig-value { font-variant-numeric: tabular-nums; }
    .figure-svg .fig-arrow-label { paint-order: stroke; stroke: var(--bg); stroke-width: 4px; stroke-linejoin: round; }
    .fig-box, .fig-circle { fill: var(--fig-fill); stroke: var(--fig-stroke); stroke-width: 1.5; }
    .fig-box-accent, .fig-circle-accent { fill: var(--fig-accent-fill); stroke: var(--fig-accent); stroke-width: 2; }
    .fig-box-muted, .fig-circle-muted { fill: var(--surface); stroke: var(--fig-muted); stroke-dasharray: 4 3; }
    .fig-arrow line { stroke: var(--fig-stroke); stroke-width: 1.5; }
    .fig-arrowhead { fill: var(--fig-stroke); stroke: none; }
    .fig-line { stroke: var(--fig-stroke); stroke-width: 1.25; }
    .fig-dashed { stroke-dasharray: 5 4; }
    .fig-axis { stroke: var(--fig-stroke); stroke-width: 1; fill: none; }
    .fig-grid { stroke: var(--fig-grid); stroke-width: 1; }
    .fig-bar-positive { fill: var(--fig-positive); }
    .fig-bar-negative { fill: var(--fig-negative); }
    .fig-bar-accent { fill: var(--fig-accent); }
    .fig-plot-line { fill: none; stroke: var(--fig-accent); stroke-width: 2; stroke-linejoin: round; stroke-linecap: round; }

    /* Tables, and the Checks page */

    .table-scroll { overflow-x: auto; margin: 0 0 1.2em; }
    table { border-collapse: collapse; font-size: 0.95rem; }
    th, td { padding: 0.4rem 0.7rem; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
    th { font-family: var(--font-ui); font-weight: 600; font-size: 0.85rem; color: var(--muted); }

    main.wide { max-width: 66rem; }
    .checks { width: 100%; font-size: 0.88rem; margin: 0; }
    .checks td { font-variant-numeric: tabular-nums; overflow-wrap: break-word; }
    .checks td.kind { white-space: nowrap; }
    .checks td code { overflow-wrap: anywhere; }
    .checks td.expression { min-width: 14rem; }
    .checks td.expected { min-width: 10rem; }
    .checks td.location { font-family: var(--font-ui); overflow-wrap: normal; }
    .checks .path-part { white-space: nowrap; }
    .checks td.computed span[title] { text-decoration: underline dotted var(--muted); text-underline-offset: 0.2em; cursor: help; }
    .checks td code { white-space: pre-wrap; }
    .checks .result { font-family: var(--font-ui); font-weight: 600; white-space: nowrap; }
    .checks tr.pass .result { color: var(--pass); }
    .checks tr.fail { background: var(--fail-bg); }
    .checks tr.fail .result { color: var(--fail); }
    .checks-summary { font-family: var(--font-ui); }
    .checks-summary.pass { color: var(--pass); }
    .checks-summary.fail { color: var(--fail); }

    /* Search (added by assets/search.js; without JavaScript none of this shows) */

    .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    .site-header { position: relative; }
    .search { position: relative; display: flex; align-items: center; }
    .search input {
      font: inherit; font-family: var(--font-ui); font-size: 0.9rem; width: 13rem; max-width: 40vw;
      padding: 0.3rem 1.8rem 0.3rem 0.6rem; border: 1px solid var(--rule); border-radius: 6px;
      background: var(--bg); color: var(--fg);
    }
    .search input:focus { outline: 2px solid var(--accent); outline-offset: 1px; border-color: var(--accent); }
    .search-key {
      position: absolute; right: 0.45rem; font-family: var(--font-ui); font-size: 0.75rem; color: var(--muted);
      border: 1px solid var(--rule); border-radius: 4px; padding: 0 0.3rem; line-height: 1.3; pointer-events: none;
    }
    .search input:focus + .search-key, .search input:not(:placeholder-shown) + .search-key { display: none; }
    .search-results {
      position: absolute; right: 1.5rem; top: 100%; z-index: 20; width: min(34rem, calc(100vw - 2rem));
      max-height: min(70vh, 40rem); overflow-y: auto; background: var(--bg); color: var(--fg);
      border: 1px solid var(--rule); border-radius: 8px; box-shadow: 0 10px 30px rgba(0, 0, 0, 0.18);
      padding: 0.4rem 0; font-family: var(--font-ui); font-size: 0.92rem;
    }
    .search-results[hidden] { display: none; }
    .search-results .search-note { margin: 0.3rem 1rem 0.4rem; color: var(--muted); font-size: 0.85rem; }
    .search-results ol { list-style: none; margin: 0; padding: 0; }
    .search-results li { padding: 0.45rem 1rem; border-top: 1px solid var(--rule); }
    .search-results a { display: flex; flex-wrap: wrap; gap: 0 0.6rem; align-items: baseline; text-decoration: none; color: var(--accent); }
    .search-results a:focus, .search-results a:hover { text-decoration: underline; }
    .search-results .search-title { font-weight: 600; }
    .search-results .search-chapter { color: var(--muted); font-size: 0.82rem; }
    .search-results li p { margin: 0.15rem 0 0; color: var(--muted); font-size: 0.85rem; line-height: 1.4; }

    /* Phones */

    @media (max-width: 40rem) {
      body { font-size: 1.05rem; line-height: 1.55; }
      h1 { font-size: 1.65rem; }
      h2 { font-size: 1.3rem; }
      .site-nav { padding: 0.7rem 1rem; gap: 1rem; }
      .layout { padding: 0 1rem; }
      main { padding-top: 1rem; }
      pre { margin-left: -1rem; margin-right: -1rem; border-left: none; border-right: none; border-radius: 0; font-size: 0.8em; }
      pre:has(+ .output) { border-radius: 0; }
      .checks thead { display: none; }
      .checks, .checks tbody, .checks tr, .checks td { display: block; width: auto; }
      .checks tr { padding: 0.6rem 0.2rem; border-bottom: 1px solid var(--rule); }
      .checks td, .checks td.expression, .checks td.computed, .checks td.expected { border: none; padding: 0.1rem 0; min-width: 0; width: auto; }
      .checks td[data-label]::before { content: attr(data-label) ": "; font-family: var(--font-ui); font-size: 0.8rem; color: var(--muted); }
      .checks td.location { white-space: normal; }
      .site-nav { flex-wrap: wrap; }
      .search { flex: 1 1 100%; order: 10; }
      .search-key { display: none; }
      .search input { width: 100%; max-width: none; }
      .search-results { left: 1rem; right: 1rem; width: auto; }
      .derivation { margin-left: -1rem; margin-right: -1rem; padding-left: 0.9rem; padding-right: 0.9rem; }
    }

    /* The printable book (print.html), on screen and on paper */

    .print-book { max-width: 44rem; margin: 0 auto; }
    .title-page { padding: 20vh 0 3rem; }
    .print-title { font-size: 2.4rem; line-height: 1.2; }
    .print-subtitle { color: var(--muted); font-size: 1.05rem; }
    .print-toc ol { list-style: none; padding: 0; }
    .print-toc li { padding: 0.2rem 0; }
    .print-toc-number { display: inline-block; min-width: 1.8rem; color: var(--muted); font-variant-numeric: tabular-nums; }
    .print-chapter { margin-top: 3rem; }

    @page { size: A4; margin: 18mm 16mm 20mm; @bottom-center { content: counter(page); font-family: sans-serif; font-size: 9pt; color: #555; } }
    @page :first { @bottom-center { content: none; } }

    /* Paper */

    @media print {
      :root {
        --bg: #fff; --fg: #000; --muted: #444; --rule: #bbb; --accent: #000;
        --code-bg: #fff; --output-bg: #fff; --surface: #fff;
        --fig-fill: #fff; --fig-text: #000; --fig-stroke: #222; --fig-grid: #ddd;
        --fig-accent: #1d5fbf; --fig-accent-fill: #dce8f8; --fig-positive: #4a78b0; --fig-negative: #d1574b;
        --hl-keyword: #9b2393; --hl-type: #0e6b8c; --hl-string: #b3261e; --hl-number: #1c3fcf;
        --hl-comment: #637081; --hl-attribute: #8a5a00; --hl-operator: #3f4650;
        --pass: #1a7f37; --fail: #c0262d; --fail-bg: #fcebeb;
      }
      body { font-size: 11pt; line-height: 1.45; }
      .site-header, .pager, .outline-compact, .outline-sidebar, .skip-link, .site-footer { display: none; }
      .layout, .layout.with-outline { display: block; max-width: none; padding: 0; }
      main { max-width: none; padding: 0; }
      a { color: inherit; text-decoration: none; }
      article a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 0.85em; color: var(--muted); word-break: break-all; }
      pre { white-space: pre-wrap; border: 1px solid var(--rule); }
      .katex-display { overflow: visible; }
      figure, pre, .katex-display, .equation, .derivation, tr { break-inside: avoid; page-break-inside: avoid; }
      h1, h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
      .claim { border-bottom: none; }
      .search, .search-results { display: none; }
      .title-page { padding: 30vh 0 0; break-after: page; }
      .print-intro { break-after: page; }
      .print-toc { break-after: page; }
      .print-toc a { display: block; }
      .print-chapter { margin-top: 0; break-before: page; }
      .print-book .chapter-header h1 { margin-top: 0; }
    }
    """#
}
