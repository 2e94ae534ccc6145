// Browser tests of the statistics (issue 15), registered by run.mjs with its helpers: the
// province's leader opens the report (this reporting year so far), reads the rates against
// the targets the demo set, follows a number to the list of its cases and finds the list's
// count and sum equal to the number, and the same for an office's number; the dashboard
// draws its four charts and the ranking of the offices.
export function reportTests({ test, signIn, shot, expect, expectEqual, apiGet }) {
  const digits = (s) => Number(String(s).replace(/\D/g, ""));

  test("report: a leader follows a number to its cases, and the counts agree", async ({ page, base }) => {
    await signIn(page, base, "lanhdao");
    await page.click("nav a[data-view=report]");
    await page.waitForSelector("#report-lines");
    expectEqual((await page.textContent("#report-lines tr.line-C th.name")).trim(), "Tổng số phải thi hành", "line C's name");
    expectEqual((await page.textContent("#report-lines tr.line-E th.name")).trim(), "Chưa có điều kiện thi hành", "line E's name");
    // the demo gives this year's targets: the rates read against them
    expect(/^(vượt|chưa đạt, thiếu) \d+,\d{2}%$/.test((await page.textContent("#vs-cases")).trim()), "rate against target: " + (await page.textContent("#res-rate-cases")));
    expect(/\d+,\d{2}%/.test(await page.textContent("#rate-cases")), "the rate reads 85,49%");
    expect(await page.$("#report-units tbody tr[data-unit]"), "one row per office");
    const xlsx = await page.getAttribute("#report-xlsx", "href");
    expect(xlsx.startsWith("/api/reports/summary.xlsx?unit="), "xlsx link " + xlsx);
    const res = await page.evaluate(async (p) => { const r = await fetch(p); await r.arrayBuffer(); return r.status; }, xlsx);
    expectEqual(res, 200, "the .xlsx downloads");
    // the work with camps has its own table, the figures the API gives (issue 16)
    const q = xlsx.replace("/api/reports/summary.xlsx", "/api/reports/summary");
    const summary = await apiGet(page, q);
    const camp = await page.$$eval("#report-prisons td", (tds) => tds.map((td) => td.textContent.trim()));
    expectEqual(digits(camp[0]), summary.prisons.sent, "documents sent with camps");
    expectEqual(digits(camp[4]), summary.prisons.camp_money_vnd, "money collected at camps");
    // the coercion and complaint counts, each figure as the API gives it, and the tree adds up
    for (const [id, key] of [["#report-coercion", "coercion"], ["#report-complaints", "complaints"]]) {
      const got = await page.$$eval(id + " tr[data-key]", (trs) => Object.fromEntries(trs.map((tr) => [tr.dataset.key, tr.querySelector("td").textContent.trim()])));
      for (const k of Object.keys(summary[key])) expectEqual(digits(got[k]), summary[key][k], `${key}.${k} on the page`);
      expect(summary[key].total > 0, `the demo has ${key} this year`);
    }
    const co = summary.coercion;
    expectEqual(co.total, co.paid_voluntarily + co.carried_out + co.pending, "decisions = paid after + carried out + pending");
    expectEqual((await page.textContent("#report-coercion tr[data-key=needing_coercion] th")).trim(), "Phải tổ chức cưỡng chế", "the line's name");
    await shot(page, "report");

    // completed (D1+D2) in cases: the list adds up to it, in cases and in đồng
    const n = digits(await page.getAttribute("#n-completed-cases", "data-value"));
    const m = digits(await page.getAttribute("#n-completed-money", "data-value"));
    expect(n > 0, "the demo completed cases this year");
    await page.click("#n-completed-cases");
    await page.waitForSelector("#report-cases-count");
    expectEqual(digits(await page.getAttribute("#report-cases-count", "data-cases")), n, "the list's count of cases");
    expectEqual(digits(await page.getAttribute("#report-cases-count", "data-money")), m, "the list's sum in đồng");
    const rows = await page.$$eval("#report-cases tbody tr[data-case]", (trs) => trs.length);
    expect(rows >= n, `${rows} rows for ${n} cases`);
    const first = await page.getAttribute("#report-cases tbody tr[data-case] a", "href");
    expect(/^\/case\/\d+$/.test(first), "each case links to its page: " + first);
    await shot(page, "report-cases");

    // D1 alone (completed less terminated) opens its own list, which adds up to it too
    await page.goBack();
    await page.waitForSelector("#n-d1-cases");
    const d1 = digits(await page.getAttribute("#n-d1-cases", "data-value"));
    const d1m = digits(await page.getAttribute("#n-d1-money", "data-value"));
    await page.click("#n-d1-cases");
    await page.waitForSelector("#report-cases-count");
    expectEqual(digits(await page.getAttribute("#report-cases-count", "data-cases")), d1, "D1's list: its count of cases");
    expectEqual(digits(await page.getAttribute("#report-cases-count", "data-money")), d1m, "D1's list: its sum in đồng");
    expect((await page.textContent("h2")).includes("D1"), "the list names line D1");

    // an office's not-eligible figure, from the row of its unit
    await page.goBack();
    await page.waitForSelector("#report-units");
    const link = await page.$("#report-units tbody tr[data-unit] a[data-line=not_eligible]");
    const want = digits(await link.getAttribute("data-value"));
    await link.click();
    await page.waitForSelector("#report-cases-count");
    expectEqual(digits(await page.getAttribute("#report-cases-count", "data-cases")), want, "an office's not-eligible count");
    await page.click("#report-cases a[href^='/case/']").catch(() => {});
    if (want > 0) await page.waitForSelector("#case-facts");

    // a month typed dd/mm/yyyy
    await page.goto(base + "/report");
    await page.waitForSelector("#report-lines");
    await page.selectOption("#report-form #report-preset", "custom");
    await page.fill("#report-form input[name=from]", "01/03/2025");
    await page.fill("#report-form input[name=to]", "31/03/2025");
    await page.click("#report-form button[type=submit]");
    await page.waitForFunction(() => location.search.includes("from=2025-03-01") && document.querySelector("#report-lines"));
    const api = await apiGet(page, "/api/reports/summary?unit=THADS-NA&from=2025-03-01&to=2025-03-31");
    expectEqual(digits(await page.getAttribute("#n-new-cases", "data-value")), api.new.cases, "March 2025's new cases");
  });

  test("report: a special category's number leads to its cases", async ({ page, base }) => {
    await signIn(page, base, "lanhdao");
    await page.click("nav a[data-view=report]");
    await page.waitForSelector("#report-special-prisoner");
    expectEqual((await page.textContent("#report-special-credit")).includes("C"), true, "the credit table");
    const titles = await page.$$eval("#view-report h3", (hs) => hs.map((h) => h.textContent.trim()));
    for (const t of ["Tín dụng, ngân hàng", "Thu hồi tài sản trong vụ án tham nhũng, kinh tế", "Phần dân sự trong bản án hình sự đối với phạm nhân"])
      expect(titles.includes(t), "a table titled " + t);
    const xlsx = await page.getAttribute("#report-xlsx", "href");
    const summary = await apiGet(page, xlsx.replace("/api/reports/summary.xlsx", "/api/reports/summary"));
    // the credit table's cases to enforce: the page's number is the API's, and its list adds up
    const n = digits(await page.getAttribute("#s-credit-to_enforce-cases", "data-value"));
    const m = digits(await page.getAttribute("#s-credit-to_enforce-money", "data-value"));
    expectEqual(n, summary.special.credit.to_enforce.cases, "credit: C in cases");
    expectEqual(m, summary.special.credit.to_enforce.money, "credit: C in đồng");
    expect(n > 0, "the demo has credit cases this year");
    await page.click("#s-credit-to_enforce-cases");
    await page.waitForSelector("#report-cases-count");
    expect((await page.url()).includes("category=credit"), "the list is the credit table's");
    expectEqual(digits(await page.getAttribute("#report-cases-count", "data-cases")), n, "the list's count");
    expectEqual(digits(await page.getAttribute("#report-cases-count", "data-money")), m, "the list's sum");
    await shot(page, "report-special-cases");
    // the prisoner table's figure equals the API's
    await page.goBack();
    await page.waitForSelector("#report-special-prisoner");
    expectEqual(digits(await page.getAttribute("#s-prisoner-to_enforce-cases", "data-value")),
      summary.special.prisoner.to_enforce.cases, "prisoner: C in cases");
  });

  test("report: the leader's dashboard draws its charts", async ({ page, base }) => {
    await signIn(page, base, "lanhdao");
    await page.click("nav a[data-view=dashboard]");
    for (const id of ["chart-cases-month", "chart-money-month", "chart-rate-target", "chart-not-eligible", "chart-ranked"])
      await page.waitForSelector(`#${id}[data-drawn="1"] canvas`);
    expect(/\d+,\d{2}%/.test(await page.textContent("#dash-rate-cases")), "the year's rate");
    expect((await page.textContent("#dash-prisons")).includes("đ"), "the work with camps, with its money");
    // the special categories, one row each, and the year's coercions
    expectEqual(await page.$$eval("#dash-special tbody tr[data-key]", (trs) => trs.map((tr) => tr.dataset.key).join(",")), "credit,corruption,prisoner", "the special tables");
    expect(/\d/.test(await page.textContent("#dash-coercion")), "the year's coercion decisions");
    await shot(page, "dashboard");
    await page.click("#dash-open-report");
    await page.waitForSelector("#report-lines");
  });
}
