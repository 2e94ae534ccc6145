// Browser tests: the real `thads serve` on a fresh database (the sample organization
// imported with `thads import units`, an administrator added with `thads user add`),
// driven in Debian's Chromium through playwright-core.
// Usage: node tests/browser/run.mjs PATH/TO/thads
// Prints one line per test and ends with "browser: N passed, N failed".
import { chromium } from "playwright-core";
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const bin = process.argv[2];
if (!bin) {
  console.error("usage: node run.mjs PATH/TO/thads");
  process.exit(2);
}
const ADMIN = "admin.na";
const CENTRAL = "admin.cuc";
const OFFICER = "chv.lan"; // the central department sees old and new provincial trees
const PASSWORD = "Mật khẩu quản trị 2026";

function prepare(dir) {
  const db = `sqlite:${dir}/t.db`;
  execFileSync(bin, ["import", "units", "docs/samples/units.csv", "--db", db], { stdio: "pipe" });
  execFileSync(bin, ["user", "add", ADMIN, "--name", "Nguyễn Thị Quản Trị", "--unit", "THADS-NA",
    "--role", "admin,leader", "--password-stdin", "--db", db], { input: PASSWORD + "\n", stdio: "pipe" });
  execFileSync(bin, ["user", "add", OFFICER, "--name", "Trần Thị Lan", "--unit", "NA-KV1",
    "--role", "officer", "--password-stdin", "--db", db], { input: PASSWORD + "\n", stdio: "pipe" });
  execFileSync(bin, ["user", "add", CENTRAL, "--name", "Trần Văn Trung Ương", "--unit", "CQLTHADS",
    "--role", "admin", "--password-stdin", "--db", db], { input: PASSWORD + "\n", stdio: "pipe" });
  return db;
}

function startServer() {
  const dir = mkdtempSync(join(tmpdir(), "thads-browser-"));
  const db = prepare(dir);
  const proc = spawn(bin, ["serve", "--db", db, "--listen", "127.0.0.1:0", "--quiet"], {
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

async function signIn(page, base, username = ADMIN) {
  await page.goto(base + "/");
  await page.waitForSelector("#view-login:not(.hidden)");
  await page.fill("#login-form input[name=username]", username);
  await page.fill("#login-form input[name=password]", PASSWORD);
  await page.click("#login-form button[type=submit]");
  await page.waitForSelector("#view-home:not(.hidden)");
}

function expectEqual(got, want, what) {
  if (got !== want) throw new Error(`${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
}

const tests = [];
const test = (name, fn) => tests.push({ name, fn });

test("a wrong password is refused in Vietnamese", async ({ page, base }) => {
  await page.goto(base + "/");
  await page.waitForSelector("#view-login:not(.hidden)");
  expectEqual(await page.textContent("h1"), "Hệ thống quản lý thi hành án dân sự", "title");
  await page.fill("#login-form input[name=username]", ADMIN);
  await page.fill("#login-form input[name=password]", "không phải mật khẩu");
  await page.click("#login-form button[type=submit]");
  await page.waitForFunction(() => document.querySelector("#login-error").textContent.length > 0);
  expectEqual(await page.textContent("#login-error"), "Tên đăng nhập hoặc mật khẩu không đúng.", "error");
});

test("signing in shows my account and the system status", async ({ page, base }) => {
  await signIn(page, base);
  await page.waitForSelector("#st-state.ok");
  expectEqual(await page.textContent("#me-unit"), "Thi hành án dân sự tỉnh Nghệ An", "unit");
  expectEqual(await page.textContent("#st-state"), "Hoạt động bình thường", "state");
  if (!(await page.textContent("#me-roles")).includes("Quản trị hệ thống")) throw new Error("roles");
  mkdirSync("build/screenshots", { recursive: true });
  await page.screenshot({ path: "build/screenshots/home.png", fullPage: true });
});

test("the unit tree shows the 2025 reorganization by date", async ({ page, base }) => {
  await signIn(page, base, CENTRAL);
  await page.click("nav a[data-view=units]");
  await page.waitForSelector("#units-body tr[data-code='NA-KV1']");
  if (await page.$("#units-body tr[data-code='CC-VINH']")) throw new Error("closed district office listed today");
  await page.fill("#units-at", "2025-06-01");
  await page.dispatchEvent("#units-at", "change");
  await page.waitForSelector("#units-body tr[data-code='CC-VINH']");
  if (await page.$("#units-body tr[data-code='NA-KV1']")) throw new Error("regional office listed before it existed");
  await page.screenshot({ path: "build/screenshots/units.png", fullPage: true });
});

test("an administrator adds a unit and a user", async ({ page, base }) => {
  await signIn(page, base);
  await page.click("nav a[data-view=units]");
  await page.waitForSelector("#units-body tr[data-code='NA-KV1']");
  await page.fill("#unit-form input[name=code]", "NA-KV5");
  await page.fill("#unit-form input[name=name_vi]", "Phòng Thi hành án dân sự khu vực 5 - Nghệ An");
  await page.selectOption("#unit-kind", "regional_office");
  await page.selectOption("#unit-parent", { label: "THADS-NA — Thi hành án dân sự tỉnh Nghệ An" });
  await page.click("#unit-form button[type=submit]");
  await page.waitForSelector("#units-body tr[data-code='NA-KV5']");

  await page.click("nav a[data-view=users]");
  await page.waitForSelector("#users-body tr[data-username='admin.na']");
  await page.fill("#user-form input[name=username]", "chv.hoa");
  await page.fill("#user-form input[name=full_name]", "Phan Thị Hoa");
  await page.selectOption("#user-role", "officer");
  await page.fill("#user-form input[name=password]", "1234567890");
  await page.click("#user-form button[type=submit]");
  await page.waitForFunction(() => document.querySelector("#user-error").textContent.length > 0);
  if (!(await page.textContent("#user-error")).includes("phổ biến")) throw new Error("weak password not explained");
  await page.fill("#user-form input[name=password]", "Hoa thi hành án 2026");
  await page.click("#user-form button[type=submit]");
  await page.waitForSelector("#users-body tr[data-username='chv.hoa']");

  await page.click("nav a[data-view=audit]");
  await page.waitForSelector("#audit-body tr");
  const text = await page.textContent("#audit-body");
  if (!text.includes("POST /api/units") || !text.includes("POST /api/users")) throw new Error("audit trail misses the changes");
});

test("an officer opens a case, records the decision and sees the timeline", async ({ page, base }) => {
  await signIn(page, base, OFFICER);
  // Open a case through the API, as the intake desk's software would.
  const created = await page.evaluate(async () => {
    const s = await (await fetch("/api/session")).json();
    const units = await (await fetch("/api/units")).json();
    const kv1 = units.units.find((u) => u.code === "NA-KV1");
    const r = await fetch("/api/cases", {
      method: "POST", headers: { "Content-Type": "application/json", "X-CSRF-Token": s.csrf_token },
      body: JSON.stringify({
        unit_id: kv1.id, case_no: "46/QĐ-THADS", source: "application", category: "credit",
        received_on: new Date(Date.now() + 7 * 3600e3 - 3 * 86400e3).toISOString().slice(0, 10),
        judgment: { number: "12/2026/KDTM-ST", date: "2026-01-15", court: "TAND khu vực 1 - Nghệ An" },
        parties: [
          { role: "creditor", kind: "organization", full_name: "Ngân hàng Nông nghiệp và Phát triển Nông thôn - Chi nhánh Nghệ An", id_number: "0100686174-042" },
          { role: "debtor", kind: "person", full_name: "Nguyễn Văn Đức", id_number: "040085007788" },
        ],
        items: [{ content_type: "pay_money", description: "Nợ gốc và lãi", amount_vnd: 1250000000, creditor: 0 }],
      }),
    });
    return r.status;
  });
  expectEqual(created, 201, "case created");
  await page.click("nav a[data-view=cases]");
  await page.waitForSelector("#cases-body tr[data-case='46/QĐ-THADS']");
  if (!(await page.textContent("#cases-body")).includes("1.250.000.000 đ")) throw new Error("amount not shown in Vietnamese format");
  // Typed without diacritics, the debtor's name still finds the case.
  await page.fill("#search-q", "nguyen van duc");
  await page.press("#search-q", "Enter");
  await page.waitForFunction(() => document.querySelector("#cases-body").textContent.includes("Nguyễn Văn Đức"));
  await page.click("#cases-body a");
  await page.waitForSelector("#case-timeline li");
  expectEqual(await page.textContent("#case-title"), "46/QĐ-THADS — Phòng Thi hành án dân sự khu vực 1 - Nghệ An", "title");
  await page.selectOption("#event-type", "decided");
  await page.fill("#event-form input[name=document_no]", "46/QĐ-THADS");
  await page.click("#event-form button[type=submit]");
  await page.waitForFunction(() => document.querySelectorAll("#case-timeline li").length === 2);
  if (!(await page.textContent("#case-timeline")).includes("Ra quyết định thi hành án")) throw new Error("timeline");
  // The law refuses completing a case that was only just decided; the reason is shown.
  await page.selectOption("#event-type", "completed");
  await page.click("#event-form button[type=submit]");
  await page.waitForFunction(() => document.querySelector("#event-error").textContent.includes("không"));
  await page.screenshot({ path: "build/screenshots/case.png", fullPage: true });
  // The decision met its deadline (D6) and started the one to notify the parties (D9).
  const deadlines = await page.textContent("#case-deadlines");
  if (!deadlines.includes("đúng hạn") || !deadlines.includes("đang chạy")) throw new Error("deadlines: " + deadlines);
  // Not assigned to this officer yet: their own worklist is empty.
  await page.click("nav a[data-view=worklist]");
  await page.waitForSelector("#worklist-body tr");
  expectEqual(await page.textContent("#worklist-body"), "Không có thời hạn nào sắp đến.", "worklist");
});

test("language switch shows English and is remembered", async ({ page, base }) => {
  await signIn(page, base);
  await page.click("#lang");
  expectEqual(await page.textContent("h1"), "Civil Judgment Enforcement Case Management", "title");
  expectEqual(await page.getAttribute("html", "lang"), "en", "html lang");
  await page.reload();
  await page.waitForSelector("#view-home:not(.hidden)");
  expectEqual(await page.textContent("nav a[data-view=units]"), "Units", "nav after reload");
  await page.click("#lang");
  expectEqual(await page.textContent("h1"), "Hệ thống quản lý thi hành án dân sự", "back to vi");
});

test("signing out returns to the sign-in form", async ({ page, base }) => {
  await signIn(page, base);
  await page.click("#logout");
  await page.waitForSelector("#view-login:not(.hidden)");
  await page.reload();
  await page.waitForSelector("#view-login:not(.hidden)");
});

let passed = 0;
let failed = 0;
let server;
let browser;
const consoleErrors = [];
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
    // Chromium logs every 4xx answer as "Failed to load resource"; the tests provoke
    // those on purpose (401 before signing in, 400 for a weak password). Anything else
    // logged as an error — a script error, a CSP violation — fails the run.
    page.on("console", (m) => {
      if (m.type() === "error" && !/^Failed to load resource: the server responded with a status of 4\d\d/.test(m.text()))
        consoleErrors.push(t.name + ": " + m.text());
    });
    page.on("pageerror", (e) => consoleErrors.push(t.name + ": " + e.message));
    try {
      await t.fn({ page, base: server.base });
      passed++;
      console.log("ok   " + t.name);
    } catch (e) {
      failed++;
      console.log("FAIL " + t.name + ": " + e.message);
    }
    await context.close();
  }
  if (consoleErrors.length) {
    failed++;
    console.log("FAIL no console errors or CSP violations: " + consoleErrors.join("; "));
  } else {
    passed++;
    console.log("ok   no console errors or CSP violations");
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
