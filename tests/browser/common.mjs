// What every browser check shares: Chromium launched headless with the flags this machine needs
// (no sandbox as root, no background network, a fresh profile), and axe-core run on a page.

import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);

/** Debian's Chromium (or $CHROMIUM), headless, with no request to the outside world. */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/**
 * Runs axe-core on the page: each serious or critical violation goes to `fail`, the others to
 * `note` (when given), as `NAME: axe IMPACT ID (N×): HELP — TARGETS`.
 */
export async function axe(page, name, fail, note) {
  await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
  const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  for (const v of results.violations) {
    const targets = v.nodes.slice(0, 2).map((n) => n.target).join(" ");
    const line = `${name}: axe ${v.impact} ${v.id} (${v.nodes.length}×): ${v.help} — ${targets}`;
    if (v.impact === "serious" || v.impact === "critical") fail(line);
    else if (note) note(line);
  }
}

/**
 * Saves a screenshot for review. Chromium under heavy load sometimes answers "Unable to capture
 * screenshot" once: the capture is tried again after a moment, and a second failure is thrown.
 */
export async function screenshot(page, options) {
  try {
    await page.screenshot(options);
  } catch (error) {
    if (!String(error).includes("Unable to capture screenshot")) throw error;
    await page.waitForTimeout(500);
    await page.screenshot(options);
  }
}
