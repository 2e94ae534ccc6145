// The UI's words, Vietnamese first, English second; names of domain values (states,
// events, roles, ...) are not here: they come from the server's one catalogue
// (GET /api/catalog), so the API's *_vi fields and the screen always agree.
import { messages } from "./messages.js";

let lang = localStorage.getItem("thads.lang") === "en" ? "en" : "vi";
let catalog = null;

export const getLang = () => lang;
export function setLang(l) {
  lang = l;
  localStorage.setItem("thads.lang", l);
  document.documentElement.lang = l;
}
document.documentElement.lang = lang;

// t("key") or t("key", {n: 3}) with "{n}" in the message.
export function t(key, vars) {
  let s = messages[lang][key] ?? messages.vi[key] ?? key;
  if (vars) for (const [k, v] of Object.entries(vars)) s = s.split("{" + k + "}").join(String(v));
  return s;
}

export const setCatalog = (c) => { catalog = c; };
export const getCatalog = () => catalog;
const capital = (s) => (s ? s.charAt(0).toUpperCase() + s.slice(1) : s);

// The name of a code from a catalogue table, capitalised; an unknown code as it is.
export function named(table, code) {
  const x = catalog && catalog[table] && catalog[table].find((e) => e.code === code);
  return x ? capital(lang === "vi" ? x.vi : x.en || x.vi) : code ?? "—";
}
export const codes = (table) => (catalog && catalog[table] ? catalog[table].map((e) => e.code) : []);
export const options = (table, list) => (list || codes(table)).map((code) => ({ value: code, label: named(table, code) }));

// A value the API gives in both languages (name_vi/name_en, summary_vi/summary_en, ...).
export function both(obj, base) {
  if (!obj) return "";
  return capital(lang === "vi" ? obj[base + "_vi"] || obj[base + "_en"] || obj[base] || ""
    : obj[base + "_en"] || obj[base] || obj[base + "_vi"] || "");
}
