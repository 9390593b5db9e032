// Looks at a built stratagem site as its readers do on Monday, on a laptop and on a phone, for
// review by a person (screenshots) and by checks: at 1366 and 375 px, light and dark, the
// overview, a goal page, plan health, the map and the roadmap are screenshotted; at 375 px the
// goals start on the first screen and nothing is wider than the screen; no two labels of a chart
// or sparkline overlap and none is clipped; axe-core finds no serious or critical violation at
// 1366 px, in the light and in the dark colour scheme.
//
// Usage: node scale.mjs SITE_DIR SHOTS_DIR LABEL
// Exit code 0 when every check passes; failures are printed one per line.

import { mkdirSync, readFileSync } from "node:fs";
import { join, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { axe, launch } from "./common.mjs";

const [siteArg, shotsArg, label] = process.argv.slice(2);
if (!siteArg || !shotsArg || !label) {
  console.error("usage: node scale.mjs SITE_DIR SHOTS_DIR LABEL");
  process.exit(2);
}
const site = resolve(siteArg);
const shots = resolve(shotsArg);
mkdirSync(shots, { recursive: true });
const failures = [];
const fail = (message) => { failures.push(message); console.log(`FAIL ${label}: ${message}`); };
const root = pathToFileURL(site + sep).href;

// The first goal the overview links to: the most urgent.
const overview = readFileSync(join(site, "index.html"), "utf8");
const goal = (overview.match(/href="(goals\/(?!index\.html)[^"/]+\.html)"/) || [])[1];
if (!goal) fail("the overview links to no goal");
const pages = [["overview", "index.html"], ["goal", goal], ["health", "health.html"], ["map", "map.html"], ["roadmap", "roadmap.html"]];
// The map and the roadmap have scripts of their own for their checks (map.mjs, roadmap.mjs):
// here they are looked at in every language.
const pictures = new Set(["map", "roadmap"]);

const browser = await launch();

/** No two visible text labels of a chart or sparkline overlap; none leaves its picture. */
async function labelsApart(page, name) {
  const problems = await page.evaluate(() => {
    const out = [];
    for (const svg of document.querySelectorAll("svg.chart, svg.spark")) {
      const frame = svg.getBoundingClientRect();
      if (frame.width === 0) continue;
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
    return out;
  });
  for (const problem of problems) fail(`${name}: label ${problem}`);
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
        await labelsApart(page, view);
        if (width === 375) {
          const wide = await page.evaluate(() => document.documentElement.scrollWidth);
          if (wide > 376) fail(`${view}: ${wide}px wide`);
        }
        if (width === 375 && name === "overview") {
          const top = await page.evaluate(() => document.getElementById("goals-heading").getBoundingClientRect().top);
          if (top > 812) fail(`${view}: the goals start ${Math.round(top)}px down, below the first screen`);
        }
        // Full pages of a large plan are tall: the first screens are what is reviewed.
        const fullPage = (await page.evaluate(() => document.documentElement.scrollHeight)) < 4000;
        await page.screenshot({ path: join(shots, `${label}-${name}-${width}-${scheme}.png`), fullPage });
        if (width === 1366 && !pictures.has(name)) await axe(page, view, fail);
      }
      await context.close();
    }
  }
} catch (error) {
  fail(`unexpected: ${error.stack || error}`);
} finally {
  await browser.close();
}
console.log(failures.length ? `${label}: ${failures.length} failure(s)` : `${label}: every view passed`);
process.exit(failures.length ? 1 : 0);
