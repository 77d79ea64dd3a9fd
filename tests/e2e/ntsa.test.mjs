// "My NTSA" (/ntsa) at 360×640 on the demo data: Otieno's smart licence with its classes and points, his
// unpaid fine first with the note that it blocks other NTSA services, his financed Subaru; the same page in
// Kiswahili; Wanjiku's booklet nudges her to renew; a signed-out visitor is sent to sign in. Axe-clean, no
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
const WANJIKU = { email: "wanjiku.kamau@demo.njia.ke", phone: "+254712000101" };
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

// One sign-in per person: a second SMS code within a minute is refused, as it should be.
const cookies = new Map();

async function signedInPhone(person) {
  if (!cookies.has(person.email)) cookies.set(person.email, await api.signIn(person));
  const cookie = cookies.get(person.email);
  const { context, page, errors } = await phone(browser, SMALL_PHONE);
  await api.giveSession(context, cookie);
  return { context, page, errors, cookie };
}

test("Otieno's licence, fines and vehicle, in English and in Kiswahili", async () => {
  const { context, page, errors, cookie } = await signedInPhone(OTIENO);
  const mine = await api.call("/api/ntsa/me", { cookie });
  assert.equal(mine.status, 200);
  assert.equal(mine.json.points_left, 16, JSON.stringify(mine.json));

  // The header shows the account's links once a signed-in page has asked who is signed in.
  await page.goto(`${server.url}/applications`);
  await heading(page, 1, "My applications").waitFor();
  await page.getByRole("navigation", { name: "Your account" }).getByRole("link", { name: "My NTSA" }).click();
  await heading(page, 1, "My NTSA").waitFor();
  for (const name of ["Driving licence", "Vehicles", "Fines"]) await heading(page, 2, name).waitFor();
  await page.getByText("Smart driving licence").waitFor();
  await page.getByText("Light vehicle up to 3,500 kg").waitFor();
  await page.getByText("Light truck").waitFor();
  await page.getByText("16 of 20 points left").waitFor();

  await heading(page, 3, "KDK 456C").waitFor();
  await page.getByText("Subaru Forester 2019").waitFor();
  await page.getByText("Financed by Kenya Commercial Bank").waitFor();
  await page.getByText("2,000 cc").waitFor();

  await page.getByText("Unpaid fines must be paid before you can use other NTSA services.").waitFor();
  const fines = page.locator("section", { has: heading(page, 2, "Fines") }).locator("li.card");
  assert.equal(await fines.count(), 2);
  const unpaid = fines.first();
  await unpaid.getByRole("heading", { name: "Not wearing a seatbelt" }).waitFor();
  await unpaid.getByText("KES 500").waitFor();
  await unpaid.getByText("Mombasa Road, Nairobi").waitFor();
  await unpaid.getByText("Unpaid").waitFor();
  await fines.nth(1).getByText("Paid", { exact: true }).waitFor();
  await checkPage(page, "My NTSA");

  await page.getByRole("button", { name: "Badilisha lugha kuwa Kiswahili" }).click();
  await heading(page, 1, "NTSA yangu").waitFor();
  for (const name of ["Leseni ya udereva", "Magari", "Faini"]) await heading(page, 2, name).waitFor();
  await page.getByText("Gari dogo hadi kilo 3,500").waitFor();
  await page.getByText("Lori dogo").waitFor();
  await page.getByText("Alama 16 kati ya 20 zimebaki").waitFor();
  await page.getByText("Inafadhiliwa na Kenya Commercial Bank").waitFor();
  await page.getByRole("heading", { name: "Kutofunga mkanda wa usalama" }).waitFor();
  await page.getByText("Haijalipwa").waitFor();
  await checkPage(page, "My NTSA in Kiswahili");
  // Back to English for the other tests' shared browser profile is not needed: each context is fresh.
  assert.deepEqual(errors, []);
  await context.close();
});

test("Wanjiku is told to renew her booklet, which expires in three weeks", async () => {
  const { context, page, errors } = await signedInPhone(WANJIKU);
  await page.goto(`${server.url}/ntsa`);
  await heading(page, 1, "My NTSA").waitFor();
  await page.getByText("Booklet (old paper licence)").waitFor();
  await page.getByText("Your licence expires soon. Renew it so you can keep driving.").waitFor();
  await page.getByRole("link", { name: "Renew your driving licence" }).waitFor();
  await heading(page, 3, "KDA 123A").waitFor();
  await page.getByText("You have no traffic fines.").waitFor();
  await checkPage(page, "My NTSA, renewal due");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a signed-out visitor is sent to sign in", async () => {
  const { context, page } = await phone(browser, SMALL_PHONE);
  await page.goto(`${server.url}/ntsa`);
  await heading(page, 1, "Sign in").waitFor();
  await context.close();
});

test("an unpaid fine stops Otieno from starting an NTSA service, and says where to go", async () => {
  const { context, page, errors } = await signedInPhone(OTIENO);
  await page.goto(`${server.url}/services/ntsa-dl-renewal-booklet`);
  await page.getByRole("link", { name: "Start now" }).click();
  await heading(page, 1, "You cannot apply for this yet").waitFor();
  await page.getByText("You have unpaid traffic fines.").waitFor();
  await checkPage(page, "a refusal for unpaid fines");
  await page.getByRole("link", { name: "Go to My NTSA" }).click();
  await heading(page, 1, "My NTSA").waitFor();
  assert.deepEqual(errors.filter((e) => !e.includes("409")), []);
  await context.close();
});

test("Otieno pays his fine from My NTSA by M-Pesa, and NTSA services open again", async () => {
  const { context, page, errors } = await signedInPhone(OTIENO);
  await page.goto(`${server.url}/ntsa`);
  await heading(page, 1, "My NTSA").waitFor();
  await page.getByRole("button", { name: "Pay this fine" }).click();
  await heading(page, 1, "Pay for your application").waitFor();
  await page.getByText("KES 520").first().waitFor();
  await checkPage(page, "paying a fine");
  await page.getByLabel("M-Pesa phone number").fill("0712345000");
  await page.getByRole("button", { name: "Send the payment request" }).click();
  await heading(page, 1, "Receipt").waitFor({ timeout: 20_000 });
  await page.goto(`${server.url}/ntsa`);
  await heading(page, 1, "My NTSA").waitFor();
  await page.getByText("Unpaid", { exact: true }).waitFor({ state: "detached" });
  assert.equal(await page.getByRole("button", { name: "Pay this fine" }).count(), 0);
  await page.goto(`${server.url}/services/ntsa-vehicle-search`);
  await page.getByRole("link", { name: "Start now" }).click();
  await heading(page, 1, "Which vehicle do you want to search?").waitFor();
  assert.deepEqual(errors.filter((e) => !e.includes("409")), []);
  await context.close();
});
