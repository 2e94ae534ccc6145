// Browser tests of the accountant's journey (issue 14), registered by run.mjs with its
// helpers: the accountant receipts money on a case and prints the receipt (A5, the amount
// in words), the officer confirms the split, the head approves it, the accountant pays out
// (nothing before the approval), and the daily book lists both; a void receipt reads
// "ĐÃ HỦY" with its reason.
export function moneyTests({ test, signIn, shot, expect, expectEqual, apiGet }) {
  // An enforcing case with money still to collect and a creditor, of the first of these
  // officers who has one (the demo's draw decides who); c.officer signs in. Not chv.huong:
  // the administrator's journey changes her password before this one runs.
  async function pickCase(page, base) {
    for (const officer of ["chv.minh", "chv.lan", "chv.hung"]) {
      await signIn(page, base, officer);
      const list = await apiGet(page, "/api/cases?officer=me&state=enforcing&limit=100");
      for (const c of list.cases) {
        if (!(c.remaining_vnd > 20000000)) continue;
        const full = await apiGet(page, "/api/cases/" + c.id);
        if (full.parties.some((p) => p.role === "creditor")) return { ...full, officer };
      }
      await page.click("#logout");
      await page.waitForSelector("#login-form");
    }
    throw new Error("no enforcing case with a creditor and money to collect");
  }
  const signOut = async (page) => {
    await page.click("#logout");
    await page.waitForSelector("#login-form");
  };
  const caseMoney = async (page, base, id) => {
    await page.goto(base + "/case/" + id);
    await page.waitForSelector("#case-money #money-facts");
  };

  test("money: receipt, print, allocation, payout and the daily book", async ({ page, base }) => {
    const c = await pickCase(page, base);
    await signOut(page);

    // The accountant lands on the money: today's receipts and payouts, balances.
    await signIn(page, base, "ketoan");
    await page.waitForSelector("#home-money #money-balance-totals");
    expect(!(await page.$("#home-coming")), "the accountant's home still says its pages are to come");
    expect(/\d{1,3}(\.\d{3})* đ/.test(await page.textContent("#count-receipts-today .n")), "today's receipts total reads 1.234.567 đ");
    await shot(page, "money-home");
    // Money past its payout deadline: the unit's overdue D30 deadlines, as the API lists them.
    const late = await page.evaluate(async () => (await fetch("/api/worklist?overdue=1&scope=unit&rule=D30&limit=200")).json());
    expect(late.items.every((d) => d.rule_id === "D30" && d.overdue), "the worklist of rule D30 lists only overdue D30 deadlines");
    await page.waitForFunction(() => !document.querySelector("#count-payouts-late .n").textContent.includes("…"));
    expectEqual((await page.textContent("#count-payouts-late .n")).replace(/\./g, ""), late.items.length + (late.next_cursor != null ? "+" : ""), "the late payouts counted");
    expectEqual(await page.$$eval("#money-late-table tbody tr", (r) => r.length).catch(() => 0), late.items.length, "the late payouts listed");

    // A receipt: 12.345.000 đ in cash from the debtor, on behalf of nobody.
    await caseMoney(page, base, c.id);
    const before = await page.$$eval("#money-receipts tbody tr", (r) => r.length).catch(() => 0);
    await page.click("#receipt-open");
    await page.waitForSelector("#receipt-form");
    await page.fill("#receipt-form input[name=amount_vnd]", "0");
    await page.click("#receipt-form button[type=submit]");
    await page.waitForSelector("#receipt-form .field.invalid");
    await page.fill("#receipt-form input[name=amount_vnd]", "12.345.000");
    await page.fill("#receipt-form input[name=on_behalf_of]", "");
    await shot(page, "money-receipt-form");
    await page.click("#receipt-form button[type=submit]");
    await page.waitForFunction((n) => document.querySelectorAll("#money-receipts tbody tr").length === n + 1, before);
    const rows = await page.$$eval("#money-receipts tbody tr", (trs) => trs.map((tr) => tr.textContent));
    const mine = rows.find((r) => r.includes("12.345.000 đ"));
    expect(mine, "the new receipt is listed: " + rows.join(" | "));
    expectEqual(await page.textContent("#money-unallocated"), "12.345.000 đ", "unallocated after the receipt");
    expect((await page.textContent("#money-notice")).startsWith("Đã lập biên lai số "), "the receipt's number is told");

    // Its print view: form C28-THA, amount in figures and words, on A5.
    const link = await page.$$eval("#money-receipts tbody tr", (trs) => {
      const tr = trs.find((x) => x.textContent.includes("12.345.000 đ"));
      return tr.querySelector("a").getAttribute("href");
    });
    await page.click(`#money-receipts a[href="${link}"]`);
    await page.waitForSelector("#receipt-sheet");
    expectEqual(await page.textContent("#receipt-amount"), "12.345.000 đ", "amount in figures");
    expectEqual((await page.textContent("#receipt-words")).trim(), "Mười hai triệu ba trăm bốn mươi lăm nghìn đồng", "amount in words");
    expect((await page.textContent("#receipt-sheet")).includes("C28-THA"), "the form's number");
    expectEqual(await page.textContent("#receipt-case"), c.case_no, "the case on the receipt");
    await shot(page, "money-receipt");
    // On paper: A5 (148 x 210 mm = 419.5 x 595.3 pt), and only the form.
    await page.emulateMedia({ media: "print" });
    expect(!(await page.isVisible("nav")) && !(await page.isVisible("#receipt-print")), "menu and buttons are not printed");
    const pdf = (await page.pdf({ preferCSSPageSize: true })).toString("latin1");
    const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf);
    expect(box && Math.abs(Number(box[1]) - 419.53) < 2 && Math.abs(Number(box[2]) - 595.28) < 2, "the receipt prints on A5: " + (box && box[0]));
    await page.emulateMedia({ media: "screen" });
    await signOut(page);

    // The officer confirms the split: an adjustment needs its reason; as proposed it goes.
    await signIn(page, base, c.officer);
    await caseMoney(page, base, c.id);
    await page.waitForSelector("#money-split");
    await shot(page, "money-case-officer");
    await page.click("#allocate-open");
    await page.check("#allocate-form input[value=adjust]");
    await page.click("#allocate-form button[type=submit]");
    await page.waitForSelector("#allocate-form textarea[name=reason][aria-invalid=true]");
    await page.check("#allocate-form input[value=proposed]");
    // A date after today passes the browser's check; the server's refusal goes beside it.
    const today = await page.inputValue("#allocate-form input[name=occurred_on]");
    const later = new Date(Date.now() + 7 * 3600e3 + 5 * 86400e3).toISOString().slice(0, 10).split("-").reverse().join("/");
    await page.fill("#allocate-form input[name=occurred_on]", later);
    await page.click("#allocate-form button[type=submit]");
    await page.waitForSelector("#allocate-form input[name=occurred_on][aria-invalid=true]");
    expect((await page.textContent("#allocate-form .field.invalid .field-error")).length > 0, "the server's refusal beside the date");
    await shot(page, "money-allocation-refused");
    await page.fill("#allocate-form input[name=occurred_on]", today);
    await page.click("#allocate-form button[type=submit]");
    await page.waitForSelector("#money-awaiting");
    expectEqual(await page.textContent("#money-unallocated"), "0 đ", "nothing left to allocate");
    expect(!(await page.isVisible(".approve-open")), "the officer does not approve payouts");
    await signOut(page);

    // Before the head approves, the accountant has nothing to pay out.
    await signIn(page, base, "ketoan");
    await caseMoney(page, base, c.id);
    await page.waitForSelector("#money-allocations .approval-awaiting");
    expect(!(await page.isVisible("#payout-open")), "no payout before the approval");
    await signOut(page);

    // The head approves the allocation.
    await signIn(page, base, "lanhdao");
    await caseMoney(page, base, c.id);
    await page.click("#money-allocations .approve-open");
    await page.waitForSelector("#approve-form");
    await shot(page, "money-approve");
    await page.click("#approve-form button[type=submit]");
    await page.waitForSelector("#money-payable");
    expect((await page.textContent("#money-allocations")).includes("Đã duyệt ngày"), "the allocation reads approved");
    await signOut(page);

    // The accountant pays the first payee all that is allocated to them, in cash.
    await signIn(page, base, "ketoan");
    await caseMoney(page, base, c.id);
    await page.click("#payout-open");
    await page.waitForSelector("#payout-form");
    await shot(page, "money-payout-form");
    const paidBefore = await page.textContent("#money-paid");
    await page.click("#payout-form button[type=submit]");
    await page.waitForFunction((p) => document.querySelector("#money-paid").textContent !== p, paidBefore);
    const voucher = await page.$eval("#money-payouts tbody tr:last-child td", (td) => td.textContent.trim());
    await shot(page, "money-case");

    // The daily book lists both, with totals, and offers the spreadsheet.
    await page.click("nav a[data-view=daybook]");
    await page.waitForSelector("#daybook-receipts");
    const book = await page.textContent("#daybook-receipts");
    expect(book.includes("12.345.000 đ") && book.includes(c.case_no), "the receipt is in the book");
    expect((await page.textContent("#daybook-payouts")).includes(voucher), `voucher ${voucher} is in the book`);
    const xlsx = await page.getAttribute("#daybook-xlsx", "href");
    const res = await page.evaluate(async (u) => { const r = await fetch(u); const b = new Uint8Array(await r.arrayBuffer()); return [r.status, b[0], b[1]]; }, xlsx);
    expectEqual(res.join(","), "200,80,75", "the .xlsx downloads (a zip: PK)");
    await shot(page, "money-daybook");
  });

  test("money: a void receipt keeps its number and reads ĐÃ HỦY with the reason", async ({ page, base }) => {
    const c = await pickCase(page, base);
    await signOut(page);
    await signIn(page, base, "ketoan");
    await caseMoney(page, base, c.id);
    await page.click("#receipt-open");
    await page.fill("#receipt-form input[name=amount_vnd]", "1.000.000");
    await page.fill("#receipt-form input[name=on_behalf_of]", "Nguyễn Thị Thân");
    await page.click("#receipt-form button[type=submit]");
    await page.waitForSelector("#money-receipts tr[data-receipt] .void-open");
    const id = await page.$$eval("#money-receipts tr[data-receipt]", (trs) => trs.filter((tr) => tr.textContent.includes("1.000.000 đ") && tr.querySelector(".void-open")).map((tr) => tr.dataset.receipt).pop());
    await page.click(`#money-receipts tr[data-receipt="${id}"] .void-open`);
    await page.click("#void-form button[type=submit]");
    await page.waitForSelector("#void-form textarea[aria-invalid=true]");
    await page.fill("#void-form textarea[name=reason]", "Ghi nhầm hồ sơ");
    await page.click("#void-form button[type=submit]");
    await page.waitForSelector(`#money-receipts tr.voided[data-receipt="${id}"] .void-mark`);
    await page.goto(base + "/receipt/" + id);
    await page.waitForSelector("#receipt-void");
    expectEqual(await page.textContent("#receipt-void"), "ĐÃ HỦY", "void stamp");
    expect((await page.textContent("#receipt-void-reason")).includes("Ghi nhầm hồ sơ"), "void reason");
    expectEqual(await page.textContent("#receipt-behalf"), "Nguyễn Thị Thân", "on behalf of");
    await shot(page, "money-receipt-void");
  });
}
