// Runs a built site's own search code (assets/search.js) under node against
// its own index (assets/search-index.js), for the search tests.
//
//   node scripts/search-query-check.js SITE CASES.json [LUNR_MODULE]
//
// CASES.json is a list of {"query": "smoothing", "url": "03-loss.html#label-smoothing"}:
// each query must list that section. Prints one line per miss and
// "N queries, N missed"; exits 1 when a query missed its section.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const [site, casesFile, lunrModule = "/usr/share/nodejs/lunr"] = process.argv.slice(2);
const page = {
  lunr: require(lunrModule),
  // The box's part of search.js waits for a document that never loads here.
  document: { readyState: "loading", currentScript: null, addEventListener() {} },
};
page.window = page;
vm.createContext(page);
for (const file of ["assets/search-index.js", "assets/search.js"]) {
  vm.runInContext(fs.readFileSync(path.join(site, file), "utf8"), page, { filename: file });
}
const index = page.lunr.Index.load(page.renderSearchIndex.index);
const docs = page.renderSearchIndex.docs;
const cases = JSON.parse(fs.readFileSync(casesFile, "utf8"));
let missed = 0;
for (const c of cases) {
  const urls = page.renderSearch.find(index, c.query).map((hit) => docs[Number(hit.ref)][0]);
  if (!urls.includes(c.url)) {
    missed += 1;
    console.log(`missed: "${c.query}" does not list ${c.url} (${urls.length} found: ${urls.slice(0, 3).join(", ")})`);
  }
}
console.log(`${cases.length} queries, ${missed} missed`);
process.exit(missed ? 1 : 0);
