// Browser tests: the real `thads serve` on a fresh database, driven in Debian's
// Chromium through playwright-core. Usage: node tests/browser/run.mjs PATH/TO/thads
// Prints one line per test and ends with "browser: N passed, N failed".
import { chromium } from "playwright-core";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const bin = process.argv[2];
if (!bin) {
  console.error("usage: node run.mjs PATH/TO/thads");
  process.exit(2);
}

function startServer() {
  const dir = mkdtempSync(join(tmpdir(), "thads-browser-"));
  const proc = spawn(bin, ["serve", "--db", `sqlite:${dir}/t.db`, "--listen", "127.0.0.1:0", "--quiet"], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let err = "";
    const timer = setTimeout(() => reject(new Error("server did not start: " + err)), 15000);
    proc.stderr.on("data", (d) => {
      err += d;
      const m = /\(port (\d+),/.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve({ proc, dir, base: `http://127.0.0.1:${m[1]}` });
      }
    });
    proc.on("exit", (code) => reject(new Error(`server exited ${code}: ${err}`)));
  });
}

const tests = [];
const test = (name, fn) => tests.push({ name, fn });

test("home page shows system status in Vietnamese", async ({ page, base }) => {
  await page.goto(base + "/");
  await page.waitForSelector("#st-state.ok");
  const h1 = await page.textContent("h1");
  if (h1 !== "Hệ thống quản lý thi hành án dân sự") throw new Error("title: " + h1);
  const state = await page.textContent("#st-state");
  if (state !== "Hoạt động bình thường") throw new Error("state: " + state);
  const db = await page.textContent("#st-db");
  if (db !== "sqlite") throw new Error("db: " + db);
  mkdirSync("build/screenshots", { recursive: true });
  await page.screenshot({ path: "build/screenshots/home.png", fullPage: true });
});

test("language switch shows English and is remembered", async ({ page, base }) => {
  await page.goto(base + "/");
  await page.waitForSelector("#st-state.ok");
  await page.click("#lang");
  const h1 = await page.textContent("h1");
  if (h1 !== "Civil Judgment Enforcement Case Management") throw new Error("title: " + h1);
  if ((await page.getAttribute("html", "lang")) !== "en") throw new Error("html lang not en");
  await page.reload();
  await page.waitForSelector("#st-state.ok");
  const state = await page.textContent("#st-state");
  if (state !== "Operating normally") throw new Error("after reload: " + state);
  await page.click("#lang");
  if ((await page.textContent("h1")) !== "Hệ thống quản lý thi hành án dân sự") throw new Error("back to vi");
});

test("no console errors or CSP violations", async ({ page, base, errors }) => {
  await page.goto(base + "/");
  await page.waitForSelector("#st-state.ok");
  if (errors.length) throw new Error(errors.join("; "));
});

let passed = 0;
let failed = 0;
let server;
let browser;
try {
  server = await startServer();
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  for (const t of tests) {
    const context = await browser.newContext({ locale: "vi-VN" });
    const page = await context.newPage();
    const errors = [];
    page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
    page.on("pageerror", (e) => errors.push(e.message));
    try {
      await t.fn({ page, base: server.base, errors });
      passed++;
      console.log("ok   " + t.name);
    } catch (e) {
      failed++;
      console.log("FAIL " + t.name + ": " + e.message);
    }
    await context.close();
  }
} catch (e) {
  failed++;
  console.log("FAIL setup: " + e.message);
} finally {
  if (browser) await browser.close();
  if (server) {
    server.proc.kill("SIGTERM");
    rmSync(server.dir, { recursive: true, force: true });
  }
}
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
