// A new case: the judgment, the parties (found by ID number when on file: a name that
// differs from the one on file is pointed out before sending, and the server's warning
// after), the obligation items, the category.
import { html, useState, useEffect } from "../lib/html.js";
import { api, get, query } from "../lib/api.js";
import { t, options } from "../lib/i18n.js";
import { getSession } from "../lib/session.js";
import { navigate } from "../lib/router.js";
import { todayIso, parseMoney, naturalCompare } from "../lib/format.js";
import { useForm, Field, Submit, checkDate, checkMoney, required, isoOf, displayDate } from "../lib/form.js";

const party = (role) => ({ role, kind: "person", full_name: "", id_number: "", address: "" });
const item = () => ({ content_type: "pay_money", description: "", amount_vnd: "" });

// The form's values are flat ("parties[1].full_name") so that the server's error field
// names the input it is about.
function flatten(parties, items) {
  const v = {};
  parties.forEach((p, i) => { for (const [k, x] of Object.entries(p)) v[`parties[${i}].${k}`] = x; });
  items.forEach((it, i) => { for (const [k, x] of Object.entries(it)) v[`items[${i}].${k}`] = x; });
  return v;
}

export function CaseNew() {
  const [units, setUnits] = useState([]);
  const [np, setNp] = useState(2);
  const [ni, setNi] = useState(1);
  const [onFile, setOnFile] = useState({}); // party index -> name on file
  const me = getSession().user;
  const form = useForm({
    unit_id: String(me.unit.id), case_no: "", source: "application", category: "civil", received_on: displayDate(todayIso()),
    "judgment.number": "", "judgment.date": "", "judgment.court": "",
    ...flatten([party("creditor"), party("debtor")], [item()]),
  });
  useEffect(() => {
    get("/api/units").then((r) => { if (r.ok) setUnits(r.data.units.filter((u) => u.enforcement !== false).sort((a, b) => naturalCompare(a.code, b.code))); });
  }, []);
  const v = form.values;
  const addParty = () => { form.setAll({ ...v, ...flatten(Array(np + 1).fill(0).map((_, i) => i < np ? pick(v, "parties", i) : party("related")), []) }); setNp(np + 1); };
  const addItem = () => { form.setAll({ ...v, ...flatten([], Array(ni + 1).fill(0).map((_, i) => i < ni ? pick(v, "items", i) : item())) }); setNi(ni + 1); };

  // The party on file under this ID number, if the server can say (GET /api/parties).
  async function lookup(i) {
    const id = String(v[`parties[${i}].id_number`] || "").trim();
    if (!id) return;
    const r = await get("/api/parties" + query({ id_number: id }));
    const found = r.ok && (r.data.parties ? r.data.parties[0] : r.data);
    setOnFile((o) => ({ ...o, [i]: found && found.full_name ? found.full_name : null }));
    if (found && found.full_name && !v[`parties[${i}].full_name`].trim()) form.set(`parties[${i}].full_name`, found.full_name);
  }
  const fold = (s) => String(s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/gi, "d").toLowerCase().replace(/\s+/g, " ").trim();

  const submit = async (ev) => {
    ev.preventDefault();
    const r = await form.submit((x) => {
      const e = { case_no: required(x.case_no), received_on: checkDate(x.received_on), "judgment.number": required(x["judgment.number"]),
        "judgment.date": checkDate(x["judgment.date"]), "judgment.court": required(x["judgment.court"]) };
      for (let i = 0; i < np; i++) e[`parties[${i}].full_name`] = required(x[`parties[${i}].full_name`]);
      for (let i = 0; i < ni; i++) {
        e[`items[${i}].description`] = required(x[`items[${i}].description`]);
        e[`items[${i}].amount_vnd`] = checkMoney(x[`items[${i}].amount_vnd`], false);
      }
      return e;
    }, (x) => api("POST", "/api/cases", {
      unit_id: Number(x.unit_id), case_no: x.case_no.trim(), source: x.source, category: x.category, received_on: isoOf(x.received_on),
      judgment: { number: x["judgment.number"].trim(), date: isoOf(x["judgment.date"]), court: x["judgment.court"].trim() },
      parties: Array(np).fill(0).map((_, i) => {
        const p = pick(x, "parties", i);
        return { role: p.role, kind: p.kind, full_name: p.full_name.trim(), ...(p.id_number.trim() ? { id_number: p.id_number.trim() } : {}), ...(p.address.trim() ? { address: p.address.trim() } : {}) };
      }),
      items: Array(ni).fill(0).map((_, i) => {
        const it = pick(x, "items", i);
        const debtorless = { content_type: it.content_type, description: it.description.trim() };
        return it.amount_vnd ? { ...debtorless, amount_vnd: parseMoney(it.amount_vnd) } : debtorless;
      }),
    }));
    if (r && r.ok) navigate("/case/" + r.data.id);
  };
  const roleOpts = options("party_roles"), kindOpts = options("party_kinds"), ctOpts = options("content_types");
  return html`<section class="card" id="view-case-new">
    <h2>${t("new_case")}</h2>
    <form id="case-form" onSubmit=${submit} novalidate>
      <fieldset class="form-grid"><legend>${t("case_facts")}</legend>
        <${Field} form=${form} name="unit_id" label=${t("unit")} kind="select" required options=${units.map((u) => ({ value: String(u.id), label: `${u.code} — ${u.name_vi}` }))} />
        <${Field} form=${form} name="case_no" label=${t("case_no")} required maxlength="64" placeholder="46/QĐ-THADS" />
        <${Field} form=${form} name="source" label=${t("source")} kind="select" required options=${options("sources")} />
        <${Field} form=${form} name="category" label=${t("category")} kind="select" required options=${options("categories")} />
        <${Field} form=${form} name="received_on" label=${t("received_on")} kind="date" required />
      </fieldset>
      <fieldset class="form-grid"><legend>${t("judgment")}</legend>
        <${Field} form=${form} name="judgment.number" label=${t("judgment_no")} required maxlength="64" placeholder="12/2026/DS-ST" />
        <${Field} form=${form} name="judgment.date" label=${t("judgment_date")} kind="date" required />
        <${Field} form=${form} name="judgment.court" label=${t("court")} required maxlength="200" wide />
      </fieldset>
      ${Array(np).fill(0).map((_, i) => html`<fieldset class="form-grid party"><legend>${t("party_n", { n: i + 1 })}</legend>
        <${Field} form=${form} name=${`parties[${i}].role`} label=${t("party_role")} kind="select" options=${roleOpts} />
        <${Field} form=${form} name=${`parties[${i}].kind`} label=${t("party_kind")} kind="select" options=${kindOpts} />
        <${Field} form=${form} name=${`parties[${i}].id_number`} label=${t("id_number")} maxlength="20" onBlur=${() => lookup(i)} hint=${t("id_number_hint")} />
        <${Field} form=${form} name=${`parties[${i}].full_name`} label=${t("full_name")} required maxlength="200" span2 />
        <${Field} form=${form} name=${`parties[${i}].address`} label=${t("address")} maxlength="300" span2 />
        ${onFile[i] && fold(onFile[i]) !== fold(v[`parties[${i}].full_name`]) ? html`<p class="warning wide" role="status">${t("name_on_file", { name: onFile[i] })}</p>` : null}
      </fieldset>`)}
      <p><button type="button" onClick=${addParty}>${t("add_party")}</button></p>
      ${Array(ni).fill(0).map((_, i) => html`<fieldset class="form-grid"><legend>${t("item_n", { n: i + 1 })}</legend>
        <${Field} form=${form} name=${`items[${i}].content_type`} label=${t("content_type")} kind="select" options=${ctOpts} />
        <${Field} form=${form} name=${`items[${i}].description`} label=${t("description")} required maxlength="500" wide />
        <${Field} form=${form} name=${`items[${i}].amount_vnd`} label=${t("amount_vnd")} kind="money" />
      </fieldset>`)}
      <p><button type="button" onClick=${addItem}>${t("add_item")}</button></p>
      <${Submit} form=${form} label=${t("open_case")} />
    </form>
  </section>`;
}

function pick(v, list, i) {
  const prefix = `${list}[${i}].`, out = {};
  for (const [k, x] of Object.entries(v)) if (k.startsWith(prefix)) out[k.slice(prefix.length)] = x;
  return out;
}
