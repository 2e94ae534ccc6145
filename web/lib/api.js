// The API client: JSON in and out, the session cookie, the X-CSRF-Token header on every
// write, and the error shape {"error": {code, message, message_vi, field}} turned into
// {code, message, field} in the language shown. Slow requests show the progress bar.
import { getLang } from "./i18n.js";

let csrf = null;
let pending = 0;
let onUnauthorized = () => {};
let onWarnings = () => {};
let onPasswordRequired = () => {};

export const setCsrf = (token) => { csrf = token; };
export const setUnauthorizedHandler = (fn) => { onUnauthorized = fn; };
export const setWarningsHandler = (fn) => { onWarnings = fn; };
export const setPasswordRequiredHandler = (fn) => { onPasswordRequired = fn; };

function progress(delta) {
  pending += delta;
  const bar = document.getElementById("progress");
  if (!bar) return;
  if (pending > 0) {
    // Only a request still running after 250 ms shows the bar: fast pages do not flicker.
    clearTimeout(progress.timer);
    progress.timer = setTimeout(() => { if (pending > 0) bar.hidden = false; }, 250);
  } else {
    clearTimeout(progress.timer);
    bar.hidden = true;
  }
}

export function errorOf(data, status) {
  const e = data && data.error;
  if (!e) return { code: "network", message: getLang() === "vi" ? "Không kết nối được máy chủ." : "Cannot reach the server.", field: null, status };
  const text = getLang() === "vi" ? e.message_vi || e.message : e.message;
  // Messages quote dates as the API writes them (2026-12-14); the reader expects 14/12/2026.
  const message = String(text || "").replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, "$3/$2/$1");
  return { code: e.code, message, field: e.field || null, status };
}

export async function api(method, path, body) {
  const headers = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET" && csrf) headers["X-CSRF-Token"] = csrf;
  progress(1);
  let res, data = null;
  try {
    res = await fetch(path, {
      method, headers, credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    data = res.status === 204 ? null : await res.json().catch(() => null);
  } catch {
    progress(-1);
    return { status: 0, ok: false, data: null, error: errorOf(null, 0) };
  }
  progress(-1);
  if (res.status === 401 && path !== "/api/session") onUnauthorized();
  // An administrator reset the password while this page was open: the server refuses
  // every write until the user chooses their own; show the form for it.
  if (res.status === 403 && data && data.error && data.error.code === "password_change_required") onPasswordRequired();
  if (method !== "GET" && res.ok) onWarnings((data && data.warnings) || []);
  return { status: res.status, ok: res.ok, data, error: res.ok ? null : errorOf(data, res.status) };
}

export const get = (path) => api("GET", path);

// A query string from an object, leaving out empty values.
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "" && v !== false) q.set(k, String(v));
  const s = q.toString();
  return s ? "?" + s : "";
}
