// Transfer of vehicle ownership at 390×844. Wanjiku sells KDA 123A to Amina: her application is made and paid
// with M-Pesa through the API, as a tester would; Amina, in the browser, opens My NTSA → "Transfers offered to
// you", first gives a wrong password (the form says so in an error summary), then accepts with her own; an
// NTSA officer (made with `njia-server create-staff`) approves through the API; and Amina's My NTSA then
// shows the car. Every code comes from the development outbox; each person signs in once.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { startServer } from "./support/server.mjs";
import { apiOf } from "./support/api.mjs";
import { expectNoAxeViolations, expectNoHorizontalScroll, launch, phone } from "./support/browser.mjs";

let server;
let browser;
let api;
const sessions = {};

const WANJIKU = { email: "wanjiku.kamau@demo.njia.ke", phone: "+254712000101" };
// Amina's ID number as the demo registers it (crates/server/src/demo.rs); `GET /api/account` shows it masked.
const AMINA = { email: "amina.hassan@demo.njia.ke", phone: "+254712000103", idNumber: "45678901" };
const OFFICER = {
  email: "halima.ali@ntsa.example.go.ke", phone: "+254722000411", password: "Barabara ndefu ya Thika 9",
};

before(async () => {
  server = await startServer({ payments: true });
  browser = await launch();
  api = apiOf(server);
  await server.run(["seed"]);
  await server.run([
    "create-staff", "--role", "officer", "--agency", "ntsa", "--id-number", "30111411", "--first-name", "Halima",
    "--surname", "Ali", "--date-of-birth", "1986-02-02", "--email", OFFICER.email, "--phone", "0722000411",
  ], { NJIA_STAFF_PASSWORD: OFFICER.password });
  sessions.wanjiku = await api.signIn(WANJIKU);
  sessions.amina = await api.signIn(AMINA);
  sessions.officer = await api.signIn(OFFICER, OFFICER.password);
});

after(async () => {
  await browser?.close();
  await server?.dispose();
});

const PDF = Buffer.from("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

async function checkPage(page, label) {
  await expectNoAxeViolations(page, label);
  await expectNoHorizontalScroll(page, label);
}

/** Wanjiku's transfer of KDA 123A to Amina, sent and paid with M-Pesa; resolves once the payment is in. */
async function transferPaid() {
  const cookie = sessions.wanjiku;
  const account = await api.call("/api/account", { cookie: sessions.amina });
  assert.ok(account.json.id_number_masked.endsWith(AMINA.idNumber.slice(-2)), JSON.stringify(account.json));
  const me = await api.call("/api/ntsa/me", { cookie });
  const car = me.json.vehicles.find((v) => v.plate === "KDA 123A");
  assert.ok(car, JSON.stringify(me.json.vehicles));
  const draft = await api.call("/api/applications", { method: "POST", cookie, body: { service_id: "ntsa-vehicle-transfer" } });
  assert.equal(draft.status, 201, JSON.stringify(draft.json));
  const id = draft.json.id;
  const answers = {
    plate: "KDA 123A", engine_cc: String(car.engine_cc), buyer_identified_by: "national_id", buyer_id_number: AMINA.idNumber,
  };
  const saved = await api.call(`/api/applications/${id}/answers`, { method: "PUT", cookie, body: { answers } });
  assert.equal(saved.status, 200, JSON.stringify(saved.json));
  const uploaded = await api.call(`/api/applications/${id}/documents/logbook-scan`, {
    method: "PUT", raw: true, body: PDF, cookie,
    headers: { "content-type": "application/octet-stream", "x-file-name": "logbook.pdf" },
  });
  assert.ok([200, 201].includes(uploaded.status), JSON.stringify(uploaded.json));
  const sent = await api.call(`/api/applications/${id}/submit`, {
    method: "POST", cookie, headers: { "idempotency-key": randomUUID() },
  });
  assert.equal(sent.json.status, "awaiting_payment", JSON.stringify(sent.json));
  const invoice = await api.call(`/api/applications/${id}/invoice`, { cookie });
  const payment = await api.call(`/api/invoices/${invoice.json.id}/mpesa`, {
    method: "POST", cookie, headers: { "idempotency-key": randomUUID() }, body: { phone: "0712345000" },
  });
  assert.ok([200, 201, 202].includes(payment.status), JSON.stringify(payment.json));
  for (let i = 0; i < 200; i++) {
    const now = await api.call(`/api/payments/${payment.json.id}`, { cookie });
    if (now.json.status === "paid") {
      const application = await api.call(`/api/applications/${id}`, { cookie });
      assert.equal(application.json.status, "submitted");
      return application.json;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("the transfer was not paid");
}

test("the buyer accepts a transfer with her password, an officer approves it, and the car is hers", async () => {
  const application = await transferPaid();
  const [sms] = await api.messagesTo(AMINA.phone, /KDA 123A/);
  assert.ok(sms, "Amina is told by SMS");

  // The officer cannot approve before Amina has accepted.
  const early = await api.call(`/api/officer/applications/${application.id}/decision`, {
    method: "POST", cookie: sessions.officer, body: { decision: "approve" },
  });
  assert.equal(early.status, 409, JSON.stringify(early.json));
  assert.equal(early.json.error.code, "awaiting_buyer");

  const { context, page, errors } = await phone(browser);
  await api.giveSession(context, sessions.amina);
  await page.goto(`${server.url}/ntsa`);
  await page.getByRole("heading", { level: 1, name: "My NTSA" }).waitFor();
  await page.getByRole("link", { name: "Transfers offered to you" }).click();
  await page.getByRole("heading", { level: 1, name: "Transfers offered to you" }).waitFor();
  const card = page.getByRole("listitem").filter({ hasText: "KDA 123A" });
  await card.getByText("Wanjiku Kamau").waitFor();
  await card.getByText("Toyota Axio 2016").waitFor();
  await card.getByText("Waiting for your answer").waitFor();
  await checkPage(page, "transfers offered");

  await card.getByRole("button", { name: /Accept/ }).click();
  await page.getByRole("heading", { name: "Accept the transfer of KDA 123A" }).waitFor();
  const password = page.getByLabel("Your password");
  await password.fill("not my password");
  await page.getByRole("button", { name: "Accept transfer" }).click();
  const summary = page.getByRole("alert").filter({ has: page.getByRole("heading", { name: "There is a problem" }) });
  await summary.waitFor();
  assert.deepEqual(await summary.getByRole("link").allTextContents(), ["Your password is not right"]);
  await checkPage(page, "wrong password");

  await password.fill("Chai-na-Mandazi-2026");
  await page.getByRole("button", { name: "Accept transfer" }).click();
  await page.getByRole("status").filter({ hasText: "You accepted the transfer of KDA 123A" }).waitFor();
  await card.getByText("Accepted: NTSA is reviewing it").waitFor();
  await checkPage(page, "accepted");

  const approved = await api.call(`/api/officer/applications/${application.id}/decision`, {
    method: "POST", cookie: sessions.officer, body: { decision: "approve" },
  });
  assert.equal(approved.status, 200, JSON.stringify(approved.json));
  const note = approved.json.application.timeline.at(-1).note;
  assert.match(note, /KDA 123A now belongs to Amina/);

  await page.goto(`${server.url}/ntsa`);
  await page.getByRole("heading", { level: 2, name: "KDA 123A" }).or(page.getByRole("heading", { level: 3, name: "KDA 123A" })).waitFor();
  await checkPage(page, "my ntsa with the car");
  const wanjiku = await api.call("/api/ntsa/me", { cookie: sessions.wanjiku });
  assert.ok(!wanjiku.json.vehicles.some((v) => v.plate === "KDA 123A"), "no longer Wanjiku's");
  assert.deepEqual(errors.filter((e) => !/Failed to load resource: the server responded with a status of 4\d\d/.test(e)), []);
  await context.close();
});
