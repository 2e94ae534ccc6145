// Cases: the list with its filters (state, category, overdue, officer, office), and the
// search by name, ID number, decision or judgment number — whose results have their own
// columns (the parties found are the point of a search).
import { html, useState, useEffect } from "../lib/html.js";
import { get, query } from "../lib/api.js";
import { t, options, named } from "../lib/i18n.js";
import { can } from "../lib/session.js";
import { navigate, href } from "../lib/router.js";
import { Table } from "../lib/table.js";
import { fmtDate, money } from "../lib/format.js";
import { stateName, categoryName } from "../lib/domain.js";

const PAGE = 100;

export function Cases({ query: q }) {
  const [data, setData] = useState({ key: null, rows: null });
  const [cursor, setCursor] = useState(null);
  const [total, setTotal] = useState(undefined);
  const [error, setError] = useState(null);
  const [text, setText] = useState(q.q || "");
  const searching = !!q.q;
  const filters = { state: q.state, category: q.category, overdue: q.overdue, officer: q.officer, unit_id: q.unit_id };
  // Rows belong to the query that fetched them: a search's rows are never drawn with the
  // list's columns, nor the list's with the search's (seen 1).
  const key = JSON.stringify([q.q || "", filters]);
  const rows = data.key === key ? data.rows : null;
  const setRows = (f) => setData((old) => ({ key, rows: typeof f === "function" ? f(old.key === key ? old.rows : null) : f }));

  async function load(more) {
    setError(null);
    if (!more) setRows(null);
    const r = searching
      ? await get("/api/search" + query({ q: q.q, limit: PAGE }))
      : await get("/api/cases" + query({ ...filters, limit: PAGE, cursor: more ? cursor : null }));
    if (!r.ok) { setError(r.error.message); setRows([]); return; }
    const list = searching ? r.data.results : r.data.cases;
    setRows((old) => (more && old ? [...old, ...list] : list));
    setCursor(searching ? null : r.data.next_cursor);
    setTotal(r.data.total ?? undefined);
  }
  useEffect(() => { setText(q.q || ""); load(false); }, [q.q, q.state, q.category, q.overdue, q.officer, q.unit_id]);

  const go = (change) => navigate(href("/cases", { ...q, ...change }));
  const listColumns = [
    { key: "case_no", label: t("case_no"), render: (c) => html`<a href=${"/case/" + c.id}>${c.case_no}</a>` },
    { key: "unit", label: t("unit"), sort: (c) => c.unit.code, render: (c) => html`<span title=${c.unit.name_vi}>${c.unit.code}</span>` },
    { key: "category", label: t("category"), sort: (c) => categoryName(c.category), render: (c) => categoryName(c.category) },
    { key: "state", label: t("state"), sort: (c) => stateName(c.state), render: (c) => stateName(c.state) },
    { key: "officer", label: t("officer"), sort: (c) => (c.officer ? c.officer.full_name : ""), render: (c) => (c.officer ? c.officer.full_name : html`<span class="muted">${t("unassigned")}</span>`) },
    { key: "amount_vnd", label: t("amount"), num: true, render: (c) => money(c.amount_vnd) },
    { key: "next_due_on", label: t("next_due"), render: (c) => fmtDate(c.next_due_on) },
  ];
  const searchColumns = [
    { key: "case_no", label: t("case_no"), render: (c) => html`<a href=${"/case/" + c.id}>${c.case_no}</a>` },
    { key: "parties", label: t("parties_found"), sort: (c) => c.parties.map((p) => p.name).join(", "),
      render: (c) => html`<ul class="plain">${c.parties.map((p) => html`<li><strong>${p.name}</strong> <span class="muted">— ${named("party_roles", p.role)}${p.id_number ? " · " + p.id_number : ""}</span></li>`)}</ul>` },
    { key: "unit", label: t("unit"), sort: (c) => c.unit.code, render: (c) => html`<span title=${c.unit.name_vi}>${c.unit.code}</span>` },
    { key: "state", label: t("state"), sort: (c) => stateName(c.state), render: (c) => stateName(c.state) },
    { key: "judgment_no", label: t("judgment_no") },
    { key: "received_on", label: t("received_on"), render: (c) => fmtDate(c.received_on) },
  ];
  const onSearch = (ev) => { ev.preventDefault(); go({ q: text.trim() }); };
  return html`<section class="card" id="view-cases">
    <div class="toolbar">
      <h2>${searching ? t("search_results_for", { q: q.q }) : t("nav_cases")}</h2>
      ${can("case.write") ? html`<a class="button" href="/cases/new" id="new-case">${t("new_case")}</a>` : null}
    </div>
    <form id="case-search" class="filters" role="search" onSubmit=${onSearch}>
      <label for="search-q" class="visually-hidden">${t("search")}</label>
      <input type="search" id="search-q" name="q" maxlength="200" placeholder=${t("search_hint")} value=${text} onInput=${(e) => setText(e.target.value)} />
      <button type="submit">${t("search")}</button>
      ${searching ? html`<a href="/cases" class="button link">${t("clear_search")}</a>` : null}
    </form>
    ${searching ? null : html`<div class="filters" id="case-filter">
      <label for="filter-state" class="visually-hidden">${t("state")}</label>
      <select id="filter-state" value=${q.state || ""} onChange=${(e) => go({ state: e.target.value })}>
        <option value="">${t("all_states")}</option>${options("states").map((o) => html`<option value=${o.value}>${o.label}</option>`)}</select>
      <label for="filter-category" class="visually-hidden">${t("category")}</label>
      <select id="filter-category" value=${q.category || ""} onChange=${(e) => go({ category: e.target.value })}>
        <option value="">${t("all_categories")}</option>${options("categories").map((o) => html`<option value=${o.value}>${o.label}</option>`)}</select>
      <span class="inline check"><input type="checkbox" id="filter-overdue" checked=${q.overdue === "1"} onChange=${(e) => go({ overdue: e.target.checked ? "1" : "" })} />
        <label for="filter-overdue">${t("overdue_only")}</label></span>
      ${q.officer === "none" ? html`<span class="chip">${t("unassigned")} <a href=${href("/cases", { ...q, officer: "" })} aria-label=${t("remove_filter")}>✕</a></span>` : null}
      ${q.unit_id ? html`<span class="chip">${t("unit")} #${q.unit_id} <a href=${href("/cases", { ...q, unit_id: "" })} aria-label=${t("remove_filter")}>✕</a></span>` : null}
    </div>`}
    ${error ? html`<p class="error" role="alert">${error}</p>` : null}
    <${Table} id=${searching ? "search-table" : "cases-table"} columns=${searching ? searchColumns : listColumns} rows=${rows || []}
      loading=${rows === null} empty=${searching ? t("no_results") : t("no_cases")}
      rowProps=${(c) => ({ "data-case": c.case_no })} total=${total}
      more=${cursor ? () => load(true) : null} />
  </section>`;
}
