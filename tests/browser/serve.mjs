// Opens a page of a running `stratagem serve` in headless Chromium, edits the document behind it
// on disk, and expects the page to reload by itself and show the edit.
//
// Usage: node serve.mjs PAGE_URL MARKDOWN_FILE OLD_TEXT NEW_TEXT
import { readFileSync, writeFileSync } from "node:fs";
import { chromium } from "playwright-core";

const [url, file, oldText, newText] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"],
});
let failed = false;
try {
  const page = await browser.newPage();
  await page.goto(url);
  // Wait until the page listens for reloads, then mark this copy of the page.
  await page.waitForTimeout(300);
  await page.evaluate(() => { window.__beforeEdit = true; });
  const h1 = await page.textContent("h1");
  if (!h1.includes(oldText)) throw new Error(`the page shows ${h1}, not ${oldText}`);
  const started = Date.now();
  writeFileSync(file, readFileSync(file, "utf8").replace(oldText, newText));
  await page.waitForFunction((text) => document.querySelector("h1")?.textContent.includes(text), newText, { timeout: 10000 });
  const reloaded = await page.evaluate(() => window.__beforeEdit === undefined);
  if (!reloaded) throw new Error("the heading changed but the page did not reload");
  console.log(`the page reloaded by itself ${Date.now() - started} ms after the save`);
} catch (error) {
  failed = true;
  console.log(`FAIL ${error.message}`);
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
