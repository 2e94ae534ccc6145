// Browser tests of the monitoring of administrative judgments (issue 15; THADS.md 5.4),
// registered by run.mjs with its helpers: an officer registers a judgment the office
// follows, records a reminder letter and its compliance, and the judgment leaves the list
// of those still monitored; the province's leader finds the report's table equal to the
// API's figures and opens the register from it.
export function adminJudgmentTests({ test, signIn, shot, expect, expectEqual, apiGet }) {
  const digits = (s) => Number(String(s).replace(/\D/g, ""));
  const ddmmyyyy = (d) => `${String(d.getDate()).padStart(2, "0")}/${String(d.getMonth() + 1).padStart(2, "0")}/${d.getFullYear()}`;

  test("admin judgments: an officer registers one, reminds, records compliance", async ({ page, base }) => {
    await signIn(page, base, "chv.minh");
    await page.click("nav a[data-view=admin_judgments]");
    await page.waitForSelector("#aj-table");
    const today = new Date();
    const judged = new Date(today.getTime() - 40 * 86400000);
    await page.fill("#aj-form input[name=judgment_no]", "77/2026/HC-ST");
    await page.fill("#aj-form input[name=judgment_date]", ddmmyyyy(judged));
    await page.fill("#aj-form input[name=court]", "Tòa án nhân dân tỉnh Nghệ An");
    await page.fill("#aj-form input[name=respondent]", "Ủy ban nhân dân xã Nghi Lộc");
    await page.fill("#aj-form input[name=applicant]", "Võ Thị Thanh");
    await page.fill("#aj-form textarea[name=content]", "Hủy Quyết định thu hồi đất số 321/QĐ-UBND");
    // received before the judgment was given: refused beside the field, nothing written
    await page.fill("#aj-form input[name=received_on]", ddmmyyyy(new Date(judged.getTime() - 86400000)));
    await page.click("#aj-form button[type=submit]");
    await page.waitForSelector("#aj-form .field.invalid");
    expect((await page.textContent("#aj-form .field-error")).includes("trước ngày tuyên án"), "the refusal in Vietnamese");
    await page.fill("#aj-form input[name=received_on]", ddmmyyyy(new Date(judged.getTime() + 10 * 86400000)));
    await page.click("#aj-form button[type=submit]");
    await page.waitForSelector("#view-admin-judgment");
    expectEqual((await page.textContent("#aj-state")).trim(), "Đang theo dõi", "a new judgment is monitored");
    const id = page.url().split("/").pop();

    // a reminder letter (the default first step), then compliance
    await page.fill("#aj-step-form input[name=document_no]", "45/CV-THADS");
    await page.click("#aj-step-form button[type=submit]");
    // (before the answer the table shows one row too: its "no steps yet" placeholder)
    await page.waitForSelector("#aj-steps tbody tr:not(.empty)");
    expectEqual((await page.$$("#aj-steps tbody tr")).length, 1, "one step");
    expect((await page.textContent("#aj-steps tbody tr")).includes("Văn bản đôn đốc"), "the step in Vietnamese");
    await page.selectOption("#aj-step-form select[name=kind]", "completed");
    await page.click("#aj-step-form button[type=submit]");
    await page.waitForSelector("#aj-closed");
    expectEqual((await page.textContent("#aj-state")).trim(), "Đã thi hành xong", "complied with");
    await shot(page, "admin-judgment");

    // no longer among the monitored
    await page.goto(base + "/admin-judgments?monitored=1");
    await page.waitForSelector("#aj-table");
    expect(!(await page.$(`#aj-table a[href="/admin-judgment/${id}"]`)), "not in the monitored list");
  });

  test("admin judgments: the report's table is the API's", async ({ page, base }) => {
    await signIn(page, base, "lanhdao");
    await page.click("nav a[data-view=report]");
    await page.waitForSelector("#report-admin-judgments");
    const xlsx = await page.getAttribute("#report-xlsx", "href");
    const summary = await apiGet(page, xlsx.replace("/api/reports/summary.xlsx", "/api/reports/summary"));
    for (const key of ["carried_over", "new", "monitored", "reminded", "compelled", "completed", "remaining"])
      expectEqual(digits(await page.textContent(`#report-admin-judgments tr[data-key=${key}] td`)), summary.admin_judgments[key], key);
    expect(summary.admin_judgments.monitored > 0, "the demo monitors judgments this year");
    await page.click("#report-aj-link");
    await page.waitForSelector("#aj-table tbody tr");
    await shot(page, "admin-judgments");
  });
}
