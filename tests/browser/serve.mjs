// Opens pages of a running `stratagem serve` in headless Chromium, edits the document behind the
// first on disk, and expects that page to reload by itself and show the edit; with two more
// URLs, expects the second (a page that shows the document too) to reload and show it, and the
// third (a page that does not) to stay as it was.
//
// Usage: node serve.mjs PAGE_URL MARKDOWN_FILE OLD_TEXT NEW_TEXT [ALSO_URL UNTOUCHED_URL]
import { readFileSync, writeFileSync } from "node:fs";
import { axe, launch } from "./common.mjs";

const [url, file, oldText, newText, alsoUrl, untouchedUrl] = process.argv.slice(2);
const browser = await launch();

// Opens a page and marks this copy of it: a reload clears the mark.
async function open(address) {
  const page = await browser.newPage();
  await page.goto(address);
  // Wait until the page listens for reloads.
  await page.waitForTimeout(300);
  await page.evaluate(() => { window.__beforeEdit = true; });
  return page;
}

const reloaded = (page) => page.evaluate(() => window.__beforeEdit === undefined);

let failed = false;
try {
  const page = await open(url);
  const also = alsoUrl && await open(alsoUrl);
  const untouched = untouchedUrl && await open(untouchedUrl);
  const h1 = await page.textContent("h1");
  if (!h1.includes(oldText)) throw new Error(`the page shows ${h1}, not ${oldText}`);
  const started = Date.now();
  writeFileSync(file, readFileSync(file, "utf8").replace(oldText, newText));
  await page.waitForFunction((text) => document.querySelector("h1")?.textContent.includes(text), newText, { timeout: 10000 });
  if (!await reloaded(page)) throw new Error("the heading changed but the page did not reload");
  console.log(`the page reloaded by itself ${Date.now() - started} ms after the save`);
  if (also) {
    await also.waitForFunction((text) => document.body.textContent.includes(text), newText, { timeout: 10000 });
    if (!await reloaded(also)) throw new Error(`${alsoUrl} shows the edit without having reloaded`);
    console.log(`the other page that shows it reloaded ${Date.now() - started} ms after the save`);
    // Every event of the edit has been sent by now; give the untouched page time to react.
    await untouched.waitForTimeout(500);
    if (await reloaded(untouched)) throw new Error(`${untouchedUrl} reloaded, though the edit did not change it`);
    console.log("the page the edit did not change stayed as it was");
  }
} catch (error) {
  failed = true;
  console.log(`FAIL ${error.message}`);
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
