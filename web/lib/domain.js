// Words for the domain's values shared by several pages: deadlines (name, legal basis,
// days left or late), states and events (from the catalogue), parties.
import { html } from "./html.js";
import { t, named, getLang, both } from "./i18n.js";
import { daysBetween, fmtDate, todayIso } from "./format.js";

export const stateName = (code) => named("states", code);
export const eventName = (code) => named("events", code);
export const categoryName = (code) => named("categories", code);

// The deadline's name and legal basis in the language shown: the API gives name_vi and
// name_en, basis_vi and legal_ref (English).
export const deadlineName = (d) => both(d, "name");
export function deadlineBasis(d) {
  if (getLang() === "vi") return d.basis_vi || d.legal_ref_vi || d.legal_ref || "";
  return d.basis_en || d.legal_ref_en || d.legal_ref || "";
}

// "còn 3 ngày" / "hôm nay" / "quá hạn 5 ngày" for an open deadline; met/late when closed.
export function dueWords(d, today = todayIso()) {
  if (d.outcome && d.outcome !== "open") {
    const late = d.days_late ?? (d.closed_on && d.closed_on > d.due_on ? daysBetween(d.due_on, d.closed_on) : 0);
    if (d.outcome === "late" || late > 0) return { text: t("done_late", { n: late || "" }).replace("  ", " "), cls: "bad" };
    return { text: t(d.outcome), cls: d.outcome === "met" ? "ok" : "muted" };
  }
  const n = d.days_left ?? daysBetween(today, d.due_on);
  if (n < 0) return { text: t("days_late", { n: -n }), cls: "bad" };
  if (n === 0) return { text: t("due_today"), cls: "warn" };
  return { text: t("days_left", { n }), cls: n <= 3 ? "warn" : "" };
}

export function DueCell({ d }) {
  const w = dueWords(d);
  return html`<span class="due"><span class="date">${fmtDate(d.due_on)}</span> <span class=${"days " + w.cls}>${w.text}</span></span>`;
}

// A rule marked [M] is a placeholder until checked against the law: say so.
export const Unconfirmed = ({ d }) =>
  d.rule_unconfirmed ? html` <span class="tag-unconfirmed">${t("rule_unconfirmed")}</span>` : null;
