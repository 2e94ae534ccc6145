// The API description: GET /api/openapi.json of the real `thads serve` validated with an
// OpenAPI 3.1 validator (@seriousme/openapi-schema-validator), and real answers of the
// server checked against the response schemas it publishes (ajv, JSON Schema 2020-12).
// Usage: node tests/browser/openapi.mjs PATH/TO/thads
// Prints one line per test and ends with "openapi: N passed, N failed".
import { Validator } from "@seriousme/openapi-schema-validator";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const bin = process.argv[2];
if (!bin) {
  console.error("usage: node openapi.mjs PATH/TO/thads");
  process.exit(2);
}
const ADMIN = "admin.na";
const PASSWORD = "Mật khẩu quản trị 2026";

function startServer() {
  const dir = mkdtempSync(join(tmpdir(), "thads-openapi-"));
  const db = `sqlite:${dir}/t.db`;
  execFileSync(bin, ["import", "units", "docs/samples/units.csv", "--db", db], { stdio: "pipe" });
  execFileSync(bin, ["user", "add", ADMIN, "--name", "Nguyễn Thị Quản Trị", "--unit", "THADS-NA",
    "--role", "admin,leader,officer", "--password-stdin", "--db", db],
  { input: PASSWORD + "\n", stdio: "pipe" });
  const proc = spawn(bin, ["serve", "--db", db, "--listen", "127.0.0.1:0", "--quiet"], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let err = "";
    const timer = setTimeout(() => reject(new Error("server did not start: " + err)), 15000);
    proc.stderr.on("data", (d) => {
      err += d;
      const m = /\(port (\d+),/.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve({ proc, dir, base: `http://127.0.0.1:${m[1]}` });
      }
    });
    proc.on("exit", (code) => reject(new Error(`server exited ${code}: ${err}`)));
  });
}

let passed = 0;
let failed = 0;
async function test(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`ok   ${name}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}: ${e.stack || e}`);
  }
}
function assert(cond, what) {
  if (!cond) throw new Error(what);
}

const srv = await startServer();
try {
  const doc = await (await fetch(srv.base + "/api/openapi.json")).json();

  await test("the document is valid OpenAPI 3.1", async () => {
    const validator = new Validator();
    const res = await validator.validate(structuredClone(doc));
    assert(res.valid, "invalid: " + String(JSON.stringify(res.errors ?? null, null, 1)).slice(0, 3000));
    assert(validator.version === "3.1", "version " + validator.version);
    validator.resolveRefs(); // throws on a reference that leads nowhere
  });

  const ops = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ path, method, op })));

  await test("every request body is declared closed, with its limits", async () => {
    const bodies = ops.filter((o) => o.op.requestBody);
    assert(bodies.length >= 12, `only ${bodies.length} request bodies`);
    for (const { path, method, op } of bodies) {
      const s = op.requestBody.content["application/json"].schema;
      assert(s.additionalProperties === false, `${method} ${path} is open`);
    }
    const cases = doc.paths["/api/cases"].post.requestBody.content["application/json"].schema;
    assert(cases.properties.parties.maxItems === 64, "parties without their limit");
    assert(cases.properties.parties.items.properties.full_name.maxLength === 200,
      "full_name without its limit");
  });

  await test("every operation answers errors as the Error object, and says how to sign in",
    async () => {
      for (const { path, method, op } of ops) {
        assert(op.responses["500"], `${method} ${path}: no 500`);
        for (const [status, r] of Object.entries(op.responses))
          if (Number(status) >= 400 && !(path === "/healthz" && status === "503"))
            assert(r.content["application/json"].schema.$ref === "#/components/schemas/Error",
              `${method} ${path} ${status}`);
        if (op.security) assert(op.responses["401"], `${method} ${path}: no 401`);
      }
      assert(doc.components.securitySchemes.csrf.name === "X-CSRF-Token", "no CSRF header");
    });

  // Real answers against the published schemas.
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: "doc", components: doc.components });
  const fix = (s) => JSON.parse(JSON.stringify(s).replaceAll('"#/components/', '"doc#/components/'));
  function check(path, method, status, body) {
    const schema = doc.paths[path][method].responses[status].content["application/json"].schema;
    const validate = ajv.compile(fix(schema));
    assert(validate(body), `${method} ${path} ${status}: ` +
      JSON.stringify(validate.errors, null, 1).slice(0, 2000));
  }

  const login = await fetch(srv.base + "/api/session", {
    method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ username: ADMIN, password: PASSWORD }),
  });
  const session = await login.json();
  const cookie = login.headers.get("set-cookie").split(";")[0];
  const call = async (method, path, body) => {
    const r = await fetch(srv.base + path, {
      method,
      headers: { Cookie: cookie, "X-CSRF-Token": session.csrf_token,
        "Content-Type": "application/json" },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: r.status, body: r.status === 204 ? null : await r.json() };
  };

  await test("the answers of reads match their published schemas", async () => {
    check("/api/session", "post", "200", session);
    const health = await (await fetch(srv.base + "/healthz")).json();
    check("/healthz", "get", "200", health);
    for (const path of ["/api/session", "/api/catalog", "/api/units", "/api/users", "/api/audit",
      "/api/cases", "/api/worklist", "/api/inspection/violations"]) {
      const r = await call("GET", path);
      assert(r.status === 200, `${path}: ${r.status}`);
      check(path, "get", "200", r.body);
    }
  });

  await test("a case opened and worked matches its schemas; a refusal matches Error", async () => {
    const units = (await call("GET", "/api/units")).body.units;
    const kv1 = units.find((u) => u.code === "NA-KV1");
    const me = (await call("GET", "/api/session")).body.user;
    let r = await call("POST", "/api/cases", {
      unit_id: kv1.id, case_no: "1/QĐ-CCTHADS", source: "application", category: "civil",
      received_on: "2026-01-05",
      judgment: { number: "12/2025/DS-ST", date: "2025-12-01", court: "TAND khu vực 1" },
      parties: [{ role: "creditor", kind: "person", full_name: "Lê Văn B" },
        { role: "debtor", kind: "person", full_name: "Nguyễn Văn A", id_number: "040088004321" }],
      items: [{ content_type: "pay_money", description: "Trả nợ", amount_vnd: 1000000,
        creditor: 0 }],
    });
    assert(r.status === 201, `open: ${r.status} ${JSON.stringify(r.body)}`);
    check("/api/cases", "post", "201", r.body);
    const id = r.body.id;
    r = await call("POST", `/api/cases/${id}/assign`, { officer_user_id: me.id,
      occurred_on: "2026-01-06", document_no: "1/QĐ-PC" });
    assert(r.status === 201, `assign: ${r.status} ${JSON.stringify(r.body)}`);
    check("/api/cases/{id}/assign", "post", "201", r.body);
    for (const path of ["/api/cases/{id}", "/api/cases/{id}/events"]) {
      r = await call("GET", path.replace("{id}", id));
      check(path, "get", "200", r.body);
    }
    r = await call("GET", "/api/search?q=nguyen");
    check("/api/search", "get", "200", r.body);
    r = await call("GET", "/api/reports/summary?unit=THADS-NA&from=2026-01-01&to=2026-12-31");
    assert(r.status === 200, `report: ${r.status} ${JSON.stringify(r.body)}`);
    check("/api/reports/summary", "get", "200", r.body);
    r = await call("GET", "/api/reports/cases?unit=THADS-NA&from=2026-01-01&to=2026-12-31&line=total");
    assert(r.status === 200, `report cases: ${r.status} ${JSON.stringify(r.body)}`);
    check("/api/reports/cases", "get", "200", r.body);
    r = await call("POST", `/api/cases/${id}/events`, { type: "decided", occurred_on: "2026-01-07",
      colour: "red" });
    assert(r.status === 400 && r.body.error.field === "colour", JSON.stringify(r.body));
    check("/api/cases/{id}/events", "post", "400", r.body);
  });
} finally {
  srv.proc.kill("SIGTERM");
  rmSync(srv.dir, { recursive: true, force: true });
}
console.log(`openapi: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
