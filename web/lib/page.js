// A page that only says something: not found, not allowed.
import { html } from "./html.js";
import { t } from "./i18n.js";

export function Message({ title, text, code }) {
  return html`<section class="card message" id=${"page-" + code} role="alert">
    <h2>${title}</h2><p>${text}</p><p><a href="/">${t("back_home")}</a></p></section>`;
}
