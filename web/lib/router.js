// Routing by the URL's path (history API): the server answers index.html for any path
// without a dot that is not under /api (http/static.c), so every page has a real URL
// that can be bookmarked, reloaded and opened in a new tab.
import { useState, useEffect } from "./html.js";

const listeners = new Set();
const notify = () => { for (const fn of listeners) fn(location.pathname + location.search); };

export function navigate(path, { replace = false } = {}) {
  if (path === location.pathname + location.search) return notify();
  if (replace) history.replaceState(null, "", path);
  else history.pushState(null, "", path);
  window.scrollTo(0, 0);
  notify();
}

window.addEventListener("popstate", notify);

// Links inside the app change the page without reloading it; modified clicks (new tab)
// and links to the API or to files keep the browser's behaviour.
document.addEventListener("click", (ev) => {
  if (ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
  const a = ev.target.closest && ev.target.closest("a[href]");
  if (!a || a.target || a.hasAttribute("download")) return;
  const href = a.getAttribute("href");
  if (!href.startsWith("/") || href.startsWith("/api/") || /\.[a-z0-9]+$/i.test(href.split("?")[0])) return;
  ev.preventDefault();
  navigate(href);
});

export function useLocation() {
  const [loc, setLoc] = useState(location.pathname + location.search);
  useEffect(() => {
    listeners.add(setLoc);
    return () => listeners.delete(setLoc);
  }, []);
  return loc;
}

// routes: [{path: "/case/:id", ...}]; the first whose pattern matches, with params and query.
export function match(routes, loc) {
  const [path, search] = loc.split("?");
  const parts = path.replace(/\/+$/, "").split("/");
  for (const r of routes) {
    const pat = r.path.replace(/\/+$/, "").split("/");
    if (pat.length !== parts.length) continue;
    const params = {};
    let ok = true;
    for (let i = 0; i < pat.length && ok; i++) {
      if (pat[i].startsWith(":")) params[pat[i].slice(1)] = decodeURIComponent(parts[i]);
      else ok = pat[i] === parts[i];
    }
    if (ok) return { route: r, params, query: Object.fromEntries(new URLSearchParams(search || "")) };
  }
  return null;
}

// A link to a path with a query built from an object (empty values left out).
export function href(path, params = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "" && v !== false) q.set(k, String(v));
  const s = q.toString();
  return s ? path + "?" + s : path;
}
