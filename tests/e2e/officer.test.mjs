// The officer back office at 390×844: an officer signs in, filters the queue (the filters live in the URL),
// opens an application, asks for changes (first without saying what, which the form refuses), approves the
// resubmission, names where to collect and marks it collected, each step on the timeline; a decision taken
// meanwhile elsewhere is refused and the page shows where the application stands; a citizen at /officer is
// told the area is for officers. The applications are made through the API by demo citizens, as a tester
// would; every code comes from the development outbox.
//
// The officer here is an NRB officer made with `njia-server create-staff`, not the demo NTSA officer: every
// NTSA service has a fee, and with no payment step yet an NTSA application waits for payment and never
// reaches the queue (the last test shows the demo NTSA officer's empty queue for that reason).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { startServer } from "./support/server.mjs";
import { SIGN_IN_SMS, apiOf } from "./support/api.mjs";
import { expectNoAxeViolations, expectNoHorizontalScroll, launch, phone } from "./support/browser.mjs";

let server;
let browser;
/** Session cookies of the demo people, each signed in once (a second code within a minute is refused). */
const sessions = {};

const WANJIKU = { email: "wanjiku.kamau@demo.njia.ke", phone: "+254712000101", name: "Wanjiku Kamau", id: "23456789" };
const OTIENO = { email: "otieno.odhiambo@demo.njia.ke", phone: "+254712000102", name: "Otieno Odhiambo" };
const AMINA = { email: "amina.hassan@demo.njia.ke", phone: "+254712000103" };
const GRACE = { email: "grace.wambui@ntsa.demo.njia.ke", phone: "+254722000201" }; // the demo NTSA officer
const NRB_OFFICER = {
  email: "baraka.mwangi@nrb.example.go.ke", phone: "+254722000402", password: "Mvua nyingi kesho asubuhi",
};

before(async () => {
  server = await startServer();
  browser = await launch();
  ({ call, codeFor, signIn, giveSession } = apiOf(server));
  await server.run(["seed"]);
  await server.run([
    "create-staff", "--role", "officer", "--agency", "nrb", "--id-number", "30111222", "--first-name", "Baraka",
    "--surname", "Mwangi", "--date-of-birth", "1984-05-05", "--email", NRB_OFFICER.email, "--phone", "0722000402",
  ], { NJIA_STAFF_PASSWORD: NRB_OFFICER.password });
  for (const [name, person] of Object.entries({ WANJIKU, OTIENO, AMINA, GRACE })) sessions[name] = await signIn(person);
});

after(async () => {
  await browser?.close();
  await server?.dispose();
});

// ---- The API, as a test harness uses it ---------------------------------------------------------------

let call, codeFor, signIn, giveSession;

/** A valid answer to a question of any kind, read from the catalog's form declaration. */
function answerFor(field) {
  switch (field.kind) {
    case "radio":
    case "select": return field.options[0].value;
    case "checkboxes": return [field.options[0].value];
    case "yes_no": return "no";
    case "county": return "047";
    case "national_id": return "12345678";
    case "kra_pin": return "A123456789Z";
    case "phone": return "0712345678";
    case "email": return "someone@example.com";
    case "plate": return "KDA 123A";
    case "date": return field.range === "future" ? "2099-01-01" : "2000-01-01";
    case "number": return String(field.min ?? 1);
    case "text": return "Kikuyu";
    default: throw new Error(`no test answer for a ${field.kind} question`);
  }
}

const PDF = Buffer.from("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

/** A citizen's application to `serviceId`: every question answered, every document attached, submitted. */
async function submitApplication(cookie, serviceId) {
  const service = (await call(`/api/services/${serviceId}`)).json;
  const draft = await call("/api/applications", { method: "POST", body: { service_id: serviceId }, cookie });
  assert.equal(draft.status, 201, JSON.stringify(draft.json));
  const id = draft.json.id;
  const answers = Object.fromEntries(service.steps.flatMap((s) => s.fields).map((f) => [f.id, answerFor(f)]));
  const saved = await call(`/api/applications/${id}/answers`, { method: "PUT", body: { answers }, cookie });
  assert.equal(saved.status, 200, JSON.stringify(saved.json));
  for (const document of service.documents) {
    const uploaded = await call(`/api/applications/${id}/documents/${document.id}`, {
      method: "PUT", raw: true, body: PDF, cookie,
      headers: { "content-type": "application/octet-stream", "x-file-name": encodeURIComponent(`${document.id}.pdf`) },
    });
    assert.ok([200, 201].includes(uploaded.status), JSON.stringify(uploaded.json));
  }
  const submitted = await resubmit(cookie, id);
  return { id, service, reference: submitted.reference, status: submitted.status };
}

/** An agency's name in both languages, from the catalog. */
async function agencyName(id) {
  const { json } = await call("/api/services");
  return json.agencies.find((a) => a.id === id).name;
}

/** Sends an application (again), with the Idempotency-Key the server requires. */
async function resubmit(cookie, id) {
  const r = await call(`/api/applications/${id}/submit`, { method: "POST", cookie, headers: { "idempotency-key": randomUUID() } });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  return r.json;
}

// ---- What an officer does ----------------------------------------------------------------------------

const heading = (page, name) => page.getByRole("heading", { level: 1, name });

/** Console errors other than the browser's note of a 4xx answer, which these journeys expect (401 from the
 * first session check, 409 for a refused decision). */
const unexpected = (errors) => errors.filter((e) => !/Failed to load resource: the server responded with a status of 4\d\d/.test(e));

async function expectSummary(page, expected) {
  const summary = page.getByRole("alert").filter({ has: page.getByRole("heading", { name: "There is a problem" }) });
  await summary.waitFor();
  assert.deepEqual(await summary.getByRole("link").allTextContents(), expected);
  await page.waitForFunction(() => document.activeElement?.id === "error-summary");
}

/** The cards of the queue, as "reference · status". */
async function queueCards(page) {
  const region = page.getByRole("region", { name: "Applications" });
  await region.locator(".officer-queue__count").filter({ hasText: /\S/ }).waitFor();
  const items = region.getByRole("listitem");
  const cards = [];
  for (const item of await items.all()) {
    const reference = (await item.getByRole("heading", { level: 3 }).textContent()).replace(/^Application /, "");
    const status = await item.locator(".status-tag").textContent();
    cards.push(`${reference} · ${status}`);
  }
  return cards;
}

/** The timeline, oldest first, as "status[: note]". */
async function timeline(page) {
  const items = page.getByRole("region", { name: "History" }).getByRole("listitem");
  const entries = [];
  for (const item of await items.all()) {
    const title = await item.locator(".record-list__title").textContent();
    const note = item.locator(".timeline__note");
    entries.push((await note.count()) === 0 ? title : `${title}: ${await note.textContent()}`);
  }
  return entries;
}

async function expectStatus(page, status) {
  const details = page.locator("main dl.summary-list").first();
  await details.locator(".status-tag", { hasText: new RegExp(`^${status}$`) }).waitFor();
}

async function decide(page, decision, save = "Save decision") {
  const form = page.getByRole("region", { name: "Decision" });
  if (decision) await form.getByRole("radio", { name: decision }).check();
  await form.getByRole("button", { name: save }).click();
}

async function announced(page, text) {
  await page.getByRole("status").filter({ hasText: text }).waitFor();
  await page.waitForFunction(() => document.activeElement?.id === "decision-done");
}

// ---- Journeys ------------------------------------------------------------------------------------------

test("an officer filters the queue, asks for changes, approves, names the collection centre and marks it collected", async () => {
  const wanjiku = sessions.WANJIKU;
  const first = await submitApplication(wanjiku, "nrb-id-new");
  assert.equal(first.status, "submitted", "a free service goes straight to the queue");
  const second = await submitApplication(sessions.OTIENO, "nrb-id-new");

  const nrb = await agencyName("nrb");
  const { context, page, errors } = await phone(browser);
  // Not signed in: sent to sign in, and back to the queue afterwards.
  await page.goto(`${server.url}/officer`);
  await heading(page, "Sign in").waitFor();
  assert.equal(new URL(page.url()).searchParams.get("next"), "/officer");
  await page.getByLabel("Email address or ID number").fill(NRB_OFFICER.email);
  await page.getByLabel("Password", { exact: true }).fill(NRB_OFFICER.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await heading(page, "How should we send your code?").waitFor();
  await page.getByRole("button", { name: "Send the code" }).click();
  await heading(page, "Enter the code").waitFor();
  await page.getByLabel("Code").fill(await codeFor(NRB_OFFICER.phone, SIGN_IN_SMS));
  await page.getByRole("button", { name: "Sign in" }).click();

  // The queue: the agency's name, oldest first, a card per application.
  await heading(page, nrb.en).waitFor();
  assert.equal(new URL(page.url()).pathname, "/officer");
  const nav = page.getByRole("navigation", { name: "Your account" });
  await nav.getByRole("link", { name: "Back office" }).waitFor();
  assert.deepEqual(await queueCards(page), [`${first.reference} · Submitted`, `${second.reference} · Submitted`]);
  await page.getByText("2 applications, oldest first.").waitFor();
  const card = page.getByRole("region", { name: "Applications" }).getByRole("listitem").first();
  await card.getByText("National ID card (first application)").waitFor();
  await card.getByText(WANJIKU.name).waitFor();
  await card.getByText(/^\d{1,2} [A-Z][a-z]+ \d{4}$/).waitFor();
  const link = card.getByRole("link", { name: `Application ${first.reference}` });
  assert.ok((await link.boundingBox()).height >= 44, "the card's link is a 44 px touch target");
  await expectNoAxeViolations(page, "queue");
  await expectNoHorizontalScroll(page, "queue");

  // Filters are a GET form: the URL keeps them through a reload and "back".
  const service = page.getByLabel("Service");
  assert.deepEqual(await service.locator("option").allTextContents(), [
    "All services", "National ID card (first application)", "Replacement national ID card",
  ]);
  await service.selectOption({ label: "Replacement national ID card" });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await page.getByText("No applications match these filters.").waitFor();
  assert.equal(new URL(page.url()).search, "?service=nrb-id-replacement");
  await page.reload();
  await page.getByText("No applications match these filters.").waitFor();
  assert.equal(await page.getByLabel("Service").inputValue(), "nrb-id-replacement");
  await page.getByLabel("Service").selectOption({ label: "National ID card (first application)" });
  await page.getByLabel("Status").selectOption({ label: "Submitted" });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await page.getByText("2 applications, oldest first.").waitFor();
  assert.equal(new URL(page.url()).search, "?service=nrb-id-new&status=submitted");
  await page.goBack();
  await page.getByText("No applications match these filters.").waitFor();
  assert.equal(await page.getByLabel("Service").inputValue(), "nrb-id-replacement");
  await page.goForward();
  await page.getByText("2 applications, oldest first.").waitFor();
  assert.equal(await page.getByLabel("Status").inputValue(), "submitted");
  await expectNoAxeViolations(page, "queue, filtered");

  // One application: who applied, the answers in the form's words, the documents, the history.
  await page.getByRole("link", { name: `Application ${first.reference}` }).click();
  await heading(page, `Application ${first.reference}`).waitFor();
  await page.waitForFunction(() => document.activeElement?.tagName === "H1", null, { timeout: 5000 });
  const details = page.locator("main dl.summary-list").first();
  await details.getByText(WANJIKU.name).waitFor();
  await details.getByText(`****${WANJIKU.id.slice(-4)}`).waitFor();
  await expectStatus(page, "Submitted");
  const answers = page.getByRole("region", { name: "Answers" });
  for (const field of first.service.steps.flatMap((s) => s.fields)) {
    await answers.getByText(field.label.en, { exact: true }).waitFor();
    if (field.kind === "radio" || field.kind === "select") {
      await answers.getByText(field.options[0].label.en, { exact: true }).waitFor();
    }
  }
  if (first.service.steps.some((s) => s.fields.some((f) => f.kind === "county"))) {
    await answers.getByText("Nairobi", { exact: true }).first().waitFor();
  }
  const documents = page.getByRole("region", { name: "Documents" });
  for (const document of first.service.documents) {
    await documents.getByText(document.name.en, { exact: true }).waitFor();
    const download = documents.getByRole("link", { name: `Download ${document.id}.pdf` });
    const response = await page.request.get(new URL(await download.getAttribute("href"), server.url).href);
    assert.equal(response.status(), 200, "the officer can download the document");
    assert.equal(response.headers()["content-type"], "application/pdf");
  }
  await documents.getByText(`PDF, ${PDF.length} B`).first().waitFor();
  assert.deepEqual(await timeline(page), ["Submitted"]);
  const decision = page.getByRole("region", { name: "Decision" });
  const offered = await decision.getByRole("radio").evaluateAll((inputs) => inputs.map((i) => i.labels[0].textContent));
  assert.deepEqual(offered, ["Start review", "Approve", "Request changes", "Reject"], "exactly what the server allows from submitted");
  await expectNoAxeViolations(page, "application");
  await expectNoHorizontalScroll(page, "application");

  // Nothing chosen, then changes without saying what: the form says what is missing.
  await decide(page, null);
  await expectSummary(page, ["Choose a decision"]);
  await decide(page, "Request changes");
  await expectSummary(page, ["Say what needs to change"]);
  const changes = page.getByLabel("What needs to change");
  assert.equal(await changes.getAttribute("aria-invalid"), "true");
  await expectNoAxeViolations(page, "request changes, error");
  await page.getByRole("link", { name: "Say what needs to change" }).click();
  await page.waitForFunction(() => document.activeElement?.id === "changes");
  await changes.fill("Upload a clearer copy of the birth certificate");
  await decide(page, null);
  await announced(page, "Changes requested. The applicant has been told what to change.");
  await expectStatus(page, "Changes requested");
  await decision.getByText("There is nothing more to decide on this application.").waitFor();
  assert.deepEqual(await timeline(page), ["Submitted", "Changes requested: To change: Upload a clearer copy of the birth certificate"]);
  const outbox = (await call("/api/dev/outbox")).json.items;
  assert.ok(outbox.some((m) => m.to === WANJIKU.phone && m.body.includes("Upload a clearer copy")), "the applicant is told by SMS");

  // The applicant sends it again; the officer approves.
  assert.equal((await resubmit(wanjiku, first.id)).status, "submitted");
  await page.reload();
  await expectStatus(page, "Submitted");
  await decide(page, "Approve");
  await announced(page, "Application approved. The applicant has been told.");
  await expectStatus(page, "Approved");

  // One decision left: no choice to make, only where to collect it (NRB has no fixed list of centres).
  assert.equal(await decision.getByRole("radio").count(), 0);
  await decide(page, null, "Mark as ready for collection");
  await expectSummary(page, ["Enter where the applicant collects it"]);
  await page.getByLabel("Collection centre").fill("Huduma Centre Thika");
  await decide(page, null, "Mark as ready for collection");
  await announced(page, "Marked as ready for collection. The applicant has been told where.");
  await expectStatus(page, "Ready for collection");
  await expectNoAxeViolations(page, "application, ready for collection");
  await decide(page, null, "Mark as collected");
  await announced(page, "Marked as collected.");
  await expectStatus(page, "Collected");
  await decision.getByText("There is nothing more to decide on this application.").waitFor();
  assert.deepEqual(await timeline(page), [
    "Submitted",
    "Changes requested: To change: Upload a clearer copy of the birth certificate",
    "Submitted",
    "Approved",
    "Ready for collection: Collect at: Huduma Centre Thika",
    "Collected",
  ]);

  // Back to the list as it was filtered; the first is collected, the second still waits.
  await page.getByRole("link", { name: "All applications" }).click();
  await heading(page, nrb.en).waitFor();
  assert.equal(new URL(page.url()).search, "?service=nrb-id-new&status=submitted");
  assert.deepEqual(await queueCards(page), [`${second.reference} · Submitted`]);

  // Someone else decides the second one meanwhile (here: the same officer in another tab, through the API).
  await page.getByRole("link", { name: `Application ${second.reference}` }).click();
  await heading(page, `Application ${second.reference}`).waitFor();
  const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  for (const step of ["start_review", "approve"]) {
    const r = await call(`/api/officer/applications/${second.id}/decision`, { method: "POST", body: { decision: step }, cookie });
    assert.equal(r.status, 200, JSON.stringify(r.json));
  }
  await decide(page, "Reject");
  await page.getByLabel("Reason for rejecting").fill("The birth certificate is not legible");
  await decide(page, null);
  const refused = page.getByRole("alert").filter({ hasText: "This decision is no longer possible" });
  await refused.waitFor();
  await page.waitForFunction(() => document.activeElement?.id === "decision-refused");
  await expectStatus(page, "Approved");
  await decision.getByRole("button", { name: "Mark as ready for collection" }).waitFor();
  assert.deepEqual(await timeline(page), ["Submitted", "Under review", "Approved"]);
  await expectNoAxeViolations(page, "application, decision refused");

  // In Kiswahili.
  await page.getByRole("button", { name: "Badilisha lugha kuwa Kiswahili" }).click();
  await heading(page, `Ombi ${second.reference}`).waitFor();
  await expectStatus(page, "Limeidhinishwa");
  await page.getByRole("banner").getByRole("link", { name: "Ofisi ya maafisa" }).waitFor();
  await page.getByRole("region", { name: "Historia" }).getByText("Linakaguliwa").waitFor();
  await expectNoAxeViolations(page, "application in Kiswahili");
  await expectNoHorizontalScroll(page, "application in Kiswahili");
  await page.getByRole("link", { name: "Maombi yote" }).click();
  await heading(page, nrb.sw).waitFor();
  await page.getByRole("button", { name: "Chuja" }).waitFor();
  await expectNoAxeViolations(page, "queue in Kiswahili");

  assert.deepEqual(unexpected(errors), []);
  await context.close();
});

test("a citizen at /officer is told the back office is for officers", async () => {
  const cookie = sessions.AMINA;
  const { context, page, errors } = await phone(browser);
  await giveSession(context, cookie);
  await page.goto(`${server.url}/officer`);
  await heading(page, "This area is for officers").waitFor();
  await page.getByRole("link", { name: "Go to the list of services" }).waitFor();
  const nav = page.getByRole("navigation", { name: "Your account" });
  await nav.getByRole("link", { name: /Amina/ }).waitFor();
  assert.equal(await nav.getByRole("link", { name: "Back office" }).count(), 0, "no back-office link for a citizen");
  assert.equal((await call("/api/officer/applications", { cookie })).status, 403, "and the API agrees");
  await expectNoAxeViolations(page, "officers only");
  await page.goto(`${server.url}/officer/applications/anything`);
  await heading(page, "This area is for officers").waitFor();
  assert.deepEqual(unexpected(errors), []);
  await context.close();
});

test("the demo NTSA officer's queue is empty while NTSA applications wait for payment", async () => {
  // A citizen applies for a duplicate licence: it has a fee, so it waits for payment, which no step takes yet.
  const application = await submitApplication(sessions.AMINA, "ntsa-dl-duplicate");
  assert.equal(application.status, "awaiting_payment");

  const { context, page, errors } = await phone(browser);
  await giveSession(context, sessions.GRACE);
  await page.goto(`${server.url}/officer`);
  await heading(page, (await agencyName("ntsa")).en).waitFor();
  await page.getByText("There are no applications to review.").waitFor();
  assert.ok((await page.getByLabel("Service").locator("option").count()) > 5, "NTSA's services to filter by");
  await expectNoAxeViolations(page, "empty queue");
  await expectNoHorizontalScroll(page, "empty queue");
  assert.deepEqual(unexpected(errors), []);
  await context.close();
});
