// The NTSA pages in Kiswahili on a small phone (360×640), as a person who reads Kiswahili uses them: Amina
// books a driving test and sees until when her unpaid place is held, and looks at the transfers offered to
// her; Otieno opens his driving record and creates a share code; an employer with no session checks a
// licence and is told what to fix. Every page axe-clean and without sideways scrolling.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startServer } from "./support/server.mjs";
import { apiOf } from "./support/api.mjs";
import { expectNoAxeViolations, expectNoHorizontalScroll, launch, phone } from "./support/browser.mjs";

let server;
let browser;
let api;

const AMINA = { email: "amina.hassan@demo.njia.ke", phone: "+254712000103" };
const OTIENO = { email: "otieno.odhiambo@demo.njia.ke", phone: "+254712000102" };
const SMALL_PHONE = { viewport: { width: 360, height: 640 } };

before(async () => {
  server = await startServer({ payments: true });
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

/// A small phone whose person has switched the portal to Kiswahili, as they would, with the header's button.
async function kiswahiliPhone(person) {
  const { context, page, errors } = await phone(browser, SMALL_PHONE);
  const cookie = person ? await api.signIn(person) : null;
  if (cookie) await api.giveSession(context, cookie);
  await page.goto(`${server.url}/`);
  await page.getByRole("button", { name: "Badilisha lugha kuwa Kiswahili" }).click();
  await page.getByRole("button", { name: "Change language to English" }).waitFor();
  return { context, page, errors, cookie };
}

test("Amina books a driving test and sees until when her place is held; her transfers", async () => {
  const { context, page, errors, cookie } = await kiswahiliPhone(AMINA);
  await page.goto(`${server.url}/ntsa/test-booking`);
  await heading(page, 1, "Panga mtihani wa udereva").waitFor();
  await page.getByText("Tunakushikilia nafasi kwa dakika 30 unapolipa.").waitFor();
  await checkPage(page, "booking page in Kiswahili");

  await page.getByRole("button", { name: "Panga na ulipe" }).click();
  await page.getByRole("heading", { name: "Kuna tatizo" }).waitFor();
  await checkPage(page, "booking page with errors in Kiswahili");

  await page.getByLabel("Driving Test Unit, Nairobi Likoni Road").check();
  await page.getByText(/Zimebaki nafasi 4/).first().waitFor();
  await page.getByRole("radio", { name: /^saa 3:00 asubuhi/ }).first().check();
  await checkPage(page, "booking page with the times in Kiswahili");
  await page.getByRole("button", { name: "Panga na ulipe" }).click();
  await heading(page, 1, "Lipia ombi lako").waitFor();

  await page.goto(`${server.url}/ntsa/test-booking`);
  await page.getByRole("heading", { name: "Mitihani yako ya udereva" }).waitFor();
  await page.getByText("Inasubiri malipo", { exact: true }).waitFor();
  const held = (await api.call("/api/ntsa/test-bookings", { cookie })).json.items[0];
  assert.equal(held.status, "held");
  assert.ok(held.held_until, "a held place has a deadline");
  await page.getByText(/^Lipa kabla ya .* ili kushikilia nafasi hii\./).waitFor();
  await checkPage(page, "a held booking in Kiswahili");

  await page.goto(`${server.url}/ntsa/transfers`);
  await heading(page, 1, "Magari unayohamishiwa").waitFor();
  await page.getByText("Hakuna aliyeanzisha uhamisho wa gari kwako.").waitFor();
  await checkPage(page, "transfers in Kiswahili");
  assert.deepEqual(errors, []);
  await context.close();
});

test("Otieno's driving record and share code, and an employer's check, in Kiswahili", async () => {
  const { context, page, errors } = await kiswahiliPhone(OTIENO);
  await page.goto(`${server.url}/ntsa/record`);
  await heading(page, 1, "Rekodi yako ya udereva").waitFor();
  await page.getByText("Alama 16 kati ya 20 zimebaki").first().waitFor();
  await checkPage(page, "driving record in Kiswahili");
  await page.getByRole("button", { name: "Tengeneza nambari ya kushiriki" }).click();
  await heading(page, 3, "Nambari yako ya kushiriki").waitFor();
  await page.getByText(/Inafanya kazi mara moja tu, hadi/).waitFor();
  await checkPage(page, "share code in Kiswahili");
  assert.deepEqual(errors, []);
  await context.close();

  const employer = await kiswahiliPhone(null);
  await employer.page.goto(`${server.url}/check-licence`);
  await heading(employer.page, 1, "Hakiki leseni ya udereva").waitFor();
  await checkPage(employer.page, "licence check in Kiswahili");
  await employer.page.getByRole("button", { name: "Hakiki leseni" }).click();
  const summary = employer.page.getByRole("alert");
  await summary.getByRole("link", { name: "Weka nambari ya kushiriki" }).waitFor();
  await summary.getByRole("link", { name: "Weka herufi 8 za mwisho za nambari ya leseni" }).waitFor();
  await checkPage(employer.page, "licence check with errors in Kiswahili");
  assert.deepEqual(employer.errors, []);
  await employer.context.close();
});
