// What the API's request schemas allow (GET /api/openapi.json, fetched once): the event
// form offers only the event types POST /api/cases/{id}/events takes — money is received
// through receipts, the officer assigned through /assign.
import { get } from "./api.js";

let doc = null;
const load = () => (doc ||= get("/api/openapi.json").then((r) => (r.ok ? r.data : null)));

export async function requestEnum(path, method, property) {
  const d = await load();
  try {
    return d.paths[path][method].requestBody.content["application/json"].schema.properties[property].enum || null;
  } catch {
    return null;
  }
}
