// Checks a built site's roadmap (roadmap.html, from disk) in headless Chromium, at 1366 and 375 px
// wide, in the light and the dark colour scheme:
//   1. no two labels of the roadmap's pictures overlap and none is clipped by its picture;
//   2. the axis stays on screen after the page scrolls half way down, and lines up with the bars
//      when the rows scroll sideways inside their labelled region (375 px);
//   3. nothing but that region is wider than a 375 px screen, and printed, nothing scrolls;
//   4. the months are named in the plan's language (MONTH is one of the labels);
//   5. the summary line and the legend are there; the filters hide the rows that do not match,
//      and a reload keeps them (the address holds them); without JavaScript every row is shown;
//   6. axe-core finds no serious or critical violation (at 375 px only on a roadmap of fewer
//      than 500 rows, for time);
//   7. screenshots roadmap-LABEL-1366.png, roadmap-LABEL-375.png and roadmap-LABEL-dark.png.
//
// Usage: node roadmap.mjs SITE_DIR SCREENSHOT_DIR LABEL MONTH
// Exit code 0 when every check passes; each failure is printed as one `FAIL …` line.

import { mkdirSync } from "node:fs";
import { join, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { axe, launch } from "./common.mjs";

const [siteArg, shotsArg, label, month] = process.argv.slice(2);
if (!siteArg || !shotsArg || !label || !month) {
  console.error("usage: node roadmap.mjs SITE_DIR SCREENSHOT_DIR LABEL MONTH");
  process.exit(2);
}
const site = resolve(siteArg);
const shots = resolve(shotsArg);
mkdirSync(shots, { recursive: true });
const failures = [];
const fail = (message) => { failures.push(message); console.log(`FAIL ${label}: ${message}`); };
const url = pathToFileURL(site + sep).href + "roadmap.html";

// Playwright starts Chromium headless, with a fresh profile of its own.
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

/** The visible labels of the roadmap's pictures: none overlaps another, none leaves its picture. */
async function labelsApart(name) {
  const problems = await page.evaluate(() => {
    const out = [];
    for (const svg of document.querySelectorAll(".roadmap svg")) {
      const frame = svg.getBoundingClientRect();
      if (frame.width === 0) continue;
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
  });
  for (const problem of problems) fail(`${name}: label ${problem}`);
}

/** The axis is on screen half way down the page, and in line with the bars. */
async function axisStays(name) {
  const box = await page.evaluate(async () => {
    window.scrollTo(0, document.body.scrollHeight / 2);
    await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
    const b = document.querySelector("svg.rm-axis").getBoundingClientRect();
    return { top: b.top, bottom: b.bottom, height: window.innerHeight, scrolled: window.scrollY };
  });
  if (box.top < -0.5 || box.bottom > box.height + 0.5) fail(`${name}: the axis is off screen (${box.top}..${box.bottom}) after scrolling to ${box.scrolled}`);
  const offset = await page.evaluate(async () => {
    const scroller = document.querySelector(".rm-scroll");
    scroller.scrollLeft = 240;
    await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
    const bar = [...document.querySelectorAll(".rm-row svg")].find((s) => s.getBoundingClientRect().height > 0);
    const out = document.querySelector("svg.rm-axis").getBoundingClientRect().left - bar.getBoundingClientRect().left;
    scroller.scrollLeft = 0;
    return out;
  });
  if (Math.abs(offset) > 1) fail(`${name}: the axis is ${offset}px out of line with the bars`);
}

/** Nothing but the labelled region is wider than the screen; printed, nothing scrolls. */
async function fits(name, width) {
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  if (wide > width + 1) fail(`${name}: the page is ${wide}px wide`);
  const region = await page.evaluate(() => {
    const r = document.querySelector(".rm-scroll");
    return r.getAttribute("role") === "region" && r.getAttribute("aria-label") && r.tabIndex === 0;
  });
  if (!region) fail(`${name}: the rows are not in a labelled, focusable region`);
  await page.emulateMedia({ media: "print" });
  const printed = await page.evaluate(() => {
    const r = document.querySelector(".rm-scroll");
    const bars = [...document.querySelectorAll(".rm-row svg")].slice(0, 50);
    const right = Math.max(...bars.map((b) => b.getBoundingClientRect().right));
    return { over: r.scrollWidth - r.clientWidth, right, page: document.documentElement.clientWidth,
             sticky: getComputedStyle(document.querySelector(".rm-axis-wrap")).position };
  });
  if (printed.over > 1 || printed.right > printed.page + 1) fail(`${name}: printed, the roadmap scrolls or is cut (${JSON.stringify(printed)})`);
  if (printed.sticky === "sticky") fail(`${name}: printed, the axis is still sticky`);
  await page.emulateMedia({ media: "screen" });
}

/** axe-core: no serious or critical violation (the others are noted). */
async function accessibility(name) {
  await axe(page, name, fail, (line) => console.log(`note ${label} ${line}`));
}

/** What the page shows: month labels, the summary, the legend. */
async function contents(name) {
  const seen = await page.evaluate(() => ({
    months: [...document.querySelectorAll("svg.rm-axis text")].map((t) => t.textContent),
    summary: (document.querySelector(".rm-summary") || {}).textContent || "",
    legend: document.querySelectorAll(".rm-legend > span").length,
    rows: document.querySelectorAll(".rm-row").length,
  }));
  if (!seen.months.includes(month)) fail(`${name}: no month label "${month}" among ${JSON.stringify(seen.months)}`);
  if (!/\d.*·.*\d/.test(seen.summary)) fail(`${name}: no summary of late starts and overruns ("${seen.summary}")`);
  if (seen.legend < 8) fail(`${name}: the legend has ${seen.legend} entries`);
  if (!seen.rows) fail(`${name}: no rows`);
  return seen;
}

/** Each menu hides the rows that do not match; the choice survives a reload. */
async function filters(name) {
  const menus = await page.$$eval(".rm-filters select", (s) => s.map((e) => [e.name, e.options.length > 1 ? e.options[1].value : ""]));
  if (!menus.length) { fail(`${name}: no filter`); return; }
  const attribute = { owner: "data-owner", channel: "data-channels", goal: "data-goals" };
  for (const [menu, value] of menus) {
    await page.selectOption(`.rm-filters select[name=${menu}]`, value);
    const check = () => page.evaluate(([attribute, value]) => {
      const rows = [...document.querySelectorAll(".rm-row")];
      const shown = rows.filter((r) => r.getBoundingClientRect().height > 0);
      const wrong = shown.filter((r) => !(r.getAttribute(attribute) || "").split("|").includes(value)).length;
      const gaps = [...document.querySelectorAll(".rm-strategy")].filter((s) => s.getBoundingClientRect().height > 0 && !s.querySelector(".rm-row:not([hidden])")).length;
      return { shown: shown.length, all: rows.length, wrong, gaps };
    }, [attribute[menu], value]);
    const before = await check();
    if (before.wrong || before.gaps || before.shown === 0 || before.shown === before.all) fail(`${name}: filtering by ${menu}=${value} shows ${JSON.stringify(before)}`);
    if (!page.url().includes(`${menu}=`)) fail(`${name}: the ${menu} filter is not in the address (${page.url()})`);
    await page.reload();
    const after = await check();
    const kept = await page.$eval(`.rm-filters select[name=${menu}]`, (s) => s.value);
    if (kept !== value || after.shown !== before.shown) fail(`${name}: after a reload the ${menu} filter is "${kept}", ${after.shown} rows shown (was ${before.shown})`);
    await page.selectOption(`.rm-filters select[name=${menu}]`, "");
    if (page.url().includes(`${menu}=`)) fail(`${name}: clearing the ${menu} filter leaves it in the address`);
  }
  console.log(`${label}: filters ${menus.map((m) => m[0]).join(", ")} checked`);
}

/** Without JavaScript the roadmap is all there, with no filter. */
async function withoutScript(rows) {
  const plain = await browser.newContext({ javaScriptEnabled: false });
  const bare = await plain.newPage();
  await bare.goto(url);
  const seen = await bare.evaluate(() => [document.querySelectorAll(".rm-row").length, document.querySelectorAll(".rm-filters").length]);
  if (seen[0] !== rows || seen[1]) fail(`without JavaScript: ${seen[0]} rows of ${rows}, ${seen[1]} filters`);
  await plain.close();
}

try {
  let rows = 0;
  for (const [width, scheme] of [[1366, "light"], [375, "light"], [1366, "dark"], [375, "dark"]]) {
    const name = `${width}px ${scheme}`;
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width, height: 900 });
    let t = Date.now();
    const lap = (what) => { if (process.env.ROADMAP_TIMES) console.log(`${label} ${name} ${what}: ${Date.now() - t} ms`); t = Date.now(); };
    await page.goto(url);
    lap("load");
    rows = (await contents(name)).rows;
    await labelsApart(name);
    const tall = await page.evaluate(() => document.body.scrollHeight);
    const shot = scheme === "dark" ? (width === 1366 ? `roadmap-${label}-dark.png` : null) : `roadmap-${label}-${width}.png`;
    if (shot) await page.screenshot({ path: join(shots, shot), fullPage: tall < 6000 });
    lap("labels and screenshot");
    await fits(name, width);
    await axisStays(name);
    lap("fits and axis");
    // axe takes some ten seconds over a 3,000-document plan's roadmap: there, once per scheme.
    if (width === 1366 || rows < 500) {
      await page.goto(url);
      await accessibility(name);
    }
    lap("axe");
    if (scheme === "light" && width === 1366) await filters(name);
    lap("filters");
  }
  await withoutScript(rows);
  console.log(`${label}: ${rows} rows checked at 1366 and 375 px, light and dark`);
} catch (error) {
  fail(`unexpected: ${error.stack || error}`);
} finally {
  await browser.close();
}
console.log(failures.length ? `${label}: ${failures.length} failure(s)` : `${label}: all roadmap checks passed`);
process.exit(failures.length ? 1 : 0);
