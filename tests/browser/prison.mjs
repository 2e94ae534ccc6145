// Browser tests of the prisons' work (issue 16), registered by run.mjs with its helpers: the
// camp's side of the acceptance scenario. The prison officer of Prison no. 3 signs in to
// their camp's prisoners and what waits for them, records money relatives paid at the camp
// and prints the camp's receipt, asks for a confirmation of fulfilment; the agency's officer
// finds the request in the unit's exchanges and issues the confirmation; the camp reads
// what was paid and what remains. Prison no. 6's officer gets the not-found page for the
// same prisoner; the agency sees the exchanges on the case page.
export function prisonTests({ test, signIn, shot, expect, expectEqual, apiGet }) {
  const signOut = async (page) => {
    await page.click("#logout");
    await page.waitForSelector("#login-form");
  };
  const moneyOf = (s) => Number(String(s).replace(/[^\d]/g, ""));

  test("prison: the camp records money paid there, asks for a confirmation, and reads the agency's answer", async ({ page, base }) => {
    // The camp's home: only its prisoners, each with what remains.
    await signIn(page, base, "traigiam3");
    await page.waitForSelector("#view-home.prison-home #prisoners-table tbody tr[data-prisoner]");
    expect(!(await page.$("#home-coming")), "the prison officer's home still says its pages are to come");
    const api = await apiGet(page, "/api/prisoners?limit=1000");
    const ids = await page.$$eval("#prisoners-table tbody tr[data-prisoner]", (trs) => trs.map((tr) => Number(tr.dataset.prisoner)));
    expectEqual(ids.length, api.items.length, "prisoners listed");
    expect(api.items.every((p) => p.camp && p.camp.code === "TG3"), "a prisoner of another camp is listed: " + api.items.map((p) => p.camp && p.camp.code));
    const heads = await page.$$eval("#prisoners-table thead th", (ths) => ths.map((th) => th.textContent.trim()));
    expect(heads.includes("Còn phải thi hành") && heads.includes("Số phạm nhân"), "columns: " + heads.join(" | "));
    expect(/^\d{1,3}(\.\d{3})* đ$/.test((await page.textContent("#prisoners-table tbody tr .owed-remaining")).trim()), "what remains reads 1.234.567 đ");
    await page.waitForSelector("#waiting-table");
    await shot(page, "prison-home");

    // A prisoner with money still owed on one case.
    const p = api.items.find((x) => x.owed && x.owed.remaining_vnd > 10000000);
    expect(p, "a prisoner owing more than 10.000.000 đ");
    await page.click(`#prisoners-table tr[data-prisoner="${p.id}"] a`);
    await page.waitForSelector("#view-prisoner #obligations-table");
    expectEqual((await page.textContent("#ob-remaining")).trim(), fmt(p.owed.remaining_vnd), "remaining on the prisoner's page");
    const mainText = await page.textContent("main");
    expect(!/\d{4}-\d{2}-\d{2}/.test(mainText), "an ISO date is shown: " + /\d{4}-\d{2}-\d{2}/.exec(mainText));
    await shot(page, "prison-prisoner");

    // Relatives pay 5.000.000 đ at the camp; the camp's receipt prints with the amount in words.
    await page.click("#collect-open");
    await page.waitForSelector("#collect-form");
    const caseOpts = await page.$$eval("#collect-form select[name=case_id] option", (o) => o.map((x) => x.value).filter(Boolean));
    await page.selectOption("#collect-form select[name=case_id]", caseOpts[0]);
    await page.fill("#collect-form input[name=amount_vnd]", "5.000.000");
    await page.fill("#collect-form input[name=payer_name]", "Trần Thị Mai (vợ phạm nhân)");
    await page.fill("#collect-form input[name=camp_receipt_no]", "BL-TG3/2026/0042");
    await shot(page, "prison-collect-form");
    await page.click("#collect-form button[type=submit]");
    await page.waitForSelector("#prisoner-notice");
    expect((await page.textContent("#prisoner-notice")).includes("5.000.000 đ"), "the notice tells the amount");
    await page.waitForFunction((want) => document.querySelector("#ob-remaining").textContent.trim() === want, fmt(p.owed.remaining_vnd - 5000000));
    await page.click("#prisoner-notice-link");
    await page.waitForSelector("#camp-receipt");
    expectEqual((await page.textContent("#camp-receipt-no")).trim(), "BL-TG3/2026/0042", "camp receipt number");
    expectEqual((await page.textContent("#camp-receipt-amount")).trim(), "5.000.000 đ", "camp receipt amount");
    expect(/^Năm triệu đồng/.test((await page.textContent("#camp-receipt-words")).trim()), "the amount in words: " + (await page.textContent("#camp-receipt-words")));
    await shot(page, "prison-camp-receipt");

    // The camp asks for a confirmation of fulfilment for a sentence reduction.
    await page.goto(base + "/prisoner/" + p.id);
    await page.waitForSelector("#confirm-open");
    await page.click("#confirm-open");
    await page.waitForSelector("#confirm-form");
    await page.selectOption("#confirm-form select[name=purpose]", "sentence_reduction");
    await page.click("#confirm-form button[type=submit]");
    await page.waitForSelector("#prisoner-notice");
    expect((await page.textContent("#prisoner-notice")).startsWith("Đã gửi đề nghị xác nhận; hạn trả lời "), "request notice: " + (await page.textContent("#prisoner-notice")));
    await page.waitForSelector('#prisoner-exchanges-table tr[data-kind="confirmation_request"]');
    const req = (await apiGet(page, "/api/exchanges?prisoner_id=" + p.id + "&kind=confirmation_request")).items.find((x) => x.state === "sent");
    expect(req, "the request is sent");
    await shot(page, "prison-prisoner-after");
    await signOut(page);

    // The agency's officer finds it among the unit's exchanges waiting for it, and issues the confirmation.
    await signIn(page, base, "chv.hung");
    await page.click("nav a[data-view=exchanges]");
    await page.waitForSelector("#exchanges-table tbody tr[data-exchange]");
    await shot(page, "prison-agency-exchanges");
    const states = await page.$$eval("#exchanges-table tbody tr[data-exchange] td.x-state", (tds) => tds.map((td) => td.textContent.trim()));
    const firstNotOverdue = states.findIndex((s) => s !== "Quá hạn");
    expect(firstNotOverdue === -1 || states.slice(firstNotOverdue).every((s) => s !== "Quá hạn"), "overdue ones first: " + states.join(", "));
    await page.goto(base + "/exchange/" + req.id);
    await page.waitForSelector("#x-answer-form #x-confirm-preview");
    const want = await apiGet(page, "/api/prisoners/" + p.id);
    const preview = await page.textContent("#x-confirm-preview");
    expect(preview.includes(fmt(want.obligations.remaining_vnd)), "the preview states what remains: " + preview);
    await shot(page, "prison-agency-confirm");
    await page.click("#x-answer-form button[type=submit]");
    await page.waitForSelector("#exchange-notice");
    expect((await page.textContent("#exchange-notice")).includes(fmt(want.obligations.remaining_vnd)), "the confirmation states what remains");
    await page.click("#exchange-notice-link");
    await page.waitForSelector("#x-remaining");
    expectEqual((await page.textContent("#x-remaining")).trim(), fmt(want.obligations.remaining_vnd), "remaining on the confirmation");
    const doc = await page.textContent("#x-document");
    expect(doc.includes("GIẤY XÁC NHẬN") && doc.includes("còn phải thi hành: " + fmt(want.obligations.remaining_vnd)), "the document states what remains");
    // The printable document is the server's text.
    const confId = Number(page.url().split("/").pop());
    await page.click("#x-print-link");
    await page.waitForSelector("#x-print-document pre");
    const printed = await page.textContent("#x-print-document pre");
    const served = await page.evaluate(async (id) => (await fetch("/api/exchanges/" + id + "/document")).text(), confId);
    expectEqual(printed.trim(), served.trim(), "the printed document");
    await shot(page, "prison-document-print");
    // The case page shows the exchanges about the case.
    const caseId = Number(caseOpts[0]);
    await page.goto(base + "/case/" + caseId);
    await page.waitForSelector("#case-exchanges #case-exchanges-table tbody tr[data-exchange]");
    expect(await page.$('#case-exchanges-table tr[data-kind="camp_collection"]'), "the camp collection is on the case page");
    await signOut(page);

    // The camp reads the answer: what was paid and what remains.
    await signIn(page, base, "traigiam3");
    await page.waitForSelector("#waiting-table");
    await page.goto(base + "/prisoner/" + p.id);
    await page.waitForSelector('#prisoner-exchanges-table tr[data-kind="confirmation"]');
    const row = await page.textContent(`#prisoner-exchanges-table tr[data-exchange="${confId}"]`);
    expect(row.includes("Còn phải thi hành") && row.includes(fmt(want.obligations.remaining_vnd)), "the camp sees what remains: " + row);
    await page.click(`#prisoner-exchanges-table tr[data-exchange="${confId}"] a`);
    await page.waitForSelector("#x-remaining");
    expectEqual(moneyOf(await page.textContent("#x-remaining")), want.obligations.remaining_vnd, "remaining read by the camp");
    await shot(page, "prison-camp-confirmation");
    await signOut(page);

    // Another camp's officer does not see this prisoner, nor the exchange.
    await signIn(page, base, "traigiam6");
    await page.waitForSelector("#view-home.prison-home");
    expect(!(await page.$(`#prisoners-table tr[data-prisoner="${p.id}"]`)), "Prison no. 6 lists a prisoner of Prison no. 3");
    await page.goto(base + "/prisoner/" + p.id);
    await page.waitForSelector("#page-not-found");
    await shot(page, "prison-other-camp-404");
    await page.goto(base + "/exchange/" + confId);
    await page.waitForSelector("#page-not-found");
  });
}

const fmt = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".") + " đ";
