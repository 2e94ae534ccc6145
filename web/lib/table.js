// A table with sorting (click or Enter on a column's header), paging and the total count.
// Rows come whole (the server's page); `more` fetches the next page from the server when
// a list is paged by cursor. At narrow widths each row becomes a block of labelled cells
// (style.css), so no table is wider than the screen.
import { html, useState, useEffect } from "./html.js";
import { t } from "./i18n.js";
import { fmtNumber } from "./format.js";

export function Table({ id, columns, rows, pageSize = 25, total, empty, rowProps, more, loading, caption }) {
  const [sort, setSort] = useState(null); // {key, dir}
  const [page, setPage] = useState(0);
  useEffect(() => setPage(0), [rows]);
  let list = rows || [];
  if (sort) {
    const col = columns.find((c) => c.key === sort.key);
    const val = col.sort || ((r) => r[col.key]);
    list = [...list].sort((a, b) => {
      const x = val(a), y = val(b);
      const c = typeof x === "number" && typeof y === "number" ? x - y
        : String(x ?? "").localeCompare(String(y ?? ""), "vi", { numeric: true });
      return sort.dir * c;
    });
  }
  const pages = Math.max(1, Math.ceil(list.length / pageSize));
  const shown = list.slice(page * pageSize, page * pageSize + pageSize);
  const toggle = (key) => setSort(sort && sort.key === key ? { key, dir: -sort.dir } : { key, dir: 1 });
  const count = total ?? list.length;
  return html`<div class="table-wrap">
    <table id=${id}>
      ${caption ? html`<caption>${caption}</caption>` : null}
      <thead><tr>${columns.map((c) => html`<th class=${c.num ? "num" : ""} scope="col"
          aria-sort=${sort && sort.key === c.key ? (sort.dir > 0 ? "ascending" : "descending") : null}>
        ${c.nosort ? c.label : html`<button type="button" class="sort" onClick=${() => toggle(c.key)}>${c.label}${
          sort && sort.key === c.key ? (sort.dir > 0 ? " ▲" : " ▼") : ""}</button>`}</th>`)}</tr></thead>
      <tbody>
        ${shown.map((r) => html`<tr ...${rowProps ? rowProps(r) : {}}>${columns.map((c) =>
          html`<td class=${(c.num ? "num " : "") + (c.className ? c.className(r) : "")} data-label=${c.label}>${
            c.render ? c.render(r) : r[c.key] ?? "—"}</td>`)}</tr>`)}
        ${!loading && list.length === 0 ? html`<tr class="empty"><td colspan=${columns.length} class="muted">${empty || t("no_rows")}</td></tr>` : null}
      </tbody>
    </table>
    <div class="pager">
      <span class="muted total">${loading ? t("loading") : total === undefined && more ? t("loaded_rows", { n: fmtNumber(count) }) : t("total_rows", { n: fmtNumber(count) })}</span>
      ${pages > 1 ? html`<span class="pages">
        <button type="button" class="link" disabled=${page === 0} onClick=${() => setPage(page - 1)}>${t("prev_page")}</button>
        <span>${t("page_of", { p: page + 1, n: pages })}</span>
        <button type="button" class="link" disabled=${page >= pages - 1} onClick=${() => setPage(page + 1)}>${t("next_page")}</button>
      </span>` : null}
      ${more ? html`<button type="button" class="link more" onClick=${more}>${t("more")}</button>` : null}
    </div>
  </div>`;
}
