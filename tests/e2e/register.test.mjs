// Registration as a person meets it on a phone: the wizard step by step, "check your answers" with a Change
// link, the errors of each step, the strength meter, a reload in the middle, an account that already exists,
// Kiswahili, and the confirmation of the phone and the email with the codes the local sender keeps in the
// development outbox (`GET /api/dev/outbox`). axe on every page, and no sideways scrolling at 360 px.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startServer } from "./support/server.mjs";
import { PHONE, expectNoAxeViolations, expectNoHorizontalScroll, launch, phone } from "./support/browser.mjs";

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.dispose();
});

// Each test registers different people on the same server: numbers and addresses must not repeat.
let serial = 0;
function person(overrides = {}) {
  serial += 1;
  const n = String(Date.now() % 1_000_000).padStart(6, "0") + String(serial).padStart(2, "0");
  return {
    idNumber: `3${n.slice(1)}`,
    first: "Achieng",
    other: "Grace",
    surname: "Odhiambo",
    day: "27",
    month: "3",
    year: "1990",
    email: `achieng.${n}@example.co.ke`,
    phone: `07${n}`,
    password: "violet tractor mango sunrise",
    ...overrides,
  };
}

/** E.164, as the server stores and addresses a Kenyan mobile number. */
function e164(phone) {
  return `+254${phone.replace(/\D/g, "").slice(-9)}`;
}

/** The newest code the local sender "delivered" to `to`. */
async function codeFor(to, { after: notBefore = 0 } = {}) {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const res = await fetch(`${server.url}/api/dev/outbox`);
    assert.equal(res.status, 200, "the development outbox exists when no real sender is configured");
    const { items } = await res.json();
    const hit = items.find((m) => m.to.toLowerCase() === to.toLowerCase() && Date.parse(m.created_at) >= notBefore);
    const code = hit?.body.match(/\b(\d{6})\b/)?.[1];
    if (code) return code;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no code was sent to ${to}`);
}

/**
 * The console errors that matter: the browser logs every 4xx as "Failed to load resource", and the answers
 * these pages expect (401 signed out, 422 a wrong code, 429 wait before resending) are not failures.
 */
function unexpected(errors) {
  return errors.filter((e) => !/Failed to load resource: .* status of (401|422|429)\b/.test(e));
}

/** axe at the test's phone size, then the page at 360×640 must not scroll sideways. */
async function check(page, label) {
  await expectNoAxeViolations(page, label);
  await expectNoHorizontalScroll(page, `${label} at 390`);
  await page.setViewportSize({ width: 360, height: 640 });
  await expectNoHorizontalScroll(page, `${label} at 360`);
  await page.setViewportSize(PHONE);
}

async function heading(page, name) {
  await page.getByRole("heading", { level: 1, name }).waitFor();
}

async function focusedId(page) {
  return page.evaluate(() => document.activeElement?.id ?? "");
}

async function next(page, label = "Continue") {
  await page.getByRole("button", { name: label, exact: true }).click();
}

/** The error summary has appeared, holds `message`, and has focus. */
async function expectSummary(page, message, title = "There is a problem") {
  const summary = page.getByRole("alert").filter({ has: page.getByRole("heading", { name: title }) });
  await summary.getByRole("link", { name: message }).first().waitFor();
  await page.waitForFunction(() => document.activeElement?.id === "error-summary");
  return summary;
}

/** Walks the wizard from the start page to "check your answers", checking each page on the way. */
async function walkToCheck(page, p, { axe = false } = {}) {
  await page.goto(`${server.url}/register`);
  await heading(page, "Create an account");
  if (axe) await check(page, "register start");
  await page.getByRole("link", { name: "Start now" }).click();

  await heading(page, "What kind of account do you need?");
  if (axe) await check(page, "account type");
  await page.getByRole("radio", { name: "Kenyan citizen, with a national ID" }).check();
  await next(page);

  await heading(page, "What is your national ID number?");
  if (axe) await check(page, "ID number");
  await page.getByLabel("National ID number").fill(p.idNumber);
  await next(page);

  await heading(page, "What is your name?");
  if (axe) await check(page, "name");
  await page.getByLabel("First name").fill(p.first);
  await page.getByLabel("Other names (optional)").fill(p.other);
  await page.getByLabel("Surname").fill(p.surname);
  await next(page);

  await heading(page, "What is your date of birth?");
  if (axe) await check(page, "date of birth");
  await page.getByLabel("Day").fill(p.day);
  await page.getByLabel("Month").fill(p.month);
  await page.getByLabel("Year").fill(p.year);
  await next(page);

  await heading(page, "How can we contact you?");
  await page.getByText("We'll send a code to each to confirm them.").waitFor();
  if (axe) await check(page, "contact");
  await page.getByLabel("Email address").fill(p.email);
  await page.getByLabel("Mobile number").fill(p.phone);
  await next(page);

  await heading(page, "Create a password");
  if (axe) await check(page, "password");
  await page.getByLabel("Password", { exact: true }).fill(p.password);
  await page.getByLabel("Type the password again").fill(p.password);
  await next(page);

  await heading(page, "How we use your information");
  if (axe) await check(page, "privacy notice");
  await page.getByRole("checkbox", { name: "I have read the privacy notice and agree" }).check();
  await next(page);

  await heading(page, "Check your answers before creating your account");
}

function row(page, key) {
  return page.locator("dl").getByRole("term").filter({ hasText: key }).locator("xpath=..");
}

test("register end to end: every step, a change from the check page, and both codes", async () => {
  const { context, page, errors } = await phone(browser);
  const p = person();
  await walkToCheck(page, p, { axe: true });
  await check(page, "check your answers");

  await page.getByText("Kenyan citizen", { exact: true }).waitFor();
  await page.getByText(p.idNumber, { exact: true }).waitFor();
  await page.getByText("Achieng Grace Odhiambo", { exact: true }).waitFor();
  await page.getByText("27 March 1990", { exact: true }).waitFor();
  await page.getByText(p.email, { exact: true }).waitFor();
  await page.getByText(`${p.phone.slice(0, 4)} ${p.phone.slice(4, 7)} ${p.phone.slice(7)}`, { exact: true }).waitFor();
  assert.equal(await row(page, "Password").getByText(p.password).count(), 0, "the password is never shown");

  // Change one answer: the Change link leads to its step, and Continue comes back here.
  await page.getByRole("link", { name: "Change name" }).click();
  await heading(page, "What is your name?");
  assert.equal(await page.getByLabel("First name").inputValue(), "Achieng");
  await page.getByLabel("Other names (optional)").fill("");
  await next(page);
  await heading(page, "Check your answers before creating your account");
  assert.equal(new URL(page.url()).pathname, "/register/check");
  await page.getByText("Achieng Odhiambo", { exact: true }).waitFor();

  await page.getByRole("button", { name: "Create account" }).click();
  await heading(page, "Confirm your mobile number and email address");
  assert.equal(new URL(page.url()).pathname, "/register/confirm");
  assert.equal(await page.evaluate(() => sessionStorage.getItem("njia.register.draft")), null, "the draft is gone");
  const phoneSection = page.getByRole("region", { name: "Confirm your mobile number" });
  const emailSection = page.getByRole("region", { name: "Confirm your email address" });
  await phoneSection.getByText(/You can ask for a new code in \d+ seconds/).waitFor();
  await check(page, "confirm contacts");

  // A wrong code first: the error is at the input and in the summary.
  const smsCode = await codeFor(e164(p.phone));
  const wrong = smsCode === "000000" ? "111111" : "000000";
  await phoneSection.getByLabel("Code from the SMS").fill(wrong);
  await phoneSection.getByRole("button", { name: "Confirm" }).click();
  await expectSummary(page, "The code is not right: check it and try again");
  await check(page, "confirm contacts, wrong code");

  await phoneSection.getByLabel("Code from the SMS").fill(smsCode);
  await phoneSection.getByRole("button", { name: "Confirm" }).click();
  await phoneSection.getByText("Your mobile number is confirmed.").waitFor();
  await phoneSection.getByText("Confirmed", { exact: true }).waitFor();
  // Focus moves on to the code that is still needed.
  await page.waitForFunction(() => document.activeElement?.id === "email-code");

  await emailSection.getByLabel("Code from the email").fill(await codeFor(p.email));
  await emailSection.getByRole("button", { name: "Confirm" }).click();
  await heading(page, "Your account is ready");
  await page.waitForFunction(() => document.activeElement?.tagName === "H1");
  assert.equal(await page.title(), "Your account is ready – Njia");
  await page.getByRole("link", { name: "Go to your account" }).waitFor();
  await check(page, "account ready");
  assert.deepEqual(unexpected(errors), []);
  await context.close();
});

test("a reload in the middle of the wizard keeps the answers but never the password", async () => {
  const { context, page } = await phone(browser);
  const p = person();
  await walkToCheck(page, p);
  await page.getByRole("link", { name: "Change password" }).click();
  await heading(page, "Create a password");
  const stored = await page.evaluate(() => sessionStorage.getItem("njia.register.draft"));
  assert.ok(stored.includes(p.email), "the draft is in sessionStorage");
  assert.ok(!stored.includes(p.password), "the password is not");
  assert.equal(await page.evaluate(() => localStorage.getItem("njia.register.draft")), null, "nothing in localStorage");

  await page.reload();
  await heading(page, "Create a password");
  assert.equal(await page.getByLabel("Password", { exact: true }).inputValue(), "", "the password must be typed again");
  // Without the password, "check your answers" sends the person back to it.
  await page.getByRole("link", { name: "Back" }).click();
  await page.waitForURL((url) => url.pathname === "/register/password" && url.search === "");
  await heading(page, "Create a password");

  await page.goto(`${server.url}/register/contact`);
  await heading(page, "How can we contact you?");
  assert.equal(await page.getByLabel("Email address").inputValue(), p.email);
  assert.equal(await page.getByLabel("Mobile number").inputValue(), p.phone);
  await page.goto(`${server.url}/register/name`);
  assert.equal(await page.getByLabel("Surname").inputValue(), p.surname);
  await page.goto(`${server.url}/register/date-of-birth`);
  assert.equal(await page.getByLabel("Year").inputValue(), p.year);
  await page.goto(`${server.url}/register/kind`);
  assert.ok(await page.getByRole("radio", { name: "Kenyan citizen, with a national ID" }).isChecked());
  await context.close();
});

test("each step shows its errors inline and in a summary that takes focus and links to the field", async () => {
  const { context, page, errors } = await phone(browser);
  const p = person();
  await page.goto(`${server.url}/register/kind`);
  await heading(page, "What kind of account do you need?");

  // Account type: nothing chosen.
  await next(page);
  let summary = await expectSummary(page, "Select the kind of account you need");
  assert.match(await page.title(), /^Error: What kind of account do you need\?/);
  await check(page, "account type with an error");
  await summary.getByRole("link", { name: "Select the kind of account you need" }).click();
  assert.equal(await focusedId(page), "kind");
  await page.getByRole("radio", { name: "Kenyan citizen, with a national ID" }).check();
  await next(page);

  // ID number: empty, then letters.
  await heading(page, "What is your national ID number?");
  await next(page);
  await expectSummary(page, "Enter your ID number");
  await page.getByLabel("National ID number").fill("1234567A");
  await next(page);
  summary = await expectSummary(page, "An ID number has only digits: remove any letters, spaces or symbols");
  await page.locator("#id_number-error").getByText("An ID number has only digits").waitFor();
  await check(page, "ID number with an error");
  await summary.getByRole("link").first().click();
  assert.equal(await focusedId(page), "id_number");
  await page.getByLabel("National ID number").fill(p.idNumber);
  await next(page);

  // Names: both required ones empty.
  await heading(page, "What is your name?");
  await next(page);
  summary = await expectSummary(page, "Enter this name");
  assert.equal(await summary.getByRole("link", { name: "Enter this name" }).count(), 2);
  await check(page, "name with errors");
  await summary.getByRole("link", { name: "Enter this name" }).last().click();
  assert.equal(await focusedId(page), "surname");
  await page.getByLabel("First name").fill(p.first);
  await page.getByLabel("Surname").fill(p.surname);
  await next(page);

  // Date of birth: someone aged 10.
  await heading(page, "What is your date of birth?");
  await page.getByLabel("Day").fill("1");
  await page.getByLabel("Month").fill("6");
  await page.getByLabel("Year").fill(String(new Date().getUTCFullYear() - 10));
  await next(page);
  summary = await expectSummary(page, "You must be 18 or over to open an account");
  await check(page, "date of birth with an error");
  await summary.getByRole("link").first().click();
  assert.equal(await focusedId(page), "date_of_birth");
  await page.getByLabel("Year").fill(p.year);
  await next(page);

  // Contact: an email without @ and a British mobile number.
  await heading(page, "How can we contact you?");
  await page.getByLabel("Email address").fill("achieng.example.com");
  await page.getByLabel("Mobile number").fill("+44 7700 900123");
  await next(page);
  summary = await expectSummary(page, "Enter an email address with an @, like jane@example.com");
  await summary.getByRole("link", { name: "Enter a Kenyan mobile number (+254), like 0712 345 678" }).waitFor();
  await check(page, "contact with errors");
  await summary.getByRole("link", { name: /Kenyan mobile number/ }).click();
  assert.equal(await focusedId(page), "phone");
  await page.getByLabel("Email address").fill(p.email);
  await page.getByLabel("Mobile number").fill(p.phone);
  await next(page);

  // Password: the meter follows the typing; a common password; a confirmation that differs.
  await heading(page, "Create a password");
  const meter = page.getByRole("meter", { name: "Password strength" });
  const words = page.locator("#password-strength");
  await page.getByLabel("Password", { exact: true }).pressSequentially("abc");
  await words.getByText("Password strength: Weak.").waitFor();
  assert.equal(await meter.getAttribute("value"), "1");
  await page.getByLabel("Password", { exact: true }).fill("violet tractor mango sunrise");
  await words.getByText("Password strength: Strong.").waitFor();
  assert.equal(await meter.getAttribute("value"), "5");
  assert.equal(await words.getAttribute("aria-live"), "polite");

  await page.getByLabel("Password", { exact: true }).fill("password123");
  await page.getByLabel("Type the password again").fill("password123");
  await next(page);
  summary = await expectSummary(page, "This password is on a list of passwords that are often stolen: choose another");
  await check(page, "password with an error");
  await summary.getByRole("link").first().click();
  assert.equal(await focusedId(page), "password");

  await page.getByLabel("Password", { exact: true }).fill(p.password);
  await page.getByLabel("Type the password again").fill(`${p.password}!`);
  await next(page);
  summary = await expectSummary(page, "The passwords do not match: type the same password twice");
  await summary.getByRole("link").first().click();
  assert.equal(await focusedId(page), "password_confirmation");
  await page.getByRole("button", { name: "Show password" }).first().click();
  assert.equal(await page.getByLabel("Password", { exact: true }).getAttribute("type"), "text");
  await page.getByLabel("Type the password again").fill(p.password);
  await next(page);

  // Privacy notice: not accepted.
  await heading(page, "How we use your information");
  await page.getByText("To confirm who you are and to link your government records to your account.").waitFor();
  await next(page);
  summary = await expectSummary(page, "Read the privacy notice and confirm that you accept it");
  await check(page, "privacy notice with an error");
  await summary.getByRole("link").first().click();
  assert.equal(await focusedId(page), "privacy_notice_version");
  await page.getByRole("checkbox", { name: "I have read the privacy notice and agree" }).check();
  await next(page);
  await heading(page, "Check your answers before creating your account");
  assert.deepEqual(unexpected(errors), []);
  await context.close();
});

test("registering again with an email already in use says so and offers sign-in and reset", async () => {
  const first = person();
  const created = await fetch(`${server.url}/api/accounts`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-njia-csrf": "1" },
    body: JSON.stringify({
      kind: "citizen", id_number: first.idNumber, first_name: first.first, other_names: "", surname: first.surname,
      date_of_birth: "1990-03-27", email: first.email, phone: first.phone, password: first.password,
      password_confirmation: first.password, privacy_notice_version: "2026-11-01",
    }),
  });
  assert.equal(created.status, 201, await created.text());

  const { context, page, errors } = await phone(browser);
  const again = person({ email: first.email });
  await walkToCheck(page, again);
  await page.getByRole("button", { name: "Create account" }).click();
  const message = "An account already uses this email address. If it is yours, sign in or reset your password";
  const summary = await expectSummary(page, message);
  await summary.getByText("If the account is yours, you do not need a new one:").waitFor();
  assert.equal(await summary.getByRole("link", { name: "Sign in", exact: true }).getAttribute("href"), "/sign-in");
  assert.equal(await summary.getByRole("link", { name: "Reset your password", exact: true }).getAttribute("href"), "/forgot-password");
  await row(page, "Email address").getByText(message).waitFor();
  await check(page, "check your answers, already registered");

  // The summary's link leads to the step that owns the email, which shows the problem too.
  await summary.getByRole("link", { name: message }).click();
  await heading(page, "How can we contact you?");
  await page.locator("#email-error").getByText(message).waitFor();
  assert.equal(new URL(page.url()).search, "?return=check");
  assert.deepEqual(unexpected(errors), []);
  await context.close();
});

test("a mistyped phone number is corrected on the confirm page and the new one confirmed", { timeout: 180_000 }, async () => {
  const { context, page, errors } = await phone(browser);
  const p = person();
  await walkToCheck(page, p);
  await page.getByRole("button", { name: "Create account" }).click();
  await heading(page, "Confirm your mobile number and email address");
  const phoneSection = page.getByRole("region", { name: "Confirm your mobile number" });
  const shown = (n) => `${n.slice(0, 4)} ${n.slice(4, 7)} ${n.slice(7)}`;
  await phoneSection.getByText(`We sent a code to ${shown(p.phone)}`).waitFor();

  await phoneSection.getByRole("button", { name: "Change the number" }).click();
  const corrected = person().phone;
  await phoneSection.getByLabel("Correct mobile number").fill("0612 345 678");
  await phoneSection.getByRole("button", { name: "Save and send a code" }).click();
  await expectSummary(page, "Enter a mobile number: they start with 07 or 01, like 0712 345 678");
  await check(page, "correct the phone, with an error");
  await phoneSection.getByLabel("Correct mobile number").fill(corrected);
  const asked = Date.now() - 1000;
  await phoneSection.getByRole("button", { name: "Save and send a code" }).click();
  await phoneSection.getByText(`We sent a code to ${shown(corrected)}`).waitFor();
  // The first code went out less than a minute ago: the new one follows as soon as the wait is over.
  await phoneSection.getByText(/You can ask for a new code in \d+ seconds/).waitFor();
  await phoneSection.getByText(/We sent a new code to/).waitFor({ timeout: 75_000 });
  await phoneSection.getByLabel("Code from the SMS").fill(await codeFor(e164(corrected), { after: asked }));
  await phoneSection.getByRole("button", { name: "Confirm" }).click();
  await phoneSection.getByText("Your mobile number is confirmed.").waitFor();
  await phoneSection.getByText(shown(corrected), { exact: true }).waitFor();
  await check(page, "phone confirmed after a correction");
  assert.deepEqual(unexpected(errors), []);
  await context.close();
});

test("the first steps in Kiswahili, switched with the header button", async () => {
  const { context, page, errors } = await phone(browser);
  const p = person();
  await page.goto(`${server.url}/register`);
  await heading(page, "Create an account");
  await page.getByRole("button", { name: "Badilisha lugha kuwa Kiswahili" }).click();
  await heading(page, "Fungua akaunti");
  assert.equal(await page.getAttribute("html", "lang"), "sw");
  await check(page, "start page in Kiswahili");
  await page.getByRole("link", { name: "Anza sasa" }).click();

  await heading(page, "Unahitaji akaunti ya aina gani?");
  await page.getByText("Hatua ya 1 kati ya 7").waitFor();
  await next(page, "Endelea");
  await expectSummary(page, "Chagua aina ya akaunti unayohitaji", "Kuna tatizo");
  await check(page, "account type in Kiswahili with an error");
  await page.getByRole("radio", { name: "Raia wa Kenya, mwenye kitambulisho cha taifa" }).check();
  await next(page, "Endelea");

  await heading(page, "Nambari ya kitambulisho chako cha taifa ni ipi?");
  await page.getByLabel("Nambari ya kitambulisho cha taifa").fill("12a");
  await next(page, "Endelea");
  await expectSummary(page, "Nambari ya kitambulisho ina tarakimu tu: ondoa herufi, nafasi au alama", "Kuna tatizo");
  await check(page, "ID number in Kiswahili with an error");
  await page.getByLabel("Nambari ya kitambulisho cha taifa").fill(p.idNumber);
  await next(page, "Endelea");

  await heading(page, "Jina lako ni nani?");
  await page.getByLabel("Jina la kwanza").fill(p.first);
  await page.getByLabel("Majina mengine (si lazima)").fill("");
  await page.getByLabel("Jina la ukoo").fill(p.surname);
  await check(page, "name in Kiswahili");
  await next(page, "Endelea");

  await heading(page, "Tarehe yako ya kuzaliwa ni ipi?");
  await page.getByLabel("Siku").fill("5");
  await page.getByLabel("Mwezi").fill("11");
  await page.getByLabel("Mwaka").fill(String(new Date().getUTCFullYear() - 5));
  await next(page, "Endelea");
  await expectSummary(page, "Lazima uwe na umri wa miaka 18 au zaidi ili kufungua akaunti", "Kuna tatizo");
  await check(page, "date of birth in Kiswahili with an error");
  await page.getByLabel("Mwaka").fill("1985");
  await next(page, "Endelea");

  await heading(page, "Tunawezaje kuwasiliana nawe?");
  await page.getByLabel("Anwani ya barua pepe").fill(p.email);
  await page.getByLabel("Nambari ya simu").fill(p.phone);
  await check(page, "contact in Kiswahili");
  await next(page, "Endelea");

  await heading(page, "Unda nenosiri");
  await page.getByLabel("Nenosiri", { exact: true }).pressSequentially("abc");
  await page.locator("#password-strength").getByText("Uimara wa nenosiri: Dhaifu.").waitFor();
  await check(page, "password in Kiswahili");

  // Switching back mid-way keeps the answers and shows them in English.
  await page.getByRole("button", { name: "Change language to English" }).click();
  await heading(page, "Create a password");
  await page.getByRole("link", { name: "Back" }).click();
  await heading(page, "How can we contact you?");
  assert.equal(await page.getByLabel("Email address").inputValue(), p.email);
  assert.deepEqual(unexpected(errors), []);
  await context.close();
});

test("the confirm page sends signed-out visitors to sign in", async () => {
  const { context, page } = await phone(browser);
  await page.goto(`${server.url}/register/confirm`);
  await page.waitForURL((url) => url.pathname === "/sign-in");
  await context.close();
});
