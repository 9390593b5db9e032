// Checks a built stratagem site in headless Chromium, as a reader would use it:
//   1. from disk (file://), over HTTP at the domain root and over HTTP under a sub-path, every
//      link of every page resolves (and its #anchor exists), and no request leaves the machine;
//   2. typing into the search box finds a document, from disk and over HTTP; a Chinese word is
//      found and marked, the kind filter works and survives a reload, the keyboard reaches results;
//   3. axe-core finds no serious or critical accessibility violation on the overview and a goal
//      page, and nothing overflows a 375 px wide screen;
//   4. the W3C Nu validator (vnu) finds no HTML error in any page;
//   5. on every goal and evaluation page, at 1280 and 375 px, no two visible text labels of a
//      progress chart overlap and none is clipped by the chart's edges;
//   6. screenshots of the overview and a goal page are saved for review.
//
// Usage: node site.mjs SITE_DIR SCREENSHOT_DIR GOAL_PAGE
// Exit code 0 when every check passes; failures are printed one per line.

import { execFileSync } from "node:child_process";
import { createServer } from "node:http";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { extname, join, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { axe, launch, screenshot } from "./common.mjs";

const require = createRequire(import.meta.url);
const [siteArg, shotsArg, goalPage] = process.argv.slice(2);
if (!siteArg || !shotsArg || !goalPage) {
  console.error("usage: node site.mjs SITE_DIR SCREENSHOT_DIR GOAL_PAGE");
  process.exit(2);
}
const site = resolve(siteArg);
const shots = resolve(shotsArg);
mkdirSync(shots, { recursive: true });
const failures = [];
const fail = (message) => { failures.push(message); console.log(`FAIL ${message}`); };
const SUB_PATH = "/team/strategy/";

// A static server for the site, at the root of one port and under a sub-path of another;
// anything else is 404.
const types = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".svg": "image/svg+xml", ".png": "image/png" };
function serve(prefix) {
  return createServer((req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    const path = decodeURIComponent(url.pathname);
    if (!path.startsWith(prefix)) { res.writeHead(404); return res.end("not found"); }
    let file = resolve(site, "." + sep + path.slice(prefix.length));
    if (file !== site && !file.startsWith(site + sep)) { res.writeHead(404); return res.end("not found"); }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!existsSync(file)) { res.writeHead(404); return res.end("not found"); }
    res.writeHead(200, { "content-type": types[extname(file)] || "application/octet-stream" });
    res.end(readFileSync(file));
  });
}
const server = serve(SUB_PATH);
const rootServer = serve("/");
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
await new Promise((ok) => rootServer.listen(0, "127.0.0.1", ok));
const httpRoot = `http://127.0.0.1:${server.address().port}${SUB_PATH}`;
const domainRoot = `http://127.0.0.1:${rootServer.address().port}/`;

const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
// No request may leave the machine: only file:// and our own loopback server.
await context.route("**/*", (route) => {
  const url = route.request().url();
  if (url.startsWith("file://") || url.startsWith("http://127.0.0.1:") || url.startsWith("data:")) return route.continue();
  fail(`external request to ${url}`);
  return route.abort();
});
const page = await context.newPage();
page.on("pageerror", (error) => fail(`script error on ${page.url()}: ${error.message}`));

/** Visits every page reachable from `start` and checks every link it has. */
async function crawl(start, label) {
  const seen = new Set();
  const queue = [start];
  const pageIds = new Map();
  const links = [];
  while (queue.length) {
    const url = queue.shift();
    if (seen.has(url)) continue;
    seen.add(url);
    const response = await page.goto(url);
    if (response && !response.ok() && !url.startsWith("file:")) { fail(`${label}: ${url} answered ${response.status()}`); continue; }
    pageIds.set(url, new Set(await page.$$eval("[id]", (els) => els.map((e) => e.id))));
    const found = await page.$$eval("a[href], link[href], script[src], img[src]", (els) =>
      els.map((e) => e.href && e.href.baseVal !== undefined ? e.href.baseVal : (e.href || e.src)));
    // SVG <a> elements expose href as an animated string: resolve it against the page.
    for (const raw of found) {
      const absolute = new URL(raw, url).href;
      links.push([url, absolute]);
      const target = absolute.split("#")[0];
      if (target.endsWith(".html") && target.startsWith(start.slice(0, start.lastIndexOf("/") + 1)) && !seen.has(target)) queue.push(target);
    }
  }
  let checked = 0;
  for (const [from, link] of links) {
    if (!link.startsWith("file:") && !link.startsWith("http://127.0.0.1")) continue;
    const [target, fragment] = link.split("#");
    checked += 1;
    if (target.startsWith("file:")) {
      const path = fileURLToPath(target.split("?")[0]);
      if (!existsSync(path)) { fail(`${label}: ${from} links to missing ${path}`); continue; }
    } else {
      const response = await fetch(target);
      if (response.status !== 200) { fail(`${label}: ${from} links to ${target}, which answered ${response.status}`); continue; }
    }
    if (fragment && pageIds.has(target) && !pageIds.get(target).has(decodeURIComponent(fragment))) {
      fail(`${label}: ${from} links to #${fragment}, which ${target} lacks`);
    }
  }
  console.log(`${label}: ${seen.size} pages, ${checked} links checked`);
  if (seen.size < 20) fail(`${label}: only ${seen.size} pages reached`);
}

/** Types into the header search box and expects results. */
async function search(start, label) {
  await page.goto(start);
  await page.fill("#q", "phan hoi");
  await page.press("#q", "Enter");
  await page.waitForURL(/search\.html\?q=/);
  await page.waitForSelector("#search-results li a", { timeout: 5000 }).catch(() => fail(`${label}: no search results for "phan hoi"`));
  const first = await page.$$eval("#search-results li a", (as) => as.map((a) => a.textContent));
  if (!first.some((t) => t.includes("Trả lời"))) fail(`${label}: "phan hoi" did not find the Vietnamese goal: ${first}`);
  await page.fill("#q", "");
  await page.type("#q", "advocacy");
  await page.waitForFunction(() => document.querySelectorAll("#search-results li").length > 0).catch(() => fail(`${label}: typing "advocacy" found nothing`));
  const status = await page.textContent("#search-status");
  console.log(`${label}: search "advocacy" → ${status}`);
}

/** What search shows: a Chinese word found inside a longer title and marked, a folded match
 * marked at the right place in the unfolded text, title matches ranked first, the kind filter
 * hiding other kinds and surviving a reload through the URL, and keyboard moves to the results. */
async function searchResults(start, label) {
  const marks = () => page.$$eval("#search-results mark", (ms) => ms.map((m) => m.textContent));
  await page.goto(start);
  await page.fill("#q", "竞品");
  await page.press("#q", "Enter");
  await page.waitForSelector("#search-results li a", { timeout: 5000 }).catch(() => fail(`${label}: "竞品" found nothing`));
  const titles = await page.$$eval("#search-results li a.result-title", (as) => as.map((a) => a.textContent));
  if (!titles.some((t) => t.includes("产品问题与竞品动态"))) fail(`${label}: "竞品" did not find the Chinese tactic: ${titles}`);
  const cjk = await page.$$eval("#search-results li:first-child :is(.result-title, .snippet) mark", (ms) => ms.map((m) => m.textContent));
  if (!cjk.includes("竞品")) fail(`${label}: "竞品" is not marked in the title or snippet: ${cjk}`);
  await page.fill("#q", "phan hoi");
  const folded = await marks();
  if (!folded.includes("phản") || !folded.includes("hồi")) fail(`${label}: "phan hoi" should mark "phản" and "hồi" as written: ${folded}`);
  await page.fill("#q", "listening");
  const ranked = await page.$$eval("#search-results li", (lis) => lis.map((li) => !!li.querySelector(".result-title mark")));
  if (ranked.indexOf(false) >= 0 && ranked.lastIndexOf(true) > ranked.indexOf(false)) fail(`${label}: a title match is ranked below a result without one: ${ranked}`);
  const all = ranked.length;
  const tactic = await page.evaluate(() => window.STRATAGEM_KINDS.tactic);
  await page.check('#search-kinds input[value="tactic"]');
  const kindsShown = async () => page.$$eval("#search-results li .badge", (bs) => bs.map((b) => b.textContent));
  let shown = await kindsShown();
  if (!shown.length || shown.length >= all || shown.some((k) => k !== tactic)) fail(`${label}: the tactic filter shows ${shown} of ${all}`);
  const count = await page.textContent('#search-kinds .count[data-kind="tactic"]');
  if (Number(count) !== shown.length) fail(`${label}: the tactic filter counts ${count}, lists ${shown.length}`);
  if (!/[?&]kind=tactic/.test(page.url()) || !/[?&]q=listening/.test(page.url())) fail(`${label}: the URL does not keep the search: ${page.url()}`);
  await page.reload();
  shown = await kindsShown();
  const checked = await page.$eval("#search-kinds input:checked", (i) => i.value);
  if (checked !== "tactic" || !shown.length || shown.some((k) => k !== tactic) || (await page.inputValue("#q")) !== "listening") {
    fail(`${label}: after a reload the filter is "${checked}" and shows ${shown}`);
  }
  await page.focus("#q");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  const focused = await page.evaluate(() => [...document.querySelectorAll("#search-results a")].indexOf(document.activeElement));
  if (focused !== 1) fail(`${label}: Down, Down from the search box focuses result ${focused}, not the second one`);
  console.log(`${label}: "竞品", "phan hoi" marked; "listening": ${all} results, ${shown.length} tactics after a reload`);
  await page.setViewportSize({ width: 1366, height: 900 });
  await screenshot(page, { path: join(shots, "search.png"), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** Marks land on the original text however folding changed its length (combining accents,
 * ligatures, full-width letters, characters beyond the BMP), and document text is never markup:
 * the search page over HTTP, with an index of awkward entries in place of the site's. */
async function searchMarks(root) {
  const entries = [
    { t: "<img src=x onerror=\"window.injected=1\">Plan", k: "page", u: "a.html", f: "", b: "" },
    { t: "Notes", k: "goal", u: "b.html", o: "İnci", f: "ＫＰＩ board", b: "Kiểm tra phe\u0301p thu\u031b\u0309 on the ﬁnal ﬁle; 𠀋竞品𠀋 after, Q𠀋竞 and ภาษาไทย." },
  ];
  const script = `window.STRATAGEM_KINDS = {"goal":"Goal","page":"Page"};\nwindow.STRATAGEM_SEARCH = ${JSON.stringify(entries)};\n`;
  await page.route(/search-index\.js$/, (route) => route.fulfill({ contentType: "text/javascript", body: script }));
  const cases = [["phep thu", ["phe\u0301p", "thu\u031b\u0309"]], ["file", ["ﬁle"]], ["竞品", ["竞品"]], ["kpi", ["ＫＰＩ"]], ["𠀋竞", ["𠀋竞", "𠀋竞"]], ["ไทย", ["ไทย"]], ["inci", ["İnci"]], ["kiem", ["Kiểm"]], ["img plan", ["img", "Plan"]]];
  for (const [query, expected] of cases) {
    await page.goto(`${root}search.html?q=${encodeURIComponent(query)}`);
    const marks = await page.$$eval("#search-results mark", (ms) => ms.map((m) => m.textContent));
    if (JSON.stringify(marks) !== JSON.stringify(expected)) fail(`search marks for "${query}": ${JSON.stringify(marks)}, not ${JSON.stringify(expected)}`);
  }
  const injected = await page.evaluate(() => window.injected || document.querySelectorAll("#search-results img").length);
  if (injected) fail("a document's title became markup in the search results");
  const snippet = await page.goto(`${root}search.html?q=${encodeURIComponent("竞品")}`).then(() => page.textContent("#search-results .snippet"));
  if (/[\ud800-\udfff]/.test(snippet.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ""))) fail(`a snippet cuts a character in half: ${snippet}`);
  await page.unroute(/search-index\.js$/);
  console.log(`search marks: ${cases.length} awkward queries marked as written`);
}

/** Without JavaScript the search page says search needs it, and shows no filter that does nothing. */
async function searchWithoutScript(url) {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const bare = await context.newPage();
  await bare.goto(url);
  if (await bare.isVisible("#search-kinds")) fail("without JavaScript the search page shows the kind filter");
  const said = await bare.evaluate(() => document.querySelector("noscript") && document.querySelector("main").innerText);
  if (!said || !said.includes("JavaScript")) fail(`without JavaScript the search page does not say it needs it: ${said}`);
  await context.close();
}

/** axe-core on `url`: no serious or critical violation (the others are noted). */
async function accessibility(url, name) {
  await page.goto(url);
  await axe(page, name, fail, (line) => console.log(`note ${line}`));
}

/** Nothing may be wider than a 375 px phone screen, except scrollable regions. */
async function narrow(url, name) {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto(url);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  if (width > 376) fail(`${name}: ${width}px wide at a 375px viewport`);
  await screenshot(page, { path: join(shots, `${name}-375.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** The visible labels of every picture matching `selector` (charts, the map, the roadmap): none
 * overlaps another of the same picture, none leaves its picture. */
async function labelsApart(url, name, selector = "svg.chart") {
  await page.goto(url);
  const problems = await page.evaluate((selector) => {
    const out = [];
    for (const svg of document.querySelectorAll(selector)) {
      if (svg.getBoundingClientRect().width === 0) continue; // the other size's chart
      const frame = svg.getBoundingClientRect();
      const labels = [...svg.querySelectorAll("text")]
        .filter((t) => getComputedStyle(t).visibility === "visible" && t.textContent.trim())
        .map((t) => ({ text: t.textContent, box: t.getBoundingClientRect() }));
      for (const [i, a] of labels.entries()) {
        const b = a.box;
        if (b.left < frame.left - 0.5 || b.right > frame.right + 0.5 || b.top < frame.top - 0.5 || b.bottom > frame.bottom + 0.5) {
          out.push(`"${a.text}" is clipped by the edge of its ${svg.getAttribute("class")}`);
        }
        for (const other of labels.slice(i + 1)) {
          const c = other.box;
          const apart = b.right <= c.left + 0.5 || c.right <= b.left + 0.5 || b.bottom <= c.top + 0.5 || c.bottom <= b.top + 0.5;
          if (!apart) out.push(`"${a.text}" overlaps "${other.text}"`);
        }
      }
    }
    return out;
  }, selector);
  for (const problem of problems) fail(`${name}: label ${problem}`);
  return problems.length;
}

/** Every page through the W3C Nu HTML checker; any error fails. */
function validate() {
  const jar = require.resolve("vnu-jar/build/dist/vnu.jar");
  try {
    execFileSync("java", ["-jar", jar, "--errors-only", "--skip-non-html", site], { stdio: "pipe" });
    console.log("vnu: no HTML errors");
  } catch (error) {
    const report = `${error.stdout || ""}${error.stderr || ""}`.trim() || error.message;
    for (const line of report.split("\n").slice(0, 30)) fail(`vnu: ${line}`);
  }
}

const fileRoot = pathToFileURL(site + sep).href;
try {
  validate();
  await crawl(fileRoot + "index.html", "file://");
  await crawl(domainRoot + "index.html", "http domain root");
  await crawl(httpRoot + "index.html", "http sub-path");
  await search(fileRoot + "index.html", "file:// search");
  await search(httpRoot + "index.html", "http search");
  await searchResults(fileRoot + "index.html", "file:// search results");
  await searchResults(httpRoot + "index.html", "http search results");
  await searchMarks(httpRoot);
  await searchWithoutScript(fileRoot + "search.html?q=listening");
  for (const [name, path] of [["overview", "index.html"], ["goal", goalPage], ["map", "map.html"], ["roadmap", "roadmap.html"], ["health", "health.html"], ["maturity", "maturity.html"], ["search", "search.html?q=listening&kind=tactic"]]) {
    await accessibility(fileRoot + path, name);
    await narrow(fileRoot + path, name);
  }
  let charted = 0;
  for (const folder of ["goals", "evaluations"]) {
    for (const file of readdirSync(join(site, folder)).filter((f) => f.endsWith(".html") && f !== "index.html")) {
      for (const width of [1280, 375]) {
        await page.setViewportSize({ width, height: 900 });
        await labelsApart(`${fileRoot}${folder}/${file}`, `${folder}/${file} at ${width}px`);
        charted += 1;
      }
    }
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  console.log(`chart labels checked on ${charted} page views`);
  await page.goto(fileRoot + "index.html");
  await screenshot(page, { path: join(shots, "overview.png"), fullPage: true });
  await page.goto(fileRoot + goalPage);
  await screenshot(page, { path: join(shots, "goal.png"), fullPage: true });
} catch (error) {
  fail(`unexpected: ${error.stack || error}`);
} finally {
  await browser.close();
  server.close();
  rootServer.close();
}
console.log(failures.length ? `${failures.length} failure(s)` : "all browser checks passed");
process.exit(failures.length ? 1 : 0);
