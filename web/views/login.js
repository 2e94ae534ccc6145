// Sign-in.
import { html, useState } from "../lib/html.js";
import { api } from "../lib/api.js";
import { t } from "../lib/i18n.js";
import { useForm, Field, Submit, required } from "../lib/form.js";

export function Login({ onSignedIn }) {
  const form = useForm({ username: "", password: "" });
  const [notice] = useState(() => {
    const n = sessionStorage.getItem("thads.notice");
    sessionStorage.removeItem("thads.notice");
    return n;
  });
  const submit = async (ev) => {
    ev.preventDefault();
    const r = await form.submit((v) => ({ username: required(v.username), password: required(v.password) }),
      (v) => api("POST", "/api/session", { username: v.username.trim(), password: v.password }));
    if (r && r.ok) onSignedIn();
  };
  return html`<section class="card narrow" id="view-login">
    <h2>${t("login_title")}</h2>
    ${notice ? html`<p class="ok" role="status" id="login-notice">${t(notice)}</p>` : null}
    <form id="login-form" onSubmit=${submit} novalidate>
      <${Field} form=${form} name="username" label=${t("username")} autocomplete="username" required />
      <${Field} form=${form} name="password" label=${t("password")} kind="password" autocomplete="current-password" required />
      <${Submit} form=${form} label=${t("login")} />
    </form>
  </section>`;
}
