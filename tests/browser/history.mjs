// The plan's history on a built site, as its readers see it: a goal page with a history (its
// rows, the earlier targets on the chart and each move labelled) and the Changes page, at 1366
// and 375 px, light and dark. No two visible labels of a chart overlap and none is clipped;
// nothing is wider than a 375 px screen; the history rows and the commits are there; axe-core
// finds no serious or critical violation; screenshots are saved for review.
//
// Usage: node history.mjs SITE_DIR SHOTS_DIR GOAL_PAGE
// Exit code 0 when every check passes; failures are printed one per line.

import { mkdirSync } from "node:fs";
import { join, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { axe, launch } from "./common.mjs";

const [siteArg, shotsArg, goalPage] = process.argv.slice(2);
if (!siteArg || !shotsArg || !goalPage) {
  console.error("usage: node history.mjs SITE_DIR SHOTS_DIR GOAL_PAGE");
  process.exit(2);
}
const site = resolve(siteArg);
const shots = resolve(shotsArg);
mkdirSync(shots, { recursive: true });
const failures = [];
const fail = (message) => { failures.push(message); console.log(`FAIL ${message}`); };
const root = pathToFileURL(site + sep).href;
const pages = [["history-goal", goalPage], ["changes", "changes.html"]];

const browser = await launch();

/** No two visible text labels of a chart overlap; none leaves its picture. */
async function labelsApart(page, name) {
  const [problems, moves] = await page.evaluate(() => {
    const out = [];
    let moves = 0;
    for (const svg of document.querySelectorAll("svg.chart")) {
      const frame = svg.getBoundingClientRect();
      if (frame.width === 0) continue; // the other size's chart
      moves += svg.querySelectorAll(".moved-label").length;
      const labels = [...svg.querySelectorAll("text")]
        .filter((t) => getComputedStyle(t).visibility === "visible" && t.textContent.trim())
        .map((t) => ({ text: t.textContent, box: t.getBoundingClientRect() }));
      for (const [i, a] of labels.entries()) {
        const b = a.box;
        if (b.left < frame.left - 0.5 || b.right > frame.right + 0.5 || b.top < frame.top - 0.5 || b.bottom > frame.bottom + 0.5) {
          out.push(`"${a.text}" is clipped`);
        }
        for (const other of labels.slice(i + 1)) {
          const c = other.box;
          if (!(b.right <= c.left + 0.5 || c.right <= b.left + 0.5 || b.bottom <= c.top + 0.5 || c.bottom <= b.top + 0.5)) {
            out.push(`"${a.text}" overlaps "${other.text}"`);
          }
        }
      }
    }
    return [out, moves];
  });
  for (const problem of problems) fail(`${name}: label ${problem}`);
  return moves;
}


try {
  for (const scheme of ["light", "dark"]) {
    for (const width of [1366, 375]) {
      const context = await browser.newContext({ viewport: { width, height: width > 800 ? 900 : 812 }, colorScheme: scheme });
      const page = await context.newPage();
      page.on("pageerror", (error) => fail(`script error on ${page.url()}: ${error.message}`));
      for (const [name, path] of pages) {
        const view = `${name} at ${width}px ${scheme}`;
        await page.goto(root + path);
        const moves = await labelsApart(page, view);
        if (name === "history-goal") {
          const rows = await page.$$eval(".history-row", (rs) => rs.filter((r) => r.getBoundingClientRect().height > 0).length);
          if (rows < 2) fail(`${view}: ${rows} history rows shown`);
          if (moves < 1) fail(`${view}: no move of the target is labelled on the chart`);
        } else {
          const commits = await page.$$eval(".commit", (cs) => cs.length);
          if (commits < 2) fail(`${view}: ${commits} commits listed`);
        }
        if (width === 375) {
          const wide = await page.evaluate(() => document.documentElement.scrollWidth);
          if (wide > 376) fail(`${view}: ${wide}px wide`);
        }
        await page.screenshot({ path: join(shots, `${name}-${width}-${scheme}.png`), fullPage: true });
        await axe(page, view, fail);
      }
      await context.close();
    }
  }
} catch (error) {
  fail(`unexpected: ${error.stack || error}`);
} finally {
  await browser.close();
}
console.log(failures.length ? `${failures.length} failure(s)` : "every history view passed");
process.exit(failures.length ? 1 : 0);
