// Forms: every field has a visible label tied to its input, the server's refusal
// {"error": {code, message, field}} is shown beside the field it names (or above the
// button when it names none), and dates are typed dd/mm/yyyy whatever the browser's
// locale (a text input with a pattern, parsed here; <input type=date> shows the
// browser's own order).
import { html, useState } from "./html.js";
import { t } from "./i18n.js";
import { parseDate, fmtDate, parseMoney } from "./format.js";

let seq = 0;

export function useForm(initial) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState({});
  const [message, setMessage] = useState(null); // {text, ok}
  const [busy, setBusy] = useState(false);
  const [fid] = useState(() => "f" + ++seq);
  const form = {
    fid, values, errors, message, busy,
    set: (name, v) => { setValues((old) => ({ ...old, [name]: v })); setErrors((e) => ({ ...e, [name]: null })); },
    setAll: setValues,
    reset: (v) => { setValues(v || initial); setErrors({}); },
    setErrors, setMessage,
    // Runs check() (field -> message for what the browser can tell) then send(); a refusal
    // from the server goes beside its field. Returns the API's answer, or null.
    async submit(check, send) {
      const local = check ? check(values) : {};
      const bad = Object.entries(local).filter(([, v]) => v);
      setMessage(null);
      if (bad.length) {
        setErrors(Object.fromEntries(bad));
        setMessage({ text: t("fix_fields"), ok: false });
        return null;
      }
      setBusy(true);
      const r = await send(values);
      setBusy(false);
      if (r && !r.ok) {
        // The field the server names, or the nearest one shown ("items[1]" -> its inputs'
        // common prefix is not a field: then the message goes above the button).
        const f = r.error.field;
        const k = f && (f in values ? f : Object.keys(values).filter((k) => f.startsWith(k)).sort((a, b) => b.length - a.length)[0]);
        if (k) {
          setErrors({ [k]: r.error.message });
          setMessage({ text: t("fix_fields"), ok: false });
        } else setMessage({ text: r.error.message, ok: false });
      } else if (r) {
        setErrors({});
        setMessage({ text: t("saved"), ok: true });
      }
      return r;
    },
  };
  return form;
}

// One labelled field. kind: text | password | date | money | select | checkbox | textarea.
export function Field({ form, name, label, kind = "text", options, required, hint, wide, span2, ...rest }) {
  const id = form.fid + "-" + name.replace(/[^a-z0-9_]/gi, "_");
  const err = form.errors[name];
  const value = form.values[name] ?? "";
  const described = [err ? id + "-err" : null, hint ? id + "-hint" : null].filter(Boolean).join(" ") || null;
  const common = { id, name, required, "aria-invalid": err ? "true" : null, "aria-describedby": described, ...rest };
  let input;
  if (kind === "select") {
    input = html`<select ...${common} value=${value} onChange=${(e) => form.set(name, e.target.value)}>
      ${(options || []).map((o) => html`<option value=${o.value}>${o.label}</option>`)}</select>`;
  } else if (kind === "checkbox") {
    return html`<div class=${"field check" + (wide ? " wide" : "")}>
      <input type="checkbox" ...${common} checked=${!!form.values[name]} onChange=${(e) => form.set(name, e.target.checked)} />
      <label for=${id}>${label}</label>
      ${err ? html`<p class="field-error" id=${id + "-err"} role="alert">${err}</p>` : null}</div>`;
  } else if (kind === "textarea") {
    input = html`<textarea ...${common} rows="3" value=${value} onInput=${(e) => form.set(name, e.target.value)}></textarea>`;
  } else if (kind === "date") {
    input = html`<input ...${common} type="text" inputmode="numeric" placeholder="dd/mm/yyyy" autocomplete="off"
      pattern="\\s*\\d{1,2}[/.\\-]\\d{1,2}[/.\\-]\\d{4}\\s*" maxlength="10" class="date"
      value=${value} onInput=${(e) => form.set(name, e.target.value)} />`;
  } else if (kind === "money") {
    input = html`<input ...${common} type="text" inputmode="numeric" class="money" placeholder="1.000.000"
      value=${value} onInput=${(e) => form.set(name, e.target.value)} />`;
  } else {
    input = html`<input ...${common} type=${kind} value=${value} onInput=${(e) => form.set(name, e.target.value)} />`;
  }
  return html`<div class=${"field" + (err ? " invalid" : "") + (wide ? " wide" : "") + (span2 ? " span2" : "")}>
    <label for=${id}>${label}${required ? html`<span class="req" aria-hidden="true"> *</span>` : null}</label>
    ${input}
    ${hint ? html`<p class="hint muted" id=${id + "-hint"}>${hint}</p>` : null}
    ${err ? html`<p class="field-error" id=${id + "-err"} role="alert">${err}</p>` : null}
  </div>`;
}

// The form's message (saved / the refusal that names no field) and its button.
export function Submit({ form, label }) {
  const m = form.message;
  return html`<div class="submit">
    <button type="submit" class="primary" disabled=${form.busy}>${form.busy ? t("saving") : label || t("save")}</button>
    <p class=${m ? (m.ok ? "ok form-msg" : "error form-msg") : "form-msg"} role="status">${m ? m.text : ""}</p>
  </div>`;
}

// Checks shared by forms: a date typed dd/mm/yyyy, an amount in đồng.
export const checkDate = (v, required = true) =>
  !v ? (required ? t("required") : null) : parseDate(v) ? null : t("bad_date");
export const checkMoney = (v, required = true) =>
  !v ? (required ? t("required") : null) : parseMoney(v) !== null ? null : t("bad_money");
export const required = (v) => (String(v ?? "").trim() ? null : t("required"));
export const isoOf = (v) => (v ? parseDate(v) : null);
export const displayDate = (iso) => (iso ? fmtDate(iso) : "");
