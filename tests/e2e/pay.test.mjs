// Paying, at 390×844, through the local M-Pesa and card stand-ins (docs/PAYMENTS.md): an M-Pesa prompt that
// is paid and ends on the receipt; a prompt cancelled on the phone, then tried again and paid; a Paybill
// payment from the stand-in's pretend phone confirmed with its M-Pesa code; a card on the gateway's page.
// Each payment moves the application to review; the account page lists the payments. Axe-clean pages.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startServer } from "./support/server.mjs";
import { apiOf } from "./support/api.mjs";
import { expectNoAxeViolations, expectNoHorizontalScroll, launch, phone } from "./support/browser.mjs";

let server;
let browser;
let api;
let cookie;

const WANJIKU = { email: "wanjiku.kamau@demo.njia.ke", phone: "+254712000101" };

before(async () => {
  server = await startServer({ payments: true });
  browser = await launch();
  api = apiOf(server);
  await server.run(["seed"]);
  cookie = await api.signIn(WANJIKU);
});

after(async () => {
  await browser?.close();
  await server?.dispose();
});

const heading = (page, name) => page.getByRole("heading", { level: 1, name });

async function checkPage(page, label) {
  await expectNoAxeViolations(page, label);
  await expectNoHorizontalScroll(page, label);
}

/** A three-year booklet renewal, submitted through the API: KES 1,400 and the 50 convenience fee. */
async function awaitingPayment() {
  const draft = await api.call("/api/applications", { method: "POST", cookie, body: { service_id: "ntsa-dl-renewal-booklet" } });
  assert.equal(draft.status, 201, JSON.stringify(draft.json));
  const saved = await api.call(`/api/applications/${draft.json.id}/answers`, { method: "PUT", cookie, body: { answers: { period: "3" } } });
  assert.equal(saved.status, 200, JSON.stringify(saved.json));
  const sent = await api.call(`/api/applications/${draft.json.id}/submit`, {
    method: "POST", cookie, headers: { "idempotency-key": crypto.randomUUID() },
  });
  assert.equal(sent.json.status, "awaiting_payment");
  const invoice = await api.call(`/api/applications/${draft.json.id}/invoice`, { cookie });
  return { application: sent.json, invoice: invoice.json };
}

async function signedInPhone() {
  const { context, page, errors } = await phone(browser);
  await api.giveSession(context, cookie);
  return { context, page, errors };
}

/** Opens the application and follows "Pay now" to the pay page. */
async function openPayPage(page, application) {
  await page.goto(`${server.url}/applications/${application.id}`);
  await page.getByRole("link", { name: "Pay now" }).click();
  await heading(page, "Pay for your application").waitFor();
}

async function expectReceipt(page, application, label) {
  await heading(page, "Receipt").waitFor({ timeout: 20_000 });
  await page.getByText(application.reference).first().waitFor();
  await page.getByText("KES 1,450").first().waitFor();
  await page.getByRole("button", { name: "Print or save as PDF" }).waitFor();
  await checkPage(page, label);
  const now = await api.call(`/api/applications/${application.id}`, { cookie });
  assert.equal(now.json.status, "approved", "paid: a booklet renewal is done at once");
}

/** `2029-12-22` as the SPA writes it in English: `22 December 2029`. */
const longDate = (iso) => new Date(`${iso}T00:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

test("pay by M-Pesa on this phone and see the receipt, then find it in the payment history", async () => {
  const before = (await api.call("/api/ntsa/me", { cookie })).json.licence.expires_on;
  const { application } = await awaitingPayment();
  const { context, page, errors } = await signedInPhone();
  await openPayPage(page, application);
  await page.getByText("KES 1,450").first().waitFor();
  await checkPage(page, "the pay page");
  const phoneField = page.getByLabel("M-Pesa phone number");
  assert.equal(await phoneField.inputValue().then((v) => v.replace(/\D/g, "").slice(-9)), "712000101", "the account's phone, prefilled");
  // A number that is not a mobile one is caught before sending.
  await phoneField.fill("020 123 4567");
  await page.getByRole("button", { name: "Send the payment request" }).click();
  await page.getByRole("heading", { name: "There is a problem" }).waitFor();
  await checkPage(page, "the pay page with an error");
  await phoneField.fill("0712 345 000");
  await page.getByRole("button", { name: "Send the payment request" }).click();
  await page.getByRole("heading", { name: "Check your phone" }).waitFor();
  await checkPage(page, "waiting for the PIN");
  await expectReceipt(page, application, "the receipt after M-Pesa");
  await page.getByText(/M-Pesa code/).first().waitFor();
  // The receipt is the renewal slip: it says until when the licence now runs.
  await page.getByText(/Driving licence .* renewed until/).waitFor();

  // The renewal took effect on payment: the licence now runs three more years.
  const after = (await api.call("/api/ntsa/me", { cookie })).json.licence.expires_on;
  assert.equal(Number(after.slice(0, 4)) - Number(before.slice(0, 4)), 3, `${before} → ${after}`);
  await page.goto(`${server.url}/ntsa`);
  await page.getByRole("heading", { level: 1, name: "My NTSA" }).waitFor();
  await page.getByText(longDate(after)).first().waitFor();

  await page.goto(`${server.url}/account`);
  await page.getByRole("link", { name: "See your payments" }).click();
  await heading(page, "Your payments").waitFor();
  await page.getByRole("link", { name: `See the receipt for ${application.reference}` }).waitFor();
  await checkPage(page, "the payment history");
  assert.deepEqual(errors, []);
  await context.close();
});

test("cancel the prompt on the phone, try again, and pay", async () => {
  const { application } = await awaitingPayment();
  const { context, page, errors } = await signedInPhone();
  await openPayPage(page, application);
  // The stand-in plays "cancelled on the phone" for numbers ending in 032.
  await page.getByLabel("M-Pesa phone number").fill("0712345032");
  await page.getByRole("button", { name: "Send the payment request" }).click();
  await page.getByRole("heading", { name: "The payment did not go through" }).waitFor({ timeout: 20_000 });
  await page.getByText("The payment was cancelled on your phone. Nothing was taken.").waitFor();
  await checkPage(page, "a cancelled payment");
  await page.getByLabel("M-Pesa phone number").fill("0712345000");
  await page.getByRole("button", { name: "Try again" }).first().click();
  await expectReceipt(page, application, "the receipt after a retry");
  const invoice = await api.call(`/api/applications/${application.id}/invoice`, { cookie });
  const detail = await api.call(`/api/invoices/${invoice.json.id}`, { cookie });
  assert.deepEqual(detail.json.payments.map((p) => p.status), ["paid", "failed"]);
  assert.deepEqual(errors, []);
  await context.close();
});

test("pay by Paybill from the M-Pesa menu and confirm with the code from the SMS", async () => {
  const { application, invoice } = await awaitingPayment();
  const { context, page, errors } = await signedInPhone();
  await openPayPage(page, application);
  const paybill = page.getByRole("region", { name: "Pay by M-Pesa Paybill" });
  await paybill.getByText(invoice.account_number).first().waitFor();
  await paybill.getByText("222222").first().waitFor();

  // The person's own phone: the stand-in's pretend M-Pesa menu.
  const mpesaPhone = await context.newPage();
  await mpesaPhone.goto(`${server.mpesa}/phone`);
  await mpesaPhone.getByLabel("Account number").fill(invoice.account_number);
  await mpesaPhone.getByLabel("Amount (KES)").fill("1450");
  await mpesaPhone.getByRole("button", { name: "Send money" }).click();
  await mpesaPhone.getByRole("heading", { name: "Payment sent" }).waitFor();
  const code = (await mpesaPhone.getByText(/M-Pesa code:/).textContent()).match(/[A-Z0-9]{10}/)[0];
  await mpesaPhone.close();

  await paybill.getByLabel("M-Pesa code from your SMS").fill(code.toLowerCase());
  await paybill.getByRole("button", { name: "Confirm payment" }).click();
  await expectReceipt(page, application, "the receipt after Paybill");
  await page.getByText(code).first().waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test("pay by card on the gateway's page and come back to the receipt", async () => {
  const { application } = await awaitingPayment();
  const { context, page, errors } = await signedInPhone();
  await openPayPage(page, application);
  await page.getByRole("button", { name: "Continue to card payment" }).click();
  // The gateway's own page: the card number is typed there, never into Njia.
  await page.getByRole("heading", { name: "Pay by card" }).waitFor();
  await page.getByLabel("Name on card").fill("Wanjiku Kamau");
  await page.getByLabel("Card number").fill("4242 4242 4242 4242");
  await page.getByLabel("Expiry date (MM/YY)").fill("12/30");
  await page.getByLabel("Security code (CVC)").fill("123");
  await page.getByRole("button", { name: "Pay KES 1,450" }).click();
  await expectReceipt(page, application, "the receipt after a card");
  await page.getByText("4242").first().waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test("the pay page and the receipt work in Kiswahili at 360×640, with M-Pesa's refusal in plain words", async () => {
  const { application } = await awaitingPayment();
  const { context, page, errors } = await phone(browser, { viewport: { width: 360, height: 640 } });
  await api.giveSession(context, cookie);
  await openPayPage(page, application);
  await page.getByRole("button", { name: "Badilisha lugha kuwa Kiswahili" }).click();
  await heading(page, "Lipia ombi lako").waitFor();
  await checkPage(page, "the pay page in Kiswahili at 360");
  // The stand-in plays a wrong PIN for numbers ending in 201.
  await page.getByLabel("Nambari ya simu ya M-Pesa").fill("0712345201");
  await page.getByRole("button", { name: "Tuma ombi la malipo" }).click();
  await page.getByText("PIN ya M-Pesa haikuwa sahihi. Hakuna pesa iliyotolewa.").waitFor({ timeout: 20_000 });
  await checkPage(page, "a wrong PIN in Kiswahili at 360");
  await page.getByLabel("Nambari ya simu ya M-Pesa").fill("0712345000");
  await page.getByRole("button", { name: "Jaribu tena" }).first().click();
  await heading(page, "Risiti").waitFor({ timeout: 20_000 });
  await checkPage(page, "the receipt in Kiswahili at 360");
  assert.deepEqual(errors, []);
  await context.close();
});
