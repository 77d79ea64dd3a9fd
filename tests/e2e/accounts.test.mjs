// Accounts as a person meets them, at 390×844: signing in with a code, the account page, changing the phone
// number, signing out, a forgotten password, throttled sign-ins, form errors, the idle warning and the
// development outbox. Every account is created here through the API (no seed data), and every code is read
// from the development outbox, as a tester would.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { randomInt } from "node:crypto";
import { startServer } from "./support/server.mjs";
import { expectNoAxeViolations, expectNoHorizontalScroll, launch, phone } from "./support/browser.mjs";

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

// ---- The API, as a test harness uses it ---------------------------------------------------------------

/** A JSON call with the CSRF header the server asks of every state-changing request. */
async function call(path, { method = "GET", body, cookie } = {}) {
  const headers = { accept: "application/json" };
  if (method !== "GET") headers["x-njia-csrf"] = "1";
  if (body !== undefined) headers["content-type"] = "application/json";
  if (cookie) headers.cookie = cookie;
  const res = await fetch(`${server.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  const setCookie = res.headers.get("set-cookie");
  return {
    status: res.status,
    json: text ? JSON.parse(text) : null,
    cookie: setCookie ? setCookie.split(";")[0] : cookie,
  };
}

const e164 = (local) => `+254${local.slice(1)}`;

/** The newest code sent to `to` whose message matches `about`, from the development outbox. */
async function codeFor(to, about) {
  const { json } = await call("/api/dev/outbox");
  const message = json.items.find((m) => m.to === to && about.test(m.body));
  assert.ok(message, `a message to ${to} about ${about}`);
  const code = (message.body.match(/#(\d{6})/) ?? message.body.match(/\b(\d{6})\b/))?.[1];
  assert.ok(code, `a code in ${message.body}`);
  return code;
}

const SIGN_IN_SMS = /sign-in code/;
const NEW_PHONE = /new phone number/;
const RESET = /reset your Njia password/;

/** A registered account with both contacts confirmed; `keepSession` keeps the registration's session open
 * (as a second device would be) and returns its cookie as `person.cookie`. */
async function createAccount(firstName = "Asha", { keepSession = false } = {}) {
  const n = randomInt(10_000_000, 99_999_999);
  const person = {
    firstName,
    idNumber: String(n),
    email: `${firstName.toLowerCase()}.${n}@example.com`,
    phone: `07${String(randomInt(10_000_000, 99_999_999))}`,
    password: "Mvua nyingi kesho asubuhi",
  };
  const registered = await call("/api/accounts", {
    method: "POST",
    body: {
      kind: "citizen", id_number: person.idNumber, first_name: firstName, other_names: "", surname: "Wanjiru",
      date_of_birth: "1990-03-27", email: person.email, phone: person.phone, password: person.password,
      password_confirmation: person.password, privacy_notice_version: "2026-11-01",
    },
  });
  assert.equal(registered.status, 201, JSON.stringify(registered.json));
  const cookie = registered.cookie;
  for (const [channel, to] of [["sms", e164(person.phone)], ["email", person.email]]) {
    const code = await codeFor(to, /confirm/);
    const confirmed = await call("/api/account/verification/confirm", { method: "POST", body: { channel, code }, cookie });
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.json));
  }
  if (keepSession) return { ...person, cookie };
  await call("/api/auth/sign-out", { method: "POST", cookie });
  return person;
}

/** Signs in through the API (password, SMS code) and hands the session cookie to the browser. */
async function signInThroughApi(context, person) {
  const started = await call("/api/auth/sign-in", { method: "POST", body: { identifier: person.email, password: person.password } });
  assert.equal(started.json.next, "choose_channel");
  await call("/api/auth/sign-in/code", { method: "POST", body: { challenge: started.json.challenge, channel: "sms" } });
  const code = await codeFor(e164(person.phone), SIGN_IN_SMS);
  const verified = await call("/api/auth/sign-in/verify", { method: "POST", body: { challenge: started.json.challenge, code } });
  assert.equal(verified.status, 200);
  const [name, value] = verified.cookie.split("=");
  await context.addCookies([{ name, value, url: server.url }]);
  return verified.json;
}

// ---- What a person does ------------------------------------------------------------------------------

const heading = (page, name) => page.getByRole("heading", { level: 1, name });

async function signInWithPassword(page, identifier, password) {
  await page.getByLabel("Email address or ID number").fill(identifier);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function finishSignInBySms(page, person) {
  await heading(page, "How should we send your code?").waitFor();
  await page.getByRole("radio", { name: /^By text message to \+254 7\*\* \*\*\* \d{3}$/ }).check();
  await page.getByRole("button", { name: "Send the code" }).click();
  await heading(page, "Enter the code").waitFor();
  const code = await codeFor(e164(person.phone), SIGN_IN_SMS);
  await page.getByLabel("Code").fill(code);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Console errors other than the browser's own note of a 4xx answer, which these journeys expect (401 from
 * `GET /api/session` when signed out, 422 for a wrong code…). */
const unexpected = (errors) => errors.filter((e) => !/Failed to load resource: the server responded with a status of 4\d\d/.test(e));

async function errorSummaryLinks(page) {
  const summary = page.getByRole("alert").filter({ has: page.getByRole("heading", { name: "There is a problem" }) });
  await summary.waitFor();
  return summary.getByRole("link").allTextContents();
}

/** Waits until the error summary lists exactly `expected` (an earlier summary may still be showing). */
async function expectSummary(page, expected) {
  const until = Date.now() + 10_000;
  let links = [];
  while (Date.now() < until) {
    links = await errorSummaryLinks(page);
    if (JSON.stringify(links) === JSON.stringify(expected)) return;
    await page.waitForTimeout(100);
  }
  assert.deepEqual(links, expected);
}

// ---- Journeys ------------------------------------------------------------------------------------------

test("sign in with an SMS code, see the account, change the phone number, see it in the activity, sign out", async () => {
  const person = await createAccount("Asha");
  const { context, page, errors } = await phone(browser);

  // A signed-out person asking for their account is sent to sign in, and comes back afterwards.
  await page.goto(`${server.url}/account`);
  await heading(page, "Sign in").waitFor();
  assert.equal(new URL(page.url()).pathname, "/sign-in");
  assert.equal(new URL(page.url()).searchParams.get("next"), "/account");
  const nav = page.getByRole("navigation", { name: "Your account" });
  await nav.getByRole("link", { name: "Sign in" }).waitFor();
  await nav.getByRole("link", { name: "Create an account" }).waitFor();
  assert.equal(await page.getByLabel("Email address or ID number").getAttribute("autocomplete"), "username");
  assert.equal(await page.getByLabel("Password", { exact: true }).getAttribute("autocomplete"), "current-password");
  await expectNoAxeViolations(page, "sign in");
  await expectNoHorizontalScroll(page, "sign in");

  await signInWithPassword(page, person.email, person.password);
  await heading(page, "How should we send your code?").waitFor();
  await page.getByRole("radio", { name: /^By email to a\*\*\*@example\.com$/ }).waitFor();
  await expectNoAxeViolations(page, "choose a channel");
  await page.getByRole("radio", { name: /^By text message to/ }).check();
  await page.getByRole("button", { name: "Send the code" }).click();
  await heading(page, "Enter the code").waitFor();
  await page.getByText(/We sent a 6-digit code by text message to \+254 7\*\* \*\*\* \d{3}\. The code works for 10 minutes\./).waitFor();
  await page.getByText(/You can ask for a new code in \d:\d\d/).waitFor();
  const codeInput = page.getByLabel("Code");
  assert.equal(await codeInput.getAttribute("autocomplete"), "one-time-code");
  assert.equal(await codeInput.getAttribute("inputmode"), "numeric");
  await expectNoAxeViolations(page, "enter the code");
  await codeInput.fill(await codeFor(e164(person.phone), SIGN_IN_SMS));
  await page.getByRole("button", { name: "Sign in" }).click();

  await heading(page, "Your account").waitFor();
  assert.equal(new URL(page.url()).pathname, "/account");
  await nav.getByRole("link", { name: /Asha/ }).waitFor();
  const details = page.getByRole("region", { name: "Personal details" });
  await details.getByText("Asha Wanjiru").waitFor();
  await details.getByText("27 March 1990").waitFor();
  await details.getByText(`${person.phone.slice(0, 4)} ${person.phone.slice(4, 7)} ${person.phone.slice(7)}`).waitFor();
  await page.getByRole("region", { name: "Signed-in devices" }).getByText("This device").waitFor();
  await page.getByRole("region", { name: "Account activity" }).getByText("Signed in", { exact: true }).first().waitFor();
  await expectNoAxeViolations(page, "account");
  await expectNoHorizontalScroll(page, "account");

  // Change the phone number: password and new number, then the code sent to the new number.
  await page.getByRole("link", { name: "Change phone number" }).click();
  await heading(page, "Change your phone number").waitFor();
  await page.getByRole("button", { name: "Continue" }).click();
  await expectSummary(page, ["Enter your password", "Enter a mobile phone number"]);
  const newPhone = `07${String(randomInt(10_000_000, 99_999_999))}`;
  const phoneInput = page.getByLabel("New mobile phone number");
  assert.equal(await phoneInput.getAttribute("type"), "tel");
  assert.equal(await phoneInput.getAttribute("autocomplete"), "tel");
  await phoneInput.fill(newPhone);
  await page.getByLabel("Your password").fill("not my password");
  await page.getByRole("button", { name: "Continue" }).click();
  await expectSummary(page, ["Your password is not right: check it and try again"]);
  await expectNoAxeViolations(page, "change phone, wrong password");
  await page.getByLabel("Your password").fill(person.password);
  await page.getByRole("button", { name: "Continue" }).click();
  await heading(page, "Enter the code").waitFor();
  await page.getByLabel("Code").fill(await codeFor(e164(newPhone), NEW_PHONE));
  await page.getByRole("button", { name: "Continue" }).click();

  await heading(page, "Your account").waitFor();
  await page.getByRole("status").getByText("Your phone number has been changed.").waitFor();
  await details.getByText(`${newPhone.slice(0, 4)} ${newPhone.slice(4, 7)} ${newPhone.slice(7)}`).waitFor();
  const activity = page.getByRole("region", { name: "Account activity" });
  await activity.getByText("Phone number changed").waitFor();
  await activity.getByText("Wrong password given before a change").waitFor();
  await expectNoAxeViolations(page, "account after the change");

  // Sign out from the header.
  await nav.getByRole("button", { name: "Sign out" }).click();
  await heading(page, "Government services").waitFor();
  await page.getByRole("status").getByText("You have signed out.").waitFor();
  await nav.getByRole("link", { name: "Sign in" }).waitFor();
  const session = await page.evaluate(() => fetch("/api/session").then((r) => r.status));
  assert.equal(session, 401, "the session ended on the server");
  await page.goto(`${server.url}/account`);
  await heading(page, "Sign in").waitFor();
  assert.deepEqual(unexpected(errors), []);
  await context.close();
});

test("a forgotten password: code by email, a new password, every device signed out, then sign in with it", async () => {
  // The registration's session stands for another phone still signed in.
  const person = await createAccount("Baraka", { keepSession: true });
  assert.equal((await call("/api/session", { cookie: person.cookie })).status, 200);
  const { context, page, errors } = await phone(browser);

  await page.goto(`${server.url}/sign-in`);
  await page.getByRole("link", { name: "Forgotten your password?" }).click();
  await heading(page, "Reset your password").waitFor();
  await page.getByRole("button", { name: "Send the code" }).click();
  await expectSummary(page, ["Enter your email address or ID number", "Select how we should send your code"]);
  await expectNoAxeViolations(page, "forgot password, errors");

  // An account that does not exist gets the same answer as one that does.
  await page.getByLabel("Email address or ID number").fill("nobody.here@example.com");
  await page.getByRole("radio", { name: "Email to the address on my account" }).check();
  await page.getByRole("button", { name: "Send the code" }).click();
  await heading(page, "Check your email").waitFor();
  await page.getByText("If nobody.here@example.com matches an account").waitFor();
  await page.getByRole("link", { name: "Start again" }).click();

  await heading(page, "Reset your password").waitFor();
  await page.getByLabel("Email address or ID number").fill(person.idNumber);
  await page.getByRole("radio", { name: "Email to the address on my account" }).check();
  await page.getByRole("button", { name: "Send the code" }).click();
  await heading(page, "Check your email").waitFor();
  await expectNoAxeViolations(page, "check your email");
  const code = await codeFor(person.email, RESET);
  await page.getByLabel("Code").fill(code === "000000" ? "111111" : "000000");
  await page.getByRole("button", { name: "Continue" }).click();
  await expectSummary(page, ["The code is not right: check it and try again"]);
  await page.getByLabel("Code").fill(code);
  await page.getByRole("button", { name: "Continue" }).click();

  await heading(page, "Create a new password").waitFor();
  const newPassword = "Twiga refu anakula majani";
  await page.getByLabel("New password", { exact: true }).fill(newPassword);
  await page.getByLabel("Type the new password again").fill("Twiga refu anakula");
  await page.getByRole("button", { name: "Change password" }).click();
  await expectSummary(page, ["The passwords do not match: type the same password twice"]);
  assert.equal(await page.getByLabel("New password", { exact: true }).getAttribute("autocomplete"), "new-password");
  await expectNoAxeViolations(page, "new password, errors");
  await page.getByLabel("Type the new password again").fill(newPassword);
  await page.getByRole("button", { name: "Change password" }).click();

  await heading(page, "Your password has been changed").waitFor();
  await page.getByText("Every device that was signed in to your account has been signed out.").waitFor();
  await expectNoAxeViolations(page, "password changed");
  assert.equal((await call("/api/session", { cookie: person.cookie })).status, 401, "the other device was signed out");

  await page.getByRole("link", { name: "Sign in" }).last().click();
  await heading(page, "Sign in").waitFor();
  await signInWithPassword(page, person.email, person.password);
  await expectSummary(page, ["The email address, ID number or password is not right"]);
  await signInWithPassword(page, person.email, newPassword);
  await finishSignInBySms(page, person);
  await heading(page, "Your account").waitFor();
  await page.getByRole("region", { name: "Account activity" }).getByText("Password reset").waitFor();
  assert.deepEqual(unexpected(errors), []);
  await context.close();
});

test("repeated wrong passwords are slowed down, then locked, and the page says when to try again", async () => {
  const person = await createAccount("Chebet");
  const { context, page } = await phone(browser);
  await page.goto(`${server.url}/sign-in`);
  await heading(page, "Sign in").waitFor();

  // The first three wrong passwords are free; after them the server makes each next attempt wait.
  await signInWithPassword(page, person.email, "wrong password 1");
  await expectSummary(page, ["The email address, ID number or password is not right"]);
  assert.equal(await page.getByLabel("Password", { exact: true }).inputValue(), "", "a wrong password is not kept");
  for (const attempt of [2, 3]) {
    const answer = await call("/api/auth/sign-in", { method: "POST", body: { identifier: person.email, password: `wrong password ${attempt}` } });
    assert.equal(answer.json.error.code, "invalid_credentials");
  }
  await signInWithPassword(page, person.email, "wrong password 4");
  await page.getByRole("link", { name: /^Too many wrong attempts/ }).waitFor();
  const [tooSoon] = await errorSummaryLinks(page);
  assert.match(tooSoon, /^Too many wrong attempts\. Wait \d+ seconds?, then try again\.$/);
  await expectNoAxeViolations(page, "sign in, too soon");

  // Ten wrong passwords lock the account for ten minutes (the waits in between would take two minutes, so the
  // server's answer is stood in for here, exactly as the API documents it).
  await page.route("**/api/auth/sign-in", (route) => route.fulfill({
    status: 429,
    contentType: "application/json",
    headers: { "retry-after": "600" },
    body: JSON.stringify({ error: { code: "locked", message: "Too many attempts. Try again in 10 minutes.", request_id: null, retry_after_seconds: 600 } }),
  }));
  await signInWithPassword(page, person.email, "wrong password 11");
  await expectSummary(page, [
    "Your account is locked for a while after too many wrong attempts. Try again in 10 minutes, or reset your password.",
  ]);
  await page.getByRole("button", { name: "Badilisha lugha kuwa Kiswahili" }).click();
  await heading(page, "Ingia").waitFor();
  await page.getByLabel("Barua pepe au nambari ya kitambulisho").fill(person.email);
  await page.getByLabel("Nenosiri", { exact: true }).fill("wrong password 12");
  await page.getByRole("button", { name: "Ingia" }).click();
  await page.getByRole("link", { name: /Jaribu tena baada ya dakika 10/ }).waitFor();
  await expectNoAxeViolations(page, "sign in, locked, Kiswahili");
  await context.close();
});

test("every form says what is wrong, inline and in a summary that takes focus and links to the field", async () => {
  const person = await createAccount("Daudi");
  const { context, page } = await phone(browser);
  await page.goto(`${server.url}/sign-in`);
  await heading(page, "Sign in").waitFor();
  await page.getByRole("button", { name: "Sign in" }).click();
  await expectSummary(page, ["Enter your email address or ID number", "Enter your password"]);
  await page.waitForFunction(() => document.activeElement?.id === "error-summary");
  const identifier = page.getByLabel("Email address or ID number");
  assert.equal(await identifier.getAttribute("aria-invalid"), "true");
  assert.match(await identifier.getAttribute("aria-describedby"), /identifier-error/);
  await page.locator("#identifier-error").getByText("Enter your email address or ID number").waitFor();
  await page.getByRole("link", { name: "Enter your password" }).click();
  await page.waitForFunction(() => document.activeElement?.id === "password");
  await expectNoAxeViolations(page, "sign in, empty");

  await signInWithPassword(page, person.email, person.password);
  await heading(page, "How should we send your code?").waitFor();
  await page.getByRole("button", { name: "Send the code" }).click();
  await expectSummary(page, ["Select how we should send your code"]);
  await page.getByRole("radio", { name: /^By text message/ }).check();
  await page.getByRole("button", { name: "Send the code" }).click();
  await heading(page, "Enter the code").waitFor();
  await page.getByLabel("Code").fill("12");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expectSummary(page, ["The code is 6 digits, like 123456"]);
  const real = await codeFor(e164(person.phone), SIGN_IN_SMS);
  await page.getByLabel("Code").fill(real === "000000" ? "111111" : "000000");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("link", { name: "The code is not right: check it and try again" }).waitFor();
  await expectNoAxeViolations(page, "enter the code, wrong");

  // "Use a different method" goes back to the choice; asking again within a minute says how long to wait.
  await page.getByRole("button", { name: "Use a different method" }).click();
  await heading(page, "How should we send your code?").waitFor();
  await page.getByRole("radio", { name: /^By email/ }).check();
  await page.getByRole("button", { name: "Send the code" }).click();
  await page.getByRole("link", { name: /^We sent a code a moment ago/ }).waitFor();
  const [wait] = await errorSummaryLinks(page);
  assert.match(wait, /^We sent a code a moment ago\. You can ask for another in (\d+ seconds?|1 minute)\.$/);

  // A failed connection says so and offers to try again.
  await page.route("**/api/auth/sign-in/code", (route) => route.abort("internetdisconnected"));
  await page.getByRole("button", { name: "Send the code" }).click();
  await page.getByRole("alert").getByText("You seem to be offline").waitFor();
  await page.unroute("**/api/auth/sign-in/code");
  await page.getByRole("button", { name: "Try again" }).click();
  await page.getByRole("link", { name: /You can ask for another in/ }).waitFor();
  await context.close();
});

test("the idle warning appears before the session ends, keeps focus, and 'Stay signed in' refreshes the session", async () => {
  const person = await createAccount("Eunice");
  const { context, page } = await phone(browser);
  const info = await signInThroughApi(context, person);
  let remaining = 125;
  await page.route("**/api/session", (route) => route.request().method() === "GET"
    ? route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify({ ...info, idle_remaining_seconds: remaining }) })
    : route.continue());
  await page.goto(`${server.url}/account`);
  await heading(page, "Your account").waitFor();

  const dialog = page.getByRole("alertdialog", { name: "You are about to be signed out" });
  await dialog.waitFor({ timeout: 10_000 });
  assert.equal(await dialog.getAttribute("aria-modal"), "true");
  await dialog.getByText(/we will sign you out in/).waitFor();
  assert.match(await dialog.locator(".countdown").textContent(), /^[12]:\d\d$/);
  await page.waitForFunction(() => document.activeElement?.textContent?.trim() === "Stay signed in");
  await page.keyboard.press("Tab");
  await page.waitForFunction(() => document.activeElement?.textContent?.trim() === "Sign out");
  await page.keyboard.press("Tab");
  await page.waitForFunction(() => document.activeElement?.textContent?.trim() === "Stay signed in");
  await expectNoAxeViolations(page, "idle warning");
  await expectNoHorizontalScroll(page, "idle warning");

  // Escape means "stay signed in"…
  let refreshed = page.waitForRequest((r) => r.url().endsWith("/api/session/refresh") && r.method() === "POST");
  await page.keyboard.press("Escape");
  await refreshed;
  await dialog.waitFor({ state: "detached" });
  await heading(page, "Your account").waitFor();

  // …and so does the button.
  remaining = 121;
  await page.reload();
  await dialog.waitFor({ timeout: 10_000 });
  refreshed = page.waitForRequest((r) => r.url().endsWith("/api/session/refresh") && r.method() === "POST");
  await dialog.getByRole("button", { name: "Stay signed in" }).click();
  await refreshed;
  await dialog.waitFor({ state: "detached" });
  await heading(page, "Your account").waitFor();

  // Left alone until the end, the person is signed out and told why.
  remaining = 3;
  await page.reload();
  await dialog.waitFor();
  await heading(page, "Sign in").waitFor({ timeout: 10_000 });
  await page.getByRole("status").getByText("You were signed out because you were inactive.").waitFor();
  assert.equal(new URL(page.url()).searchParams.get("next"), "/account");
  await context.close();
});

test("signed-in devices: sign out of all the others; account activity: show more, a page at a time", async () => {
  const person = await createAccount("Halima", { keepSession: true });
  const { context, page, errors } = await phone(browser);
  await signInThroughApi(context, person);
  // Two pages of activity stand in for a long history; the second continues where focus moves to.
  await page.route("**/api/account/activity?*", (route) => {
    const cursor = new URL(route.request().url()).searchParams.get("cursor");
    const entry = (id, action) => ({ id, action, at: "2026-11-20T07:05:00Z", device: "Chrome on Android", ip_address: "197.248.1.1", place: null });
    const body = cursor === "page-2"
      ? { items: [entry("3", "email_changed"), entry("4", "some_future_action")] }
      : { items: [entry("1", "sign_in"), entry("2", "password_changed")], next_cursor: "page-2" };
    return route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(body) });
  });
  await page.goto(`${server.url}/account`);
  await heading(page, "Your account").waitFor();

  const devices = page.getByRole("region", { name: "Signed-in devices" });
  await devices.getByRole("listitem").nth(1).waitFor();
  await devices.getByRole("button", { name: "Sign out of all other devices" }).click();
  await devices.getByRole("status").getByText("Your other devices have been signed out.").waitFor();
  await devices.getByText("No other device is signed in.").waitFor();
  assert.equal(await devices.getByRole("listitem").count(), 1);
  assert.equal((await call("/api/session", { cookie: person.cookie })).status, 401, "the other device was signed out");

  const activity = page.getByRole("region", { name: "Account activity" });
  await activity.getByText("Password changed").waitFor();
  await activity.getByText("Chrome on Android · 197.248.1.1").first().waitFor();
  await activity.getByText("20 November 2026 at").first().waitFor();
  await activity.getByRole("button", { name: "Show more activity" }).click();
  await activity.getByText("Email address changed").waitFor();
  await activity.getByText("Other account activity").waitFor();
  await page.waitForFunction(() => document.activeElement?.textContent?.includes("Email address changed"));
  assert.equal(await activity.getByRole("button", { name: "Show more activity" }).count(), 0, "no more pages");
  await expectNoAxeViolations(page, "account, devices and activity");
  assert.deepEqual(unexpected(errors), []);
  await context.close();
});

test("the development outbox lists the messages with their codes, in both languages, and is a 404 elsewhere", async () => {
  const person = await createAccount("Faith");
  const { context, page, errors } = await phone(browser);
  await page.goto(`${server.url}/dev/outbox`);
  await heading(page, "Development outbox").waitFor();
  await page.getByText("Development tool", { exact: true }).waitFor();
  const email = page.getByRole("listitem").filter({ hasText: person.email }).first();
  await email.getByText(/Confirm your email address/).waitFor();
  await email.locator("pre").getByText(/\d{6}/).waitFor();
  await expectNoAxeViolations(page, "outbox");
  await expectNoHorizontalScroll(page, "outbox");

  await call("/api/password-reset", { method: "POST", body: { identifier: person.email, channel: "sms" } });
  await page.getByRole("button", { name: "Refresh" }).click();
  await page.getByRole("listitem").first().getByText(/reset your Njia password/).waitFor();

  await page.getByRole("button", { name: "Badilisha lugha kuwa Kiswahili" }).click();
  await heading(page, "Sanduku la ujumbe la majaribio").waitFor();
  await page.getByText("Zana ya wasanidi programu", { exact: true }).waitFor();
  await expectNoAxeViolations(page, "outbox in Kiswahili");
  await page.getByRole("button", { name: "Change language to English" }).click();

  await page.route("**/api/dev/outbox", (route) => route.fulfill({
    status: 404, contentType: "application/json",
    body: JSON.stringify({ error: { code: "not_found", message: "not found", request_id: null } }),
  }));
  await page.reload();
  await heading(page, "Page not found").waitFor();
  assert.deepEqual(unexpected(errors), []);
  await context.close();
});

test("the account pages work in Kiswahili at 360×640 without scrolling sideways", async () => {
  const person = await createAccount("Gathoni");
  const { context, page } = await phone(browser, { viewport: { width: 360, height: 640 } });
  await signInThroughApi(context, person);
  await page.goto(`${server.url}/account`);
  await heading(page, "Your account").waitFor();
  await page.getByRole("button", { name: "Badilisha lugha kuwa Kiswahili" }).click();
  await heading(page, "Akaunti yako").waitFor();
  await page.getByRole("region", { name: "Shughuli za akaunti" }).getByText("Uliingia").first().waitFor();
  await expectNoAxeViolations(page, "account in Kiswahili");
  await expectNoHorizontalScroll(page, "account in Kiswahili at 360");
  for (const [link, title] of [
    ["Badilisha nambari ya simu", "Badilisha nambari yako ya simu"],
    ["Badilisha barua pepe", "Badilisha barua pepe yako"],
    ["Badilisha nenosiri", "Badilisha nenosiri lako"],
  ]) {
    await page.getByRole("link", { name: link, exact: true }).click();
    await heading(page, title).waitFor();
    await page.waitForFunction(() => document.activeElement?.tagName === "H1");
    await expectNoAxeViolations(page, title);
    await expectNoHorizontalScroll(page, `${title} at 360`);
    await page.getByRole("link", { name: "Rudi kwenye akaunti yako" }).click();
    await heading(page, "Akaunti yako").waitFor();
  }
  await page.getByRole("navigation", { name: "Akaunti yako" }).getByRole("button", { name: "Toka" }).click();
  await page.getByRole("status").getByText("Umetoka kwenye akaunti yako.").waitFor();
  await page.goto(`${server.url}/forgot-password`);
  await heading(page, "Weka nenosiri jipya").waitFor();
  await expectNoAxeViolations(page, "forgot password in Kiswahili");
  await expectNoHorizontalScroll(page, "forgot password in Kiswahili at 360");
  await context.close();
});
