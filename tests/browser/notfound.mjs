// Checks the 404 page of a built stratagem site as a host serves it: for any missing address, at
// any depth, with status 404 (as GitHub Pages, Netlify or nginx's `error_page` do). Every link,
// the stylesheet and the search form of the page it shows must resolve, under the sub-path the
// site was built for; and the same page opened from disk (file://) must link to files that exist.
//
// Usage: node notfound.mjs SITE_DIR SUB_PATH   (SUB_PATH as the site's base_url, e.g. /team/plan/)
// Exit code 0 when every check passes; failures are printed one per line.

import { createServer } from "node:http";
import { existsSync, readFileSync, statSync } from "node:fs";
import { extname, join, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { axe, launch } from "./common.mjs";

const [siteArg, prefix] = process.argv.slice(2);
if (!siteArg || !prefix || !prefix.startsWith("/") || !prefix.endsWith("/")) {
  console.error("usage: node notfound.mjs SITE_DIR SUB_PATH (with a leading and a trailing /)");
  process.exit(2);
}
const site = resolve(siteArg);
const failures = [];
const fail = (message) => { failures.push(message); console.log(`FAIL ${message}`); };
const types = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript" };

// A host: the site under `prefix`; anything missing answers 404 with the site's 404.html.
const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url, "http://127.0.0.1").pathname);
  let file = path.startsWith(prefix) ? resolve(site, "." + sep + path.slice(prefix.length)) : null;
  if (file && file !== site && !file.startsWith(site + sep)) file = null;
  if (file && existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
  if (!file || !existsSync(file)) {
    res.writeHead(404, { "content-type": types[".html"] });
    return res.end(readFileSync(join(site, "404.html")));
  }
  res.writeHead(200, { "content-type": types[extname(file)] || "application/octet-stream" });
  res.end(readFileSync(file));
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const host = `http://127.0.0.1:${server.address().port}`;

const browser = await launch();
const page = await (await browser.newContext()).newPage();
page.on("pageerror", (error) => fail(`script error on ${page.url()}: ${error.message}`));

/** The page's links, stylesheet and form targets, resolved by the browser. */
async function targets() {
  return page.evaluate(() => [
    ...[...document.querySelectorAll("a[href]")].filter((a) => !a.getAttribute("href").startsWith("#")).map((a) => a.href),
    ...[...document.querySelectorAll("link[rel=stylesheet]")].map((l) => l.href),
    ...[...document.querySelectorAll("form[action]")].map((f) => f.action),
  ]);
}

/** The stylesheet applied (the header is laid out as a flex row only by it). */
async function styled(label) {
  const display = await page.evaluate(() => getComputedStyle(document.querySelector(".site-header")).display);
  if (display !== "flex") fail(`${label}: the stylesheet did not load (header display ${display})`);
}

try {
  for (const missing of ["nope.html", "goals/nope.html", "goals/a/b/c/deeper.html", "no/such/folder/"]) {
    const url = `${host}${prefix}${missing}`;
    const response = await page.goto(url);
    if (response.status() !== 404) fail(`${url} answered ${response.status()}, not 404`);
    await styled(url);
    const found = await targets();
    if (found.length < 10) fail(`${url}: only ${found.length} links`);
    for (const target of found) {
      const answer = await fetch(target.split("#")[0].split("?")[0]);
      if (answer.status !== 200) fail(`the 404 page at ${missing} links to ${target}, which answered ${answer.status}`);
    }
    console.log(`404 at ${prefix}${missing}: ${found.length} links resolve`);
  }
  await page.goto(pathToFileURL(join(site, "404.html")).href);
  await styled("file:// 404.html");
  const found = await targets();
  for (const target of found) {
    const path = target.startsWith("file:") ? fileURLToPath(target.split("#")[0].split("?")[0]) : target;
    if (!target.startsWith("file:") || !existsSync(path)) fail(`file:// 404.html links to ${target}, which is not a file of the site`);
  }
  console.log(`404 from file://: ${found.length} links resolve`);
} catch (error) {
  fail(`unexpected: ${error.stack || error}`);
} finally {
  await browser.close();
  server.close();
}
console.log(failures.length ? `${failures.length} failure(s)` : "the 404 page works at any depth and from disk");
process.exit(failures.length ? 1 : 0);
