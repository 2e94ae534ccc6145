// Vietnamese conventions, independent of the browser's locale: dates dd/mm/yyyy, money
// "1.234.567 đ", times in Asia/Ho_Chi_Minh (UTC+7 all year: Vietnam has no summer time).
// The API speaks ISO dates (YYYY-MM-DD) and UTC instants ending in Z.

const VN_OFFSET_MS = 7 * 3600e3;
const pad = (n) => String(n).padStart(2, "0");

// "2026-12-04" -> "04/12/2026"; anything else (null, "") -> "—".
export function fmtDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || "");
  return m ? `${m[3]}/${m[2]}/${m[1]}` : "—";
}

// "4/12/2026", "04/12/2026", "04.12.2026" -> "2026-12-04"; not a real date -> null.
export function parseDate(text) {
  const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(text || "");
  if (!m) return null;
  const d = Number(m[1]), mo = Number(m[2]), y = Number(m[3]);
  const t = new Date(Date.UTC(y, mo - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) return null;
  return `${y}-${pad(mo)}-${pad(d)}`;
}

// An instant from the API ("2026-12-04T10:46:00.1Z") as Vietnam reads it: "04/12/2026 17:46".
export function fmtDateTime(utc) {
  const ms = Date.parse(utc || "");
  if (Number.isNaN(ms)) return "—";
  const t = new Date(ms + VN_OFFSET_MS);
  return `${pad(t.getUTCDate())}/${pad(t.getUTCMonth() + 1)}/${t.getUTCFullYear()} ` +
    `${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`;
}

// Today in Vietnam, ISO.
export function todayIso() {
  return new Date(Date.now() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

// Whole days from a to b (ISO dates): positive when b is later.
export function daysBetween(a, b) {
  return Math.round((Date.parse(b + "T00:00:00Z") - Date.parse(a + "T00:00:00Z")) / 86400e3);
}

export function addDays(iso, n) {
  return new Date(Date.parse(iso + "T00:00:00Z") + n * 86400e3).toISOString().slice(0, 10);
}

// 1234567 -> "1.234.567 đ" (grouping by dots whatever the browser's locale).
export function money(v) {
  if (v === null || v === undefined || v === "") return "—";
  const n = Number(v);
  const s = String(Math.abs(Math.trunc(n))).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return (n < 0 ? "−" : "") + s + " đ";
}

// "1.250.000.000", "1 250 000 000 đ" -> 1250000000; not a whole number -> null.
export function parseMoney(text) {
  const s = String(text || "").replace(/[.\s đ]/g, "").replace(/đ$/, "");
  return /^\d{1,16}$/.test(s) ? Number(s) : null;
}

export function fmtNumber(n) {
  return String(n ?? 0).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
}

// Unit codes sort naturally: NA-KV2 before NA-KV10.
export const naturalCompare = (a, b) =>
  String(a).localeCompare(String(b), "vi", { numeric: true, sensitivity: "base" });
