// Browser tests: the real `thads serve` on the demo database (`thads demo`: the Nghệ An
// organization before and after the 2025 reorganization, one user for each role, cases in
// every state), driven in Debian's Chromium through playwright-core with a browser locale
// that is NOT Vietnamese (en-US), so dates and numbers must not follow the browser.
// Each test is one user's journey or one thing that was seen wrong (issue 13).
// Screenshots of every page at 1366x768 and 390 px go to build/screenshots/.
// Usage: node tests/browser/run.mjs PATH/TO/thads
// Prints one line per test and ends with "browser: N passed, N failed".
import { chromium } from "playwright-core";
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { moneyTests } from "./money.mjs";
import { prisonTests } from "./prison.mjs";
import { reportTests } from "./report.mjs";
import { adminJudgmentTests } from "./admin_judgments.mjs";

const bin = process.argv[2];
if (!bin) {
  console.error("usage: node run.mjs PATH/TO/thads");
  process.exit(2);
}
const SHOTS = "build/screenshots";
const PASSWORD = "Mật khẩu thử nghiệm 2026";
const accounts = {};

function prepare(dir) {
  const db = `sqlite:${dir}/t.db`;
  const out = execFileSync(bin, ["demo", "--db", db, "--cases", "400"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  // "  chv.minh       officer            NA-KV1     n9ee-gpdq-xbec-k2m4"
  for (const m of out.matchAll(/^ {2}(\S+)\s+(\S+)\s+(\S+)\s+([a-z0-9]{4}(?:-[a-z0-9]{4}){3})$/gm)) accounts[m[1]] = m[4];
  if (!accounts["chv.minh"]) throw new Error("demo accounts not found in: " + out.slice(-800));
  return db;
}

function startServer() {
  const dir = mkdtempSync(join(tmpdir(), "thads-browser-"));
  const db = prepare(dir);
  const proc = spawn(bin, ["serve", "--db", db, "--listen", "127.0.0.1:0", "--quiet"], { stdio: ["ignore", "ignore", "pipe"] });
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

async function signIn(page, base, username, password = accounts[username]) {
  await page.goto(base + "/");
  await page.waitForSelector("#login-form");
  await page.fill("#login-form input[name=username]", username);
  await page.fill("#login-form input[name=password]", password);
  await page.click("#login-form button[type=submit]");
  await page.waitForSelector("#view-home, #must-change");
}

function expectEqual(got, want, what) {
  if (got !== want) throw new Error(`${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
}
function expect(cond, what) {
  if (!cond) throw new Error(what);
}

// The page at both widths, into build/screenshots/NAME-1366.png and NAME-390.png; at
// 390 px nothing may be wider than the screen (seen 8: tables overflowed).
async function shot(page, name) {
  mkdirSync(SHOTS, { recursive: true });
  await page.waitForLoadState("networkidle");
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.screenshot({ path: `${SHOTS}/${name}-1366.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(100);
  await page.screenshot({ path: `${SHOTS}/${name}-390.png`, fullPage: true });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  await page.setViewportSize({ width: 1366, height: 768 });
  expect(wide <= 390, `${name}: the page is ${wide} px wide on a 390 px screen`);
}

// The API as the signed-in page sees it.
const apiGet = (page, path) => page.evaluate(async (p) => (await fetch(p)).json(), path);
const rowsOf = (page, sel) => page.$$eval(`${sel} tbody tr`, (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent.trim())));
const headersOf = (page, sel) => page.$$eval(`${sel} thead th`, (ths) => ths.map((th) => th.textContent.replace(/[▲▼]/g, "").trim()));

const tests = [];
const test = (name, fn) => tests.push({ name, fn });

test("a wrong password is refused in Vietnamese", async ({ page, base }) => {
  await page.goto(base + "/");
  await page.waitForSelector("#login-form");
  expectEqual(await page.textContent("h1"), "Hệ thống quản lý thi hành án dân sự", "title");
  await shot(page, "login");
  await page.fill("#login-form input[name=username]", "chv.minh");
  await page.fill("#login-form input[name=password]", "không phải mật khẩu");
  await page.click("#login-form button[type=submit]");
  await page.waitForSelector("#login-form .form-msg.error");
  expectEqual(await page.textContent("#login-form .form-msg"), "Tên đăng nhập hoặc mật khẩu không đúng.", "error");
});

test("seen 1: the search results show names under the name column", async ({ page, base }) => {
  await signIn(page, base, "chv.minh");
  await page.click("nav a[data-view=cases]");
  await page.waitForSelector("#cases-table tbody tr[data-case]");
  await shot(page, "cases");
  await page.fill("#search-q", "nguyen van");
  await page.press("#search-q", "Enter");
  await page.waitForSelector("#search-table tbody tr[data-case]");
  const head = await headersOf(page, "#search-table");
  const rows = await rowsOf(page, "#search-table");
  const name = head.indexOf("Đương sự"), state = head.indexOf("Trạng thái"), jno = head.indexOf("Số bản án, quyết định");
  expect(name >= 0 && state >= 0 && jno >= 0, "columns: " + head.join(" | "));
  const api = await apiGet(page, "/api/search?limit=100&q=nguyen%20van");
  expect(rows.length === api.results.length && rows.length > 0, `${rows.length} rows, API ${api.results.length}`);
  for (const r of rows) {
    const found = api.results.find((x) => x.case_no === r[0]);
    expect(found && found.parties.every((p) => r[name].includes(p.name)), `row ${r.join(" | ")}: the parties are not under the name column`);
    expect(r[state].length > 0 && !/\d/.test(r[state]), `row ${r.join(" | ")}: no state under the state column`);
    expect(/\d+\/\d{4}\//.test(r[jno]), `row ${r.join(" | ")}: no judgment number under its column`);
  }
  await shot(page, "search");
});

test("seen 2: dates read dd/mm/yyyy and are typed dd/mm/yyyy whatever the browser's locale", async ({ page, base }) => {
  await signIn(page, base, "chv.minh");
  const list = await apiGet(page, "/api/cases?limit=1&officer=me");
  const c = list.cases[0];
  await page.goto(base + "/case/" + c.id);
  await page.waitForSelector("#case-facts");
  const main = await page.textContent("main");
  expect(!/\d{4}-\d{2}-\d{2}/.test(main), "an ISO date is shown: " + /\d{4}-\d{2}-\d{2}/.exec(main));
  const [y, m, d] = c.received_on.split("-");
  expect(main.includes(`${d}/${m}/${y}`), `received ${c.received_on} is not shown as ${d}/${m}/${y}`);
  expectEqual(await page.getAttribute("#event-form input[name=occurred_on]", "type"), "text", "date input type");
  expectEqual(await page.getAttribute("#event-form input[name=occurred_on]", "placeholder"), "dd/mm/yyyy", "date placeholder");
  // A date that does not exist is refused beside the field, before anything is sent.
  await page.selectOption("#event-form select[name=type]", "note");
  await page.fill("#event-form input[name=occurred_on]", "31/02/2026");
  await page.fill("#event-form textarea[name=reason]", "Ghi chú thử");
  await page.click("#event-form button[type=submit]");
  await page.waitForSelector("#event-form .field.invalid input[name=occurred_on]");
  expect((await page.textContent("#event-form .field.invalid .field-error")).includes("dd/mm/yyyy"), "date error beside the field");
  await shot(page, "case");
});

test("seen 3: the audit trail reads in words with Vietnam times", async ({ page, base }) => {
  await signIn(page, base, "quantri.na");
  await page.click("nav a[data-view=audit]");
  await page.waitForSelector("#audit-table tbody tr");
  const api = await apiGet(page, "/api/audit?limit=1");
  const at = new Date(Date.parse(api.entries[0].at) + 7 * 3600e3);
  const p = (n) => String(n).padStart(2, "0");
  const want = `${p(at.getUTCDate())}/${p(at.getUTCMonth() + 1)}/${at.getUTCFullYear()} ${p(at.getUTCHours())}:${p(at.getUTCMinutes())}`;
  const rows = await rowsOf(page, "#audit-table");
  expectEqual(rows[0][0], want, "first row's time in Asia/Ho_Chi_Minh");
  const text = await page.textContent("#audit-table tbody");
  expect(!/\b(GET|POST|PATCH|DELETE) \/api\//.test(text), "raw request lines in the audit trail");
  expect(!rows.some((r) => /^\d{3}$/.test(r[2])), "an HTTP code as the result");
  await shot(page, "audit");
});

test("the audit trail filters by kind, user and date", async ({ page, base }) => {
  // A failed sign-in to find.
  await page.goto(base + "/");
  await page.waitForSelector("#login-form");
  await page.fill("#login-form input[name=username]", "chv.dung");
  await page.fill("#login-form input[name=password]", "sai mật khẩu");
  await page.click("#login-form button[type=submit]");
  await page.waitForSelector("#login-form .form-msg.error");
  await signIn(page, base, "quantri.na");
  await page.goto(base + "/audit");
  await page.waitForSelector("#audit-filter [name=kind]");
  await page.selectOption("#audit-filter [name=kind]", "sign_in_failed");
  const p = (n) => String(n).padStart(2, "0");
  const now = new Date(Date.now() + 7 * 3600e3);
  const today = `${p(now.getUTCDate())}/${p(now.getUTCMonth() + 1)}/${now.getUTCFullYear()}`;
  await page.fill("#audit-filter [name=from]", today);
  await page.click("#audit-filter button[type=submit]");
  await page.waitForURL(/kind=sign_in_failed/);
  await page.waitForSelector("#audit-table tbody tr");
  const rows = await rowsOf(page, "#audit-table");
  expect(rows.length >= 1 && rows.every((r) => r[0].startsWith(today) && /Bị từ chối|Từ chối|không thành công/i.test(r[1] + r[2])), "rows: " + JSON.stringify(rows.slice(0, 3)));
  expect(rows.some((r) => r[1].includes("chv.dung")), "the failed sign-in of chv.dung is not listed");
  await shot(page, "audit-filtered");
});

test("seen 4: the unit tree as of a day lists only that day's units, codes in natural order", async ({ page, base }) => {
  await signIn(page, base, "admin");
  await page.click("nav a[data-view=units]");
  await page.waitForSelector("#units-table tr[data-code='NA-KV1']");
  const codes = await page.$$eval("#units-table tbody tr", (trs) => trs.map((tr) => tr.dataset.code));
  expect(codes.indexOf("NA-KV2") < codes.indexOf("NA-KV10"), "NA-KV10 sorted before NA-KV2");
  expect(!codes.includes("CC-VINH"), "closed district office listed today");
  await shot(page, "units");
  await page.fill("#units-at", "01/01/2025");
  await page.press("#units-at", "Enter");
  await page.waitForSelector("#units-table tr[data-code='CC-VINH']");
  expect(!(await page.$("#units-table tr[data-code='NA-KV1']")), "a unit of 2025-07-01 listed as of 01/01/2025");
});

test("seen 5: the menu offers only what the user may open; a URL without the permission says so", async ({ page, base }) => {
  await signIn(page, base, "admin");
  const menu = await page.$$eval("nav a", (as) => as.map((a) => a.dataset.view));
  expect(!menu.includes("cases") && !menu.includes("worklist"), "the ministry administrator is offered cases: " + menu);
  await page.goto(base + "/cases");
  await page.waitForSelector("#page-forbidden");
  expect(!(await page.$("#cases-table")), "an empty table instead of a message");
  await shot(page, "forbidden");
  for (const who of ["bcd"]) {
    await page.click("#logout");
    await signIn(page, base, who);
    await page.waitForSelector("#home-coming");
    expect((await page.$$("#home-pages a")).length >= 1, who + ": nothing to open");
    await shot(page, "home-" + who);
  }
  // The prison officer's home is their camp's prisoners (issue 16); their menu has no cases.
  await page.click("#logout");
  await signIn(page, base, "traigiam3");
  await page.waitForSelector("#view-home.prison-home #prisoners-table");
  const prisonMenu = await page.$$eval("nav a", (as) => as.map((a) => a.dataset.view));
  expect(!prisonMenu.includes("cases") && prisonMenu.includes("prisoners") && prisonMenu.includes("exchanges"), "the prison officer's menu: " + prisonMenu);
});

test("seen 6: the secretary and the examiner see their unit's deadlines, a page at a time", async ({ page, base }) => {
  let paged = 0;
  const rowsShown = () => page.$$eval("#worklist-table tbody tr[data-id]", (trs) => trs.map((tr) => ({ id: Number(tr.dataset.id), overdue: tr.classList.contains("overdue") })));
  for (const who of ["thuky", "thamtra"]) {
    await signIn(page, base, who);
    const api = await apiGet(page, "/api/worklist?days=30&scope=unit&limit=50");
    expect(api.items.length > 0, who + ": the demo gives no deadline to compare");
    // the API a few rows a page: the second page other rows, after the first's, none twice
    const p1 = await apiGet(page, "/api/worklist?days=30&scope=unit&limit=3");
    expect(p1.next_cursor, who + ": no second page of 3");
    const p2 = await apiGet(page, "/api/worklist?days=30&scope=unit&limit=3&cursor=" + p1.next_cursor);
    const firstIds = new Set(p1.items.map((d) => d.id));
    expect(p2.items.length > 0 && p2.items.every((d) => !firstIds.has(d.id)), who + ": the second page repeats the first");
    expectEqual([...p1.items, ...p2.items].map((d) => d.id).join(), api.items.slice(0, p1.items.length + p2.items.length).map((d) => d.id).join(), who + ": pages of 3 against one of 50");
    await page.click("nav a[data-view=worklist]");
    await page.waitForSelector("#worklist-table tbody tr[data-case]");
    const count = await page.textContent("#view-worklist .pager .total");
    expect(count.includes(String(api.items.length)), `${who}: ${count}, API ${api.items.length}`);
    // a year ahead: more than a page for the examiner's unit; "Tải thêm" appends the next
    // page's rows, none twice
    await page.selectOption("#wl-days", "365");
    const year = await apiGet(page, "/api/worklist?days=365&scope=unit&limit=50");
    await page.waitForFunction((n) => /[?&]days=365/.test(location.search) && document.querySelector("#view-worklist .pager .total").textContent.includes(String(n)), year.items.length);
    if (year.next_cursor) {
      const next = await apiGet(page, "/api/worklist?days=365&scope=unit&limit=50&cursor=" + year.next_cursor);
      const ids = new Set(year.items.map((d) => d.id));
      expect(next.items.length > 0 && next.items.every((d) => !ids.has(d.id)), who + ": the API's second page repeats the first");
      await page.click("#view-worklist .pager .more");
      await page.waitForFunction((n) => document.querySelector("#view-worklist .pager .total").textContent.replace(/\D/g, "") === String(n), year.items.length + next.items.length);
      paged++;
    }
    await shot(page, "worklist-" + who);
    // overdue only: the server's filter, the same rows as the API's
    const late = await apiGet(page, "/api/worklist?days=365&scope=unit&limit=50&overdue=1");
    expect(late.items.every((d) => d.overdue), who + ": overdue=1 answers a deadline not overdue");
    await page.click("#wl-overdue");
    await page.waitForFunction((n) => /[?&]overdue=1/.test(location.search) && !document.querySelector("#view-worklist .pager .total").textContent.includes("…") &&
      document.querySelectorAll("#worklist-table tbody tr[data-id]").length === Math.min(n, 25), late.items.length);
    const shown = await rowsShown();
    expect(shown.every((r) => r.overdue), who + ": a row not overdue under 'Chỉ việc quá hạn'");
    expectEqual(shown.map((r) => r.id).join(), late.items.slice(0, 25).map((d) => d.id).join(), who + ": overdue rows against the API");
    await page.click("#logout");
  }
  expect(paged > 0, "no unit with more than a page of deadlines: 'Tải thêm' not tried");
});

test("seen 7: one name per state; deadline names in English and legal basis in Vietnamese", async ({ page, base }) => {
  await signIn(page, base, "chv.minh");
  // any enforcing case of the officer's unit: which officer holds one is the demo's draw
  const list = await apiGet(page, "/api/cases?limit=1&state=enforcing");
  const c = list.cases[0];
  await page.goto(base + "/case/" + c.id);
  await page.waitForSelector("#case-state");
  const vi = c.state_name_vi;
  expectEqual(await page.textContent("#case-state"), vi.charAt(0).toUpperCase() + vi.slice(1), "state name");
  const basis = await page.$$eval("#case-deadlines tbody tr td:nth-child(3)", (tds) => tds.map((td) => td.textContent));
  expect(basis.length > 0 && basis.every((b) => !/\b(Law|article|art\.)\b/.test(b)), "English legal basis in the Vietnamese UI: " + basis[0]);
  await page.click("#lang");
  await page.waitForFunction(() => document.documentElement.lang === "en");
  await page.waitForSelector("#case-deadlines tbody tr");
  const names = await page.$$eval("#case-deadlines tbody tr td:nth-child(2)", (tds) => tds.map((td) => td.textContent));
  expect(names.every((n) => !/[ạảấầẩẫậắằẳẵặẹẻẽếềểễệịỉọỏốồổỗộớờởỡợụủứừửữựỳỷỹỵđ]/i.test(n)), "Vietnamese deadline names in English: " + names[0]);
  await shot(page, "case-en");
});

test("the officer opens a case, records the decision and the voluntary period's end, and sees the deadlines move", async ({ page, base }) => {
  await signIn(page, base, "chv.minh");
  await shot(page, "home-officer");
  await page.click("nav a[data-view=cases]");
  await page.click("#new-case");
  await page.waitForSelector("#case-form");
  await page.fill("#case-form [name=case_no]", "46/QĐ-THADS");
  await page.selectOption("#case-form [name=category]", "credit");
  await page.fill("#case-form [name='judgment.number']", "12/2026/KDTM-ST");
  await page.fill("#case-form [name='judgment.date']", "15/01/2026");
  await page.fill("#case-form [name='judgment.court']", "Tòa án nhân dân khu vực 1 - Nghệ An");
  await page.fill("#case-form [name='parties[0].full_name']", "Ngân hàng Nông nghiệp và Phát triển Nông thôn - Chi nhánh Nghệ An");
  await page.selectOption("#case-form [name='parties[0].kind']", "organization");
  await page.fill("#case-form [name='parties[1].full_name']", "Nguyễn Văn Đức");
  await page.fill("#case-form [name='parties[1].id_number']", "040085007788");
  await page.fill("#case-form [name='items[0].description']", "Nợ gốc và lãi");
  await page.fill("#case-form [name='items[0].amount_vnd']", "1.250.000.000");
  await shot(page, "case-new");
  await page.click("#case-form button[type=submit]");
  await page.waitForSelector("#case-title");
  expectEqual(await page.textContent("#case-title"), "46/QĐ-THADS — Phòng Thi hành án dân sự khu vực 1 - Nghệ An", "title");
  expect((await page.textContent("#case-facts")).includes("1.250.000.000 đ"), "amount not shown as 1.250.000.000 đ");
  const open = () => page.$$eval("#case-deadlines tbody tr", (trs) => trs.filter((tr) => tr.textContent.includes("đang chạy")).map((tr) => tr.dataset.rule).join(","));
  const before = await open();
  // The event form shows only the chosen event's fields.
  await page.selectOption("#event-form select[name=type]", "decided");
  expect(await page.$("#event-form [name=document_no]"), "decision: no document number field");
  expect(!(await page.$("#event-form [name=amount_vnd]")), "decision: an amount field");
  await page.fill("#event-form [name=document_no]", "46/QĐ-THADS");
  await page.click("#event-form button[type=submit]");
  await page.waitForFunction(() => document.querySelectorAll("#case-timeline li").length === 2);
  const afterDecision = await open();
  expect(afterDecision !== before, `open deadlines did not move: ${before} -> ${afterDecision}`);
  await page.selectOption("#event-form select[name=type]", "notified");
  expect(await page.$("#event-form [name=service_by_posting]"), "notice: no public posting choice");
  await page.fill("#event-form [name=document_no]", "46/TB-THADS");
  await page.click("#event-form button[type=submit]");
  await page.waitForFunction(() => document.querySelectorAll("#case-timeline li").length === 3);
  const afterNotice = await open();
  await page.selectOption("#event-form select[name=type]", "voluntary_period_ended");
  await page.click("#event-form button[type=submit]");
  await page.waitForSelector("#event-form .form-msg");
  const msg = await page.textContent("#event-form .form-msg");
  // The voluntary period cannot end before its ten days: the law's refusal is shown.
  expect(msg.length > 0, "no answer to ending the voluntary period");
  const dl = await page.textContent("#case-deadlines");
  expect(/còn \d+ ngày|hết hạn hôm nay/.test(dl), "no days left shown: " + dl);
  expect(afterNotice !== afterDecision, `the notice did not move the deadlines: ${afterDecision} -> ${afterNotice}`);
  // Two complaints (events 4 and 5): the decision names the one it answers, and the
  // other's resolution deadline keeps running.
  for (const [no, about, n] of [["KN-46/1", "first", 4], ["KN-46/2", "other", 5]]) {
    await page.selectOption("#event-form select[name=type]", "complaint_received");
    await page.fill("#event-form [name=document_no]", no);
    await page.selectOption("#event-form [name=complaint_about]", about);
    await page.click("#event-form button[type=submit]");
    await page.waitForFunction((k) => document.querySelectorAll("#case-timeline li").length === k, n);
  }
  const complaints = async () => (await open()).split(",").filter((r) => r.startsWith("D35_RESOLVE_")).sort().join(",");
  expectEqual(await complaints(), "D35_RESOLVE_FIRST,D35_RESOLVE_OTHER", "both complaints' deadlines running");
  await page.selectOption("#event-form select[name=type]", "complaint_decided");
  const offered = await page.$$eval("#event-form [name=complaint_seq] option", (os) => os.map((o) => o.value).filter(Boolean));
  expectEqual(offered.join(","), "4,5", "the complaints a decision may answer");
  await page.selectOption("#event-form [name=complaint_seq]", "5");
  await page.fill("#event-form [name=document_no]", "QĐ-GQKN-46");
  await shot(page, "case-complaint-decision");
  await page.click("#event-form button[type=submit]");
  await page.waitForFunction(() => document.querySelectorAll("#case-timeline li").length === 6);
  expectEqual(await complaints(), "D35_RESOLVE_FIRST", "the first complaint's deadline still running");
  await shot(page, "case-after-events");
  await page.click("#print-link");
  await page.waitForSelector("#print-now");
  await shot(page, "case-print");
});

test("a party found by ID number under another name is pointed out when the case opens", async ({ page, base }) => {
  await signIn(page, base, "chv.minh");
  const list = await apiGet(page, "/api/cases?limit=20&officer=me");
  let known = null;
  for (const c of list.cases) {
    const full = await apiGet(page, "/api/cases/" + c.id);
    known = full.parties.find((p) => p.kind === "person" && p.id_number);
    if (known) break;
  }
  expect(known, "no party with an ID number in the demo");
  await page.goto(base + "/cases/new");
  await page.waitForSelector("#case-form");
  await page.fill("#case-form [name=case_no]", "47/QĐ-THADS");
  await page.fill("#case-form [name='judgment.number']", "13/2026/DS-ST");
  await page.fill("#case-form [name='judgment.date']", "16/01/2026");
  await page.fill("#case-form [name='judgment.court']", "Tòa án nhân dân khu vực 1 - Nghệ An");
  await page.fill("#case-form [name='parties[0].full_name']", "Hồ Thị Được");
  await page.fill("#case-form [name='parties[1].id_number']", known.id_number);
  await page.fill("#case-form [name='parties[1].full_name']", "Tên Khác Hẳn");
  await page.fill("#case-form [name='items[0].description']", "Trả tiền vay");
  await page.fill("#case-form [name='items[0].amount_vnd']", "50.000.000");
  await page.click("#case-form button[type=submit]");
  await page.waitForSelector("#case-title");
  await page.waitForSelector("#warnings .warning");
  const w = await page.textContent("#warnings");
  expect(w.length > 0, "no warning");
  expect((await page.textContent("#case-parties")).includes(known.full_name), "the name on file is not kept");
  await shot(page, "case-name-warning");
});

test("the event form shows the server's refusal beside the field it names", async ({ page, base }) => {
  await signIn(page, base, "chv.minh");
  const list = await apiGet(page, "/api/cases?limit=1&state=verifying");
  expect(list.cases.length === 1, "the demo has no case being verified");
  await page.goto(base + "/case/" + list.cases[0].id);
  await page.waitForSelector("#event-form select[name=type] option[value=verification_recorded]", { state: "attached" });
  // Money is received through receipts, not this form; the form offers what the API takes.
  const offered = await page.$$eval("#event-form select[name=type] option", (os) => os.map((o) => o.value));
  expect(!offered.includes("money_collected") && !offered.includes("assigned"), "offered: " + offered);
  await page.selectOption("#event-form select[name=type]", "verification_recorded");
  expect(await page.$("#event-form [name=result]"), "verification: no result field");
  expect(!(await page.$("#event-form [name=ground_on]")), "verification: a ground date field");
  await page.selectOption("#event-form [name=result]", "eligible");
  await page.click("#event-form button[type=submit]");
  // The verification report's number is required: the server says so beside its field.
  await page.waitForSelector("#event-form .field.invalid [name=document_no]");
  expectEqual(await page.textContent("#event-form .field.invalid .field-error"), "Trường này là bắt buộc.", "error beside the field");
});

test("the leader goes from the overdue count by office to a case", async ({ page, base }) => {
  await signIn(page, base, "lanhdao");
  await page.waitForSelector("#overdue-by-office a");
  await shot(page, "home-leader");
  await page.click("#overdue-by-office a");
  await page.waitForSelector("#cases-table tbody tr[data-case] a");
  await page.click("#cases-table tbody tr[data-case] a");
  await page.waitForSelector("#case-deadlines");
  expect((await page.textContent("#case-deadlines")).includes("quá hạn"), "the case has no overdue deadline");
  expect(await page.$("#assign-form"), "the leader cannot assign");
  await page.goto(base + "/inspection");
  await page.waitForSelector("#inspection-table tbody tr");
  await shot(page, "inspection");
});

test("the administrator resets a password and the user must change it", async ({ page, base }) => {
  await signIn(page, base, "quantri.na");
  await shot(page, "home-admin");
  await page.click("nav a[data-view=users]");
  await page.waitForSelector("#users-table tr[data-username='chv.huong']");
  await page.click("#users-table tr[data-username='chv.huong'] button");
  await page.fill("#reset-password-form [name=password]", PASSWORD);
  await page.click("#reset-password-form button[type=submit]");
  await page.waitForSelector("#reset-password-form .form-msg.ok");
  await shot(page, "users");
  await page.click("#logout");
  await signIn(page, base, "chv.huong", PASSWORD);
  await page.waitForSelector("#must-change");
  expectEqual(await page.$$eval("nav a", (as) => as.length), 0, "menu while the password must change");
  await shot(page, "must-change");
  await page.fill("#password-form [name=current_password]", PASSWORD);
  await page.fill("#password-form [name=new_password]", "Hương thi hành án năm 2026");
  await page.fill("#password-form [name=confirm]", "Hương thi hành án năm 2026");
  await page.click("#password-form button[type=submit]");
  // The change ends the account's sessions: sign in again, with the new password.
  await page.waitForSelector("#login-notice");
  await shot(page, "login-after-change");
  await signIn(page, base, "chv.huong", "Hương thi hành án năm 2026");
  await page.waitForSelector("#view-home");
});

test("a user of another unit gets the not-found page for a case URL", async ({ page, base }) => {
  await signIn(page, base, "chv.minh");
  const list = await apiGet(page, "/api/cases?limit=1&officer=me");
  await page.click("#logout");
  await signIn(page, base, "chv.dung");
  await page.goto(base + "/case/" + list.cases[0].id);
  await page.waitForSelector("#page-not-found");
  await shot(page, "case-not-found");
});

test("an administrator adds a unit and a user; the trail names them", async ({ page, base }) => {
  await signIn(page, base, "quantri.na");
  await page.click("nav a[data-view=units]");
  await page.waitForSelector("#units-table tr[data-code='NA-KV1']");
  await page.fill("#unit-form [name=code]", "NA-KV21");
  await page.fill("#unit-form [name=name_vi]", "Phòng Thi hành án dân sự khu vực 21 - Nghệ An");
  await page.selectOption("#unit-form [name=kind]", "regional_office");
  await page.selectOption("#unit-form [name=parent_id]", { label: "THADS-NA — Thi hành án dân sự tỉnh Nghệ An" });
  await page.click("#unit-form button[type=submit]");
  await page.waitForSelector("#units-table tr[data-code='NA-KV21']");
  await page.click("nav a[data-view=users]");
  await page.waitForSelector("#user-form");
  await page.fill("#user-form [name=username]", "chv.moi");
  await page.fill("#user-form [name=full_name]", "Phan Thị Mới");
  await page.selectOption("#user-form [name=unit_id]", { label: "NA-KV21 — Phòng Thi hành án dân sự khu vực 21 - Nghệ An" });
  await page.fill("#user-form [name=password]", "1234567890");
  await page.click("#user-form button[type=submit]");
  await page.waitForSelector("#user-form .field.invalid [name=password]");
  expect((await page.textContent("#user-form .field-error")).includes("phổ biến"), "weak password not explained beside the field");
  await page.fill("#user-form [name=password]", PASSWORD);
  await page.click("#user-form button[type=submit]");
  await page.waitForSelector("#users-table tr[data-username='chv.moi']");
  await page.click("nav a[data-view=audit]");
  await page.waitForSelector("#audit-table tbody tr");
  const text = await page.textContent("#audit-table tbody");
  expect(text.includes("thêm người dùng") || text.includes("chv.moi"), "the trail misses the new user");
});

test("the language switch shows English and is remembered; keyboard reaches the menu", async ({ page, base }) => {
  await signIn(page, base, "chv.minh");
  await page.click("#lang");
  expectEqual(await page.textContent("h1"), "Civil Judgment Enforcement Case Management", "title");
  expectEqual(await page.getAttribute("html", "lang"), "en", "html lang");
  await page.reload();
  await page.waitForSelector("#view-home");
  expectEqual(await page.textContent("nav a[data-view=cases]"), "Cases", "nav after reload");
  await page.click("#lang");
  expectEqual(await page.textContent("h1"), "Hệ thống quản lý thi hành án dân sự", "back to vi");
  // Every input, select and textarea on the new-case form has a label.
  await page.goto(base + "/cases/new");
  await page.waitForSelector("#case-form");
  const unlabelled = await page.$$eval("#case-form input, #case-form select, #case-form textarea",
    (els) => els.filter((e) => !e.labels || e.labels.length === 0).map((e) => e.name));
  expectEqual(unlabelled.join(","), "", "unlabelled fields");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter"); // the skip link
  for (let i = 0; i < 40 && !(await page.evaluate(() => document.activeElement && document.activeElement.name === "case_no")); i++)
    await page.keyboard.press("Tab");
  expectEqual(await page.evaluate(() => document.activeElement.name), "case_no", "the keyboard reaches the form");
});

test("signing out returns to the sign-in form", async ({ page, base }) => {
  await signIn(page, base, "chv.minh");
  await page.click("#logout");
  await page.waitForSelector("#login-form");
  await page.reload();
  await page.waitForSelector("#login-form");
});

// The accountant's pages (issue 14), in their own file.
moneyTests({ test, signIn, shot, expect, expectEqual, apiGet });
// The prisons' pages (issue 16), in their own file.
prisonTests({ test, signIn, shot, expect, expectEqual, apiGet });
reportTests({ test, signIn, shot, expect, expectEqual, apiGet });
adminJudgmentTests({ test, signIn, shot, expect, expectEqual, apiGet });

let passed = 0;
let failed = 0;
let server;
let browser;
const consoleErrors = [];
const only = process.env.THADS_BROWSER_ONLY;
try {
  server = await startServer();
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  for (const t of tests) {
    if (only && !t.name.includes(only)) continue;
    // An English browser: nothing may follow the browser's locale (seen 2).
    const context = await browser.newContext({ locale: "en-US", timezoneId: "Europe/London", viewport: { width: 1366, height: 768 } });
    context.setDefaultTimeout(10000);
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
      console.log("FAIL " + t.name + ": " + e.message.split("\n")[0]);
      await page.screenshot({ path: `${SHOTS}/FAILED-${tests.indexOf(t)}.png`, fullPage: true }).catch(() => {});
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
