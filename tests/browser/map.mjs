// Checks the strategy map (map.html) of a built site in headless Chromium, from disk (file://):
//   1. at 1366 and 375 px, light and dark: no two labels of a band overlap, none is clipped by its
//      picture, and every line of a node's title lies inside the node's box;
//   2. no curve passes through the box of a node (of its own band or another): each path is
//      sampled with getPointAtLength and mapped to the page with getScreenCTM;
//   3. the legend is there and names every status the map colours, and statuses look different;
//   4. the focus on a goal (menu, #goal-<key>, ?focus=<key>) dims what is not connected to it and
//      nothing it is connected to; without JavaScript nothing is dimmed or hidden, the menu is not
//      shown, and #goal-<key> still scrolls to the band;
//   5. axe-core finds no serious or critical violation, in light and dark;
//   6. at 375 px nothing is wider than the screen except inside a labelled scrollable region;
//   7. printed, every band is as wide as the page at most and keeps its proportions;
//   8. screenshots map-<label>-1366.png, map-<label>-375.png and map-<label>-dark.png.
//
// Usage: node map.mjs SITE_DIR SHOTS_DIR LABEL
// Exit code 0 when every check passes; each failure is printed on a line of its own, `FAIL ...`.

import { mkdirSync } from "node:fs";
import { join, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { axe, launch } from "./common.mjs";

const [siteArg, shotsArg, label] = process.argv.slice(2);
if (!siteArg || !shotsArg || !label) {
  console.error("usage: node map.mjs SITE_DIR SHOTS_DIR LABEL");
  process.exit(2);
}
const shots = resolve(shotsArg);
mkdirSync(shots, { recursive: true });
const url = pathToFileURL(resolve(siteArg) + sep).href + "map.html";
const failures = [];
const fail = (message) => { failures.push(message); console.log(`FAIL ${label}: ${message}`); };
const started = Date.now();
const timing = !!process.env.MAP_TIMING;
let lap = Date.now();
const step = (what) => { if (timing) console.log(`  ${what}: ${Date.now() - lap} ms`); lap = Date.now(); };

const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
await context.route("**/*", (route) => {
  const target = route.request().url();
  if (target.startsWith("file://") || target.startsWith("data:")) return route.continue();
  fail(`external request to ${target}`);
  return route.abort();
});
const page = await context.newPage();
page.on("pageerror", (error) => fail(`script error: ${error.message}`));

/** Labels of each band: none overlaps another, none leaves its picture, each line inside its box. */
async function labelsApart(name) {
  const problems = await page.evaluate(() => {
    const out = [];
    if (!document.querySelector(".map-band svg a")) out.push("(none: the map has no bands of nodes)");
    // A title is shortened only past three lines, and then whole in the tooltip.
    for (const a of document.querySelectorAll(".map-band svg a")) {
      const lines = [...a.querySelectorAll("tspan")].map((t) => t.textContent);
      const title = a.querySelector("title").textContent;
      const shown = lines.join(" ").replace(/^↗ /, "").replace(/…$/, "");
      if (lines.some((l, i) => l.endsWith("…") && (i !== 2 || lines.length !== 3))) out.push(`"${lines.join(" / ")}" is shortened before its third line`);
      if (!title.replace(/\s+/g, "").startsWith(shown.replace(/\s+/g, ""))) out.push(`"${lines.join(" / ")}" is not the start of its title "${title}"`);
    }
    const within = (b, f) => b.left >= f.left - 0.5 && b.right <= f.right + 0.5 && b.top >= f.top - 0.5 && b.bottom <= f.bottom + 0.5;
    for (const svg of document.querySelectorAll(".map-bands svg")) {
      const frame = svg.getBoundingClientRect();
      const labels = [...svg.querySelectorAll("text tspan, text:not(:has(tspan))")]
        .filter((t) => getComputedStyle(t).visibility === "visible" && t.textContent.trim())
        .map((t) => ({ text: t.textContent, box: t.getBoundingClientRect(), rect: t.closest("a")?.querySelector("rect") }));
      for (const [i, a] of labels.entries()) {
        const b = a.box;
        if (!within(b, frame)) out.push(`"${a.text}" is clipped by the edge of its band`);
        if (a.rect && !within(b, a.rect.getBoundingClientRect())) out.push(`"${a.text}" runs out of its box`);
        for (const other of labels.slice(i + 1)) {
          const c = other.box;
          const apart = b.right <= c.left + 0.5 || c.right <= b.left + 0.5 || b.bottom <= c.top + 0.5 || c.bottom <= b.top + 0.5;
          if (!apart) out.push(`"${a.text}" overlaps "${other.text}"`);
        }
      }
    }
    return out;
  });
  for (const problem of problems.slice(0, 20)) fail(`${name}: label ${problem}`);
  return problems.length;
}

/** No curve passes through a node's box; each stays within its band's picture. */
async function edgesClear(name) {
  const result = await page.evaluate(() => {
    const out = [];
    const boxes = [...document.querySelectorAll(".map-bands svg rect.node")].map((r) => {
      const b = r.getBoundingClientRect();
      return { left: b.left + 1, right: b.right - 1, top: b.top + 1, bottom: b.bottom - 1, band: r.closest(".map-band").id, title: r.parentNode.querySelector("title").textContent };
    });
    // Boxes by 40 px rows of the page, so that a sample is tested against its neighbours only.
    const rows = new Map();
    const row = (y) => Math.floor((y + window.scrollY) / 40);
    for (const b of boxes) for (let r = row(b.top); r <= row(b.bottom); r++) (rows.get(r) || rows.set(r, []).get(r)).push(b);
    let samples = 0;
    const paths = [...document.querySelectorAll(".map-bands svg path.edge")];
    for (const path of paths) {
      const svg = path.ownerSVGElement;
      const frame = svg.getBoundingClientRect();
      const band = svg.closest(".map-band").id;
      const matrix = path.getScreenCTM();
      const length = path.getTotalLength();
      for (let i = 0; i <= 12; i++) {
        const at = path.getPointAtLength((length * i) / 12);
        const p = new DOMPoint(at.x, at.y).matrixTransform(matrix);
        samples += 1;
        if (p.x < frame.left - 0.5 || p.x > frame.right + 0.5 || p.y < frame.top - 0.5 || p.y > frame.bottom + 0.5) {
          out.push(`a curve of ${band} leaves its band at (${p.x.toFixed(0)}, ${p.y.toFixed(0)})`);
          break;
        }
        const hit = (rows.get(row(p.y)) || []).find((b) => p.x > b.left && p.x < b.right && p.y > b.top && p.y < b.bottom);
        if (hit) {
          out.push(`a curve of ${band} passes through the box of "${hit.title}"${hit.band === band ? "" : ` in another band (${hit.band})`}`);
          break;
        }
      }
    }
    return { out, paths: paths.length, samples, boxes: boxes.length };
  });
  for (const problem of result.out.slice(0, 20)) fail(`${name}: ${problem}`);
  console.log(`${label} ${name}: ${result.paths} curves (${result.samples} points) clear of ${result.boxes} boxes`);
}

/** The legend names every status the map colours, and different statuses look different. */
async function legend() {
  const found = await page.evaluate(() => {
    const legend = document.querySelector(".map-legend");
    const shown = legend && legend.getBoundingClientRect().height > 0;
    const keys = legend ? [...legend.querySelectorAll(".swatch")].map((s) => s.className.replace("swatch ", "")) : [];
    const used = new Set();
    const look = {};
    for (const rect of document.querySelectorAll(".map-bands rect.node.goal, .map-bands rect.node.tactic")) {
      const cls = rect.className.baseVal.replace("node ", "");
      if (cls.includes("cross")) continue;
      used.add(cls);
      const style = getComputedStyle(rect);
      look[cls] = `${style.fill} ${style.stroke} ${style.strokeDasharray}`;
    }
    return { shown, text: legend ? legend.innerText : "", keys, used: [...used], look, cross: !!document.querySelector(".map-bands rect.node.cross") };
  });
  if (!found.shown || !found.text.trim()) return fail("no legend on the page");
  for (const cls of found.used) if (!found.keys.includes(cls)) fail(`the legend does not explain "${cls}"`);
  if (found.cross && !found.keys.includes("cross")) fail("the legend does not explain cross-references");
  const tactics = found.used.filter((c) => c.startsWith("tactic "));
  for (const [i, a] of tactics.entries()) {
    for (const b of tactics.slice(i + 1)) if (found.look[a] === found.look[b]) fail(`tactics "${a}" and "${b}" look the same`);
  }
  console.log(`${label} legend: ${found.keys.join(", ")}`);
}

/** What the focus on `key` dims: [band, dimmed?, connected?] of every node and curve. */
async function dimming() {
  return page.evaluate(() => [...document.querySelectorAll(".map-band")].flatMap((band) =>
    [...band.querySelectorAll("svg > a, svg > path.edge")].map((el) => ({
      band: band.getAttribute("data-goal") || "",
      also: (el.getAttribute("data-also") || "").split(" ").filter(Boolean),
      opacity: Number(getComputedStyle(el).opacity) * Number(getComputedStyle(band).opacity),
    }))));
}

/** The focus on a goal, from the menu, the hash and the query; and the map without scripts. */
async function focus() {
  const keys = await page.$$eval("#map-focus option", (os) => os.map((o) => o.value).filter(Boolean));
  if (!(await page.isVisible("#map-focus"))) return fail("the focus menu is not shown");
  if (!keys.length) return fail("the focus menu lists no goal");
  const check = async (key, how) => {
    const items = await dimming();
    const wrong = items.filter((i) => (i.band === key || i.also.includes(key)) === i.opacity < 0.99);
    if (wrong.length) fail(`focus on ${key} by ${how}: ${wrong.length} of ${items.length} nodes and curves dimmed wrongly`);
    const dimmed = items.filter((i) => i.opacity < 0.99).length;
    if (keys.length > 1 && !dimmed) fail(`focus on ${key} by ${how} dims nothing`);
    return dimmed;
  };
  const first = keys[Math.min(1, keys.length - 1)];
  await page.selectOption("#map-focus", first);
  const dimmed = await check(first, "the menu");
  if (!page.url().endsWith(`#goal-${first}`)) fail(`the menu does not keep the focus in the address: ${page.url()}`);
  const status = await page.textContent(".map-focus-status");
  if (!status.trim()) fail("the focus is not announced");
  const last = keys[keys.length - 1];
  await page.goto(`${url}#goal-${last}`);
  await check(last, "#goal-");
  await page.goto(`${url}?focus=${encodeURIComponent(keys[0])}`);
  await check(keys[0], "?focus=");
  await page.selectOption("#map-focus", "");
  if ((await dimming()).some((i) => i.opacity < 0.99)) fail("after All goals, something is still dimmed");
  // Every link within the page leads to an element of it.
  const dangling = await page.$$eval("a[href^='#']", (as) => as.map((a) => a.getAttribute("href")).filter((h) => !document.getElementById(decodeURIComponent(h.slice(1)))));
  if (dangling.length) fail(`links to nothing on the page: ${[...new Set(dangling)].slice(0, 5).join(" ")}`);
  console.log(`${label} focus: ${keys.length} goals; focus on ${first} dims ${dimmed} nodes and curves`);

  const bare = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1366, height: 900 } });
  const plain = await bare.newPage();
  await plain.goto(`${url}#goal-${last}`);
  const without = await plain.evaluate((last) => {
    const all = [...document.querySelectorAll(".map-bands *")];
    const band = document.getElementById(`goal-${last}`).getBoundingClientRect();
    return {
      dimmed: all.filter((e) => Number(getComputedStyle(e).opacity) < 1).length,
      hidden: all.filter((e) => getComputedStyle(e).display === "none" || getComputedStyle(e).visibility === "hidden").length,
      nodes: document.querySelectorAll(".map-bands svg > a").length,
      menu: !!document.querySelector("#map-focus") && document.querySelector("#map-focus").getClientRects().length > 0,
      top: band.top,
      room: document.documentElement.scrollHeight - window.scrollY - window.innerHeight,
    };
  }, last);
  const nodes = await page.$$eval(".map-bands svg > a", (as) => as.length);
  if (without.dimmed || without.hidden) fail(`without JavaScript ${without.dimmed} elements are dimmed and ${without.hidden} hidden`);
  if (without.nodes !== nodes) fail(`without JavaScript the map has ${without.nodes} nodes, with it ${nodes}`);
  if (without.menu) fail("without JavaScript the focus menu, which needs it, is shown");
  if (Math.abs(without.top) > 12 && without.room > 1) fail(`#goal-${last} does not scroll to its band (its top is at ${without.top}px)`);
  await bare.close();
}

/** axe-core: no serious or critical violation (the others are noted). */
async function accessibility(name) {
  await axe(page, name, fail, (line) => console.log(`note ${label} ${line}`));
}

/** Nothing wider than the screen, except inside a region that scrolls (the site's navigation
 * bar, the map); the map's is labelled and reachable by keyboard, and does scroll. */
async function narrow() {
  const found = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const scrolls = (e) => ["auto", "scroll"].includes(getComputedStyle(e).overflowX);
    const outside = [...document.body.querySelectorAll("*")].filter((e) => {
      const r = e.getBoundingClientRect();
      if (r.width === 0 || r.right <= width + 0.5) return false;
      for (let p = e.parentElement; p; p = p.parentElement) if (scrolls(p)) return false;
      return !scrolls(e);
    });
    const region = document.querySelector(".map-bands");
    const labelled = !!region && region.getAttribute("role") === "region" && !!region.getAttribute("aria-label") && region.getAttribute("tabindex") === "0" && scrolls(region);
    return {
      scroll: document.documentElement.scrollWidth, width, labelled,
      scrollable: !!region && region.scrollWidth > region.clientWidth,
      outside: outside.slice(0, 5).map((e) => e.tagName + "." + (e.className.baseVal ?? e.className)),
    };
  });
  if (found.scroll > found.width + 1) fail(`at 375 px the page is ${found.scroll} px wide`);
  if (found.outside.length) fail(`at 375 px these overflow outside a scrollable region: ${found.outside.join(", ")}`);
  if (!found.labelled) fail("the map's scrollable region is not labelled (role=region, aria-label, tabindex=0, overflow-x)");
  if (!found.scrollable) fail("at 375 px the map's region does not scroll sideways");
}

/** Printed: the bands fit the page's width and keep their proportions. */
async function print() {
  await page.setViewportSize({ width: 800, height: 1000 });
  await page.emulateMedia({ media: "print" });
  await page.goto(url);
  const found = await page.evaluate(() => {
    const out = [];
    for (const svg of [...document.querySelectorAll(".map-band svg")].slice(0, 50)) {
      const r = svg.getBoundingClientRect();
      const box = svg.viewBox.baseVal;
      if (r.right > document.documentElement.clientWidth + 0.5) out.push(`a band is ${r.width.toFixed(0)} px wide, wider than the page`);
      if (Math.abs(r.height / r.width - box.height / box.width) > 0.01) out.push(`a band is drawn ${r.width.toFixed(0)}×${r.height.toFixed(0)}, not in the proportions of its viewBox`);
      if (getComputedStyle(svg.closest(".map-band")).breakInside !== "avoid") out.push("a band may break across pages");
    }
    const headings = [...document.querySelectorAll("main h1, main h2")].filter((h) => getComputedStyle(h).breakAfter !== "avoid");
    if (headings.length) out.push(`${headings.length} headings may be left alone at the bottom of a page`);
    return { out, scroll: document.documentElement.scrollWidth, width: document.documentElement.clientWidth };
  });
  for (const problem of [...new Set(found.out)].slice(0, 10)) fail(`printed: ${problem}`);
  if (found.scroll > found.width + 1) fail(`printed, the page is ${found.scroll} px wide at ${found.width}`);
  await page.emulateMedia({ media: "screen" });
}

/** A screenshot of the whole page, or of its first 4,000 px when the map is longer. */
async function shoot(file) {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const viewport = page.viewportSize();
  if (height <= 4000) return page.screenshot({ path: join(shots, file), fullPage: true });
  await page.setViewportSize({ width: viewport.width, height: 4000 });
  await page.screenshot({ path: join(shots, file) });
  await page.setViewportSize(viewport);
}

try {
  await page.goto(url);
  step("load");
  // One load: the size and the colour scheme change on the page as it is.
  for (const [width, scheme] of [[1366, "light"], [375, "light"], [1366, "dark"], [375, "dark"]]) {
    await page.setViewportSize({ width, height: 900 });
    await page.emulateMedia({ colorScheme: scheme });
    const name = `${width}px ${scheme}`;
    const problems = await labelsApart(name);
    step("labels");
    if (scheme === "light") await edgesClear(name);
    step("edges");
    if (width === 375) await narrow();
    step("narrow");
    if (width === 1366) await accessibility(name);
    step("axe");
    if (scheme === "light") await shoot(`map-${label}-${width}.png`);
    else if (width === 1366) await shoot(`map-${label}-dark.png`);
    step("shot");
    console.log(`${label} ${name}: labels checked (${problems} problems)`);
  }
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.emulateMedia({ colorScheme: "light" });
  await legend();
  step("legend");
  await focus();
  step("focus");
  await print();
  step("print");
} catch (error) {
  fail(`unexpected: ${error.stack || error}`);
} finally {
  await browser.close();
}
console.log(`${label}: ${failures.length ? `${failures.length} failure(s)` : "all map checks passed"} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(failures.length ? 1 : 0);
