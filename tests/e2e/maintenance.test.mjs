// Notices and maintenance windows, at 360×640: the administrator publishes an NTSA maintenance window on
// /admin/notices (after the form's own error summary); Wanjiku sees it as a banner on the home page; on the
// pay page "Send the payment request" is refused with the notice's words and the time it ends; she changes a
// draft's answer and it is saved; sending it is refused with "Your answers are saved"; the banner can be
// hidden for the session. Axe-clean pages with no horizontal scroll.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startServer } from "./support/server.mjs";
import { apiOf } from "./support/api.mjs";
import { expectNoAxeViolations, expectNoHorizontalScroll, launch, phone } from "./support/browser.mjs";

let server;
let browser;
let api;
let wanjiku;
let daniel;

const SMALL_PHONE = { viewport: { width: 360, height: 640 } };
const WANJIKU = { email: "wanjiku.kamau@demo.njia.ke", phone: "+254712000101" };
const DANIEL = { email: "daniel.kiprop@admin.demo.njia.ke", phone: "+254722000301" };
const MESSAGE_EN = "NTSA services are moving to the new system. Submissions and payments are paused.";
const MESSAGE_SW = "Huduma za NTSA zinahamia mfumo mpya. Maombi na malipo yamesimamishwa.";

before(async () => {
  server = await startServer({ payments: true });
  browser = await launch();
  api = apiOf(server);
  await server.run(["seed"]);
  wanjiku = await api.signIn(WANJIKU);
  daniel = await api.signIn(DANIEL);
});

after(async () => {
  await browser?.close();
  await server?.dispose();
});

const heading = (page, level, name) => page.getByRole("heading", { level, name });

async function checkPage(page, label) {
  await expectNoAxeViolations(page, label);
  await expectNoHorizontalScroll(page, label);
}

async function signedInPhone(cookie) {
  const { context, page, errors } = await phone(browser, SMALL_PHONE);
  await api.giveSession(context, cookie);
  return { context, page, errors };
}

/** A booklet renewal draft with its one answer, saved through the API. */
async function renewalDraft() {
  const draft = await api.call("/api/applications", { method: "POST", cookie: wanjiku, body: { service_id: "ntsa-dl-renewal-booklet" } });
  assert.equal(draft.status, 201, JSON.stringify(draft.json));
  const saved = await api.call(`/api/applications/${draft.json.id}/answers`, { method: "PUT", cookie: wanjiku, body: { answers: { period: "3" } } });
  assert.equal(saved.status, 200, JSON.stringify(saved.json));
  return draft.json;
}

/** `14:00` and `3 December 2026`: a UTC time as the SPA says it in Kenya (UTC+3) in English. */
function kenyaWords(rfc3339) {
  const local = new Date(Date.parse(rfc3339) + 3 * 3_600_000);
  const time = `${String(local.getUTCHours()).padStart(2, "0")}:${String(local.getUTCMinutes()).padStart(2, "0")}`;
  const date = local.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  return { time, date };
}

test("a maintenance window refuses a payment with its message while drafts still save", async () => {
  // Before the window: one renewal sent and awaiting payment, another still a draft.
  const waiting = await renewalDraft();
  const sent = await api.call(`/api/applications/${waiting.id}/submit`, {
    method: "POST", cookie: wanjiku, headers: { "idempotency-key": crypto.randomUUID() },
  });
  assert.equal(sent.json.status, "awaiting_payment", JSON.stringify(sent.json));
  const draft = await renewalDraft();

  // The administrator publishes the window: starting now, ending in 2 hours (the form's defaults).
  const admin = await signedInPhone(daniel);
  await admin.page.goto(`${server.url}/admin/notices`);
  await heading(admin.page, 1, "Notices and maintenance windows").waitFor();
  await admin.page.getByRole("navigation", { name: "Your account" }).getByRole("link", { name: "Notices" }).waitFor();
  await admin.page.getByText("No notices in the last 30 days.").waitFor();
  await checkPage(admin.page, "the notices page");
  await admin.page.getByLabel("This is a maintenance window: refuse submissions and payments").check();
  await admin.page.getByRole("button", { name: "Publish the notice" }).click();
  await admin.page.getByRole("heading", { name: "There is a problem" }).waitFor();
  await admin.page.getByRole("link", { name: "Choose the agency whose services the maintenance window stops" }).waitFor();
  await admin.page.getByRole("link", { name: "Enter the message in Kiswahili" }).waitFor();
  await checkPage(admin.page, "the notices page with errors");
  await admin.page.getByLabel("Who is it for?").selectOption("ntsa");
  await admin.page.getByLabel("Message in English").fill(MESSAGE_EN);
  await admin.page.getByLabel("Message in Kiswahili").fill(MESSAGE_SW);
  await admin.page.getByRole("button", { name: "Publish the notice" }).click();
  await admin.page.getByText("The notice is published.").waitFor();
  await admin.page.getByRole("button", { name: `Withdraw the notice: ${MESSAGE_EN}` }).waitFor();
  await checkPage(admin.page, "the notices page with the window");
  assert.deepEqual(admin.errors, []);
  await admin.context.close();

  const [notice] = (await api.call("/api/notices")).json.items;
  assert.equal(notice.agency_id, "ntsa");
  assert.equal(notice.maintenance, true);
  const ends = kenyaWords(notice.ends_at);
  assert.ok(Date.parse(notice.ends_at) - Date.parse(notice.starts_at) >= 2 * 3_600_000 - 60_000, JSON.stringify(notice));

  // Wanjiku sees the banner on the home page.
  const { context, page, errors } = await signedInPhone(wanjiku);
  await page.goto(`${server.url}/`);
  const banner = page.getByRole("region", { name: new RegExp(`Planned maintenance ${MESSAGE_EN}`) });
  await banner.getByText(MESSAGE_EN).waitFor();
  await banner.getByText(`Until ${ends.time} on ${ends.date}.`).waitFor();
  await checkPage(page, "the home page with the banner");

  // Paying is refused with the notice's words and when it ends.
  await page.goto(`${server.url}/applications/${waiting.id}/pay`);
  await heading(page, 1, "Pay for your application").waitFor();
  await page.getByLabel("M-Pesa phone number").fill("0712 345 000");
  await page.getByRole("button", { name: "Send the payment request" }).click();
  const refusal = page.getByRole("alert").filter({ hasText: "This service is closed for maintenance" });
  await refusal.getByText(MESSAGE_EN).waitFor();
  await refusal.getByText(`You can try again after ${ends.time} on ${ends.date}.`).waitFor();
  await checkPage(page, "the pay page refused for maintenance");
  const invoice = await api.call(`/api/applications/${waiting.id}/invoice`, { cookie: wanjiku });
  assert.equal(invoice.json.status, "pending", "nothing was paid or lost");

  // Her draft's answer is changed and saved.
  await page.goto(`${server.url}/applications/${draft.id}/steps/period`);
  await heading(page, 1, "How long do you want to renew for?").waitFor();
  await page.getByRole("status").getByText("Saved", { exact: true }).waitFor();
  await page.getByRole("radio", { name: "1 year" }).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await heading(page, 1, "Check your answers before sending your application").waitFor();
  await page.locator("dd").getByText("1 year", { exact: true }).first().waitFor();
  const saved = await api.call(`/api/applications/${draft.id}`, { cookie: wanjiku });
  assert.equal(saved.json.answers.period, "1", JSON.stringify(saved.json));
  assert.equal(saved.json.status, "draft");

  // Sending it is refused, and she is told her answers are kept.
  await page.getByLabel("I confirm the declaration above").check();
  await page.getByRole("button", { name: "Accept and send" }).click();
  const notSent = page.getByRole("alert").filter({ hasText: "This service is closed for maintenance" });
  await notSent.getByText("Your answers are saved.").waitFor();
  await notSent.getByText(`You can try again after ${ends.time} on ${ends.date}.`).waitFor();
  await checkPage(page, "the check page refused for maintenance");

  // The banner can be hidden for the rest of the session.
  await page.goto(`${server.url}/`);
  await banner.getByRole("button", { name: "Hide this message" }).click();
  await banner.waitFor({ state: "detached" });
  await page.reload({ waitUntil: "networkidle" });
  assert.equal(await banner.count(), 0, "hidden after a reload too");
  assert.deepEqual(errors.filter((e) => !e.includes("503")), []);
  await context.close();
});
