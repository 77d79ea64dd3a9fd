// The driving record and its share code at 390×844 on the demo data: Otieno opens his record from My NTSA,
// sees his points and offences, and creates a share code; an employer with no session opens /check-licence,
// is told off for a malformed code, enters the code and the last 8 characters of his licence number, and sees
// the status and points — not his name nor the number; the same code again is not valid. Axe-clean, no
// sideways scrolling.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startServer } from "./support/server.mjs";
import { apiOf } from "./support/api.mjs";
import { expectNoAxeViolations, expectNoHorizontalScroll, launch, phone } from "./support/browser.mjs";

let server;
let browser;
let api;

const OTIENO = { email: "otieno.odhiambo@demo.njia.ke", phone: "+254712000102" };
const PHONE_SIZE = { viewport: { width: 390, height: 844 } };

before(async () => {
  server = await startServer();
  browser = await launch();
  api = apiOf(server);
  await server.run(["seed"]);
});

after(async () => {
  await browser?.close();
  await server?.dispose();
});

const heading = (page, level, name) => page.getByRole("heading", { level, name, exact: true });

async function checkPage(page, label) {
  await expectNoAxeViolations(page, label);
  await expectNoHorizontalScroll(page, label);
}

test("Otieno shares his licence status with an employer, once", async () => {
  // One sign-in for the whole file: a second SMS code within a minute is refused.
  const cookie = await api.signIn(OTIENO);
  const mine = await api.call("/api/ntsa/me", { cookie });
  assert.equal(mine.status, 200);
  const number = mine.json.licence.number;
  const last8 = number.replace(/[\s-]/g, "").slice(-8);
  assert.equal(last8.length, 8);

  // Otieno: from My NTSA to his driving record.
  const driver = await phone(browser, PHONE_SIZE);
  await api.giveSession(driver.context, cookie);
  const page = driver.page;
  await page.goto(`${server.url}/ntsa`);
  await heading(page, 1, "My NTSA").waitFor();
  await page.getByRole("link", { name: "See your driving record and share it with an employer" }).click();
  await heading(page, 1, "Your driving record").waitFor();
  await page.getByText(number, { exact: true }).waitFor();
  await page.getByText(`${mine.json.points_left} of 20 points left`).waitFor();
  await heading(page, 2, "Offences in the last 3 years").waitFor();
  await page.getByRole("heading", { level: 3, name: "Not wearing a seatbelt" }).waitFor();
  await checkPage(page, "driving record");

  await page.getByRole("button", { name: "Create a share code" }).click();
  await heading(page, 3, "Your share code").waitFor();
  const code = (await page.locator(".share-code__value").textContent()).trim();
  assert.match(code, /^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
  const instructions = page.locator(".share-code__instructions");
  await instructions.getByText(`last 8 characters of your licence number (${last8})`).waitFor();
  const text = await instructions.textContent();
  assert.ok(text.includes(`${server.url}/check-licence`), text);
  assert.ok(text.includes("It works once, until"), text);
  await page.getByRole("button", { name: "Create another share code" }).waitFor();
  await checkPage(page, "driving record with a share code");
  assert.deepEqual(driver.errors, []);
  await driver.context.close();

  // The employer: no session at all.
  const employer = await phone(browser, PHONE_SIZE);
  const check = employer.page;
  await check.goto(`${server.url}/check-licence`);
  await heading(check, 1, "Check a driving licence").waitFor();
  await checkPage(check, "licence check");

  // A malformed code is caught before sending, in the summary and at the input.
  await check.getByLabel("Share code").fill("O0O0-1111");
  await check.getByRole("button", { name: "Check the licence" }).click();
  const summary = check.getByRole("alert").filter({ hasText: "There is a problem" });
  await summary.waitFor();
  await summary.getByRole("link", { name: /Enter the share code as the driver gave it/ }).waitFor();
  await summary.getByRole("link", { name: "Enter the last 8 characters of the licence number" }).waitFor();
  await checkPage(check, "licence check with errors");

  await check.getByLabel("Share code").fill(code.toLowerCase());
  await check.getByLabel("Last 8 characters of the licence number").fill(last8);
  await check.getByRole("button", { name: "Check the licence" }).click();
  await heading(check, 1, "Licence checked").waitFor();
  const result = check.locator("dl.licence-check");
  await result.getByText("Valid", { exact: true }).waitFor();
  await result.getByText(`${mine.json.points_left} of 20 points left`).waitFor();
  await result.getByText("B1", { exact: true }).waitFor();
  const shown = await check.locator("main").textContent();
  for (const secret of ["Otieno", "Odhiambo", number, last8]) {
    assert.ok(!shown.includes(secret), `${secret} shown to the employer: ${shown}`);
  }
  await checkPage(check, "licence check result");

  // The same code again: not valid.
  await check.getByRole("button", { name: "Check another licence" }).click();
  await heading(check, 1, "Check a driving licence").waitFor();
  await check.getByLabel("Share code").fill(code);
  await check.getByLabel("Last 8 characters of the licence number").fill(last8);
  await check.getByRole("button", { name: "Check the licence" }).click();
  await check.getByRole("alert").getByRole("link", { name: /This share code is not valid/ }).waitFor();
  await check.locator("#share_code-error").getByText(/This share code is not valid/).waitFor();
  await checkPage(check, "licence check, code used");
  // The 404 of the refused code is the page's answer, not an error of the app.
  assert.deepEqual(employer.errors.filter((e) => !/404/.test(e)), []);
  await employer.context.close();
});
