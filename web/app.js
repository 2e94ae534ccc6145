// thads web UI. Vietnamese first; English through the language switch.
"use strict";

const messages = {
  vi: {
    title: "Hệ thống quản lý thi hành án dân sự", status: "Tình trạng hệ thống",
    state: "Trạng thái", version: "Phiên bản", db: "Cơ sở dữ liệu", schema: "Phiên bản lược đồ",
    footer: "Thi hành án dân sự — phần mềm phối hợp liên ngành",
    ok: "Hoạt động bình thường", unavailable: "Không sẵn sàng", unreachable: "không kết nối được",
    switchTo: "English",
  },
  en: {
    title: "Civil Judgment Enforcement Case Management", status: "System status",
    state: "State", version: "Version", db: "Database", schema: "Schema version",
    footer: "Civil judgment enforcement — inter-agency coordination software",
    ok: "Operating normally", unavailable: "Unavailable", unreachable: "unreachable",
    switchTo: "Tiếng Việt",
  },
};

let lang = localStorage.getItem("thads.lang") || "vi";
let health = null;

function t(key) { return messages[lang][key] || messages.vi[key] || key; }

function render() {
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  document.getElementById("lang").textContent = t("switchTo");
  if (!health) return;
  const state = document.getElementById("st-state");
  state.textContent = health.status === "ok" ? t("ok") : t("unavailable");
  state.className = health.status === "ok" ? "ok" : "bad";
  document.getElementById("st-version").textContent = health.version;
  document.getElementById("st-db").textContent =
    health.db_engine + (health.db_reachable ? "" : " (" + t("unreachable") + ")");
  document.getElementById("st-schema").textContent =
    health.schema_version + " / " + health.schema_expected;
}

async function loadHealth() {
  const res = await fetch("/healthz", { headers: { Accept: "application/json" } });
  health = await res.json();
  render();
}

document.getElementById("lang").addEventListener("click", () => {
  lang = lang === "vi" ? "en" : "vi";
  localStorage.setItem("thads.lang", lang);
  render();
});
render();
loadHealth().catch(() => {
  health = { status: "unavailable", version: "?", db_engine: "?", db_reachable: false, schema_version: "?", schema_expected: "?" };
  render();
});
