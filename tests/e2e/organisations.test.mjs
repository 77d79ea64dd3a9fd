// Organisations at 390×844, as the people involved do it: Amina adds a motor dealer (a personal KRA PIN is
// refused at the question), an eCitizen officer approves it in the back office, Amina invites Wanjiku as an
// agent; Wanjiku accepts, switches to acting for the dealer, registers a new vehicle and pays; once NTSA
// approves it (through the API, as a tester would) the vehicle is in the dealer's stock on My NTSA. Amina
// removes Wanjiku, and Wanjiku's open tab loses the dealer at once and says so. Axe-clean, no sideways scroll.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startServer } from "./support/server.mjs";
import { apiOf } from "./support/api.mjs";
import { expectNoAxeViolations, expectNoHorizontalScroll, launch, phone } from "./support/browser.mjs";

let server;
let browser;
let api;
const cookies = {};

const AMINA = { email: "amina.hassan@demo.njia.ke", phone: "+254712000103" };
const WANJIKU = { email: "wanjiku.kamau@demo.njia.ke", phone: "+254712000101", idNumber: "23456789" };
const MERCY = { email: "mercy.achieng@ecitizen.demo.njia.ke", phone: "+254722000203" }; // eCitizen officer
const GRACE = { email: "grace.wambui@ntsa.demo.njia.ke", phone: "+254722000201" }; // NTSA officer
const DEALER = "Simba Auto Ltd";
const DEALER_PIN = "P051234567Q";
const PDF = Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

before(async () => {
  server = await startServer({ payments: true });
  browser = await launch();
  api = apiOf(server);
  await server.run(["seed"]);
  // One sign-in per person: a second SMS code within a minute is refused, as it should be.
  for (const [name, person] of Object.entries({ AMINA, WANJIKU, MERCY, GRACE })) cookies[name] = await api.signIn(person);
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

async function signedIn(name) {
  const { context, page, errors } = await phone(browser);
  await api.giveSession(context, cookies[name]);
  return { context, page, errors };
}

async function next(page) {
  await page.getByRole("button", { name: "Continue" }).click();
}

async function attach(page, documentName, fileName) {
  const region = page.getByRole("region", { name: documentName });
  await region.getByLabel("Choose a file").setInputFiles({ name: fileName, mimeType: "application/pdf", buffer: PDF });
  await region.getByText("Attached").waitFor();
}

async function acceptAndSend(page) {
  await heading(page, "Check your answers before sending your application").waitFor();
  await checkPage(page, "check your answers");
  await page.getByLabel("I confirm the declaration above").check();
  await page.getByRole("button", { name: "Accept and send" }).click();
  await heading(page, "Application sent").waitFor();
}

test("a dealer is added and approved, its agent registers a vehicle into its stock, then loses access at once", async () => {
  // ---- Amina adds the dealer ----
  const amina = await signedIn("AMINA");
  let page = amina.page;
  await page.goto(`${server.url}/organisations`);
  await heading(page, "Your organisations").waitFor();
  await page.getByText("You do not act for any organisation yet.").waitFor();
  await checkPage(page, "no organisations yet");
  await page.getByRole("link", { name: "Add an organisation" }).click();
  await page.getByRole("link", { name: "Start now" }).click();
  await heading(page, "What kind of organisation is it?").waitFor();
  await page.getByLabel("Kind of organisation").selectOption({ label: "Motor vehicle or motorcycle dealer" });
  await next(page);
  await heading(page, "How is the organisation registered?").waitFor();
  await page.getByLabel("Its KRA PIN").check();
  await page.getByLabel("The organisation's KRA PIN").fill("A004416331M");
  await next(page);
  await page.getByRole("alert").getByRole("link", { name: /This is a personal KRA PIN/ }).waitFor();
  await checkPage(page, "a personal PIN refused");
  await page.getByLabel("The organisation's KRA PIN").fill(DEALER_PIN);
  await next(page);
  await heading(page, "What is the organisation called?").waitFor();
  await page.getByLabel("The organisation's name").fill(DEALER);
  await next(page);
  await heading(page, "In what capacity do you act for it?").waitFor();
  await page.getByLabel("Director").check();
  await next(page);
  await heading(page, "Upload your documents").waitFor();
  await attach(page, /^Authorisation letter/, "authorisation.pdf");
  await attach(page, "Certificate of incorporation or registration", "certificate.pdf");
  await attach(page, /^CR12/, "cr12.pdf");
  await checkPage(page, "the organisation's documents");
  await next(page);
  await acceptAndSend(page);
  const addId = page.url().split("/")[4];

  // ---- The eCitizen officer approves it ----
  const mercy = await signedIn("MERCY");
  await mercy.page.goto(`${server.url}/officer/applications/${addId}`);
  const decision = mercy.page.getByRole("region", { name: "Decision" });
  await decision.getByRole("radio", { name: "Approve" }).check();
  await decision.getByRole("button", { name: "Save decision" }).click();
  await mercy.page.locator("main dl.summary-list").first().locator(".status-tag", { hasText: /^Approved$/ }).waitFor();
  await mercy.context.close();

  // ---- Amina, now its administrator, invites Wanjiku as an agent ----
  await page.goto(`${server.url}/organisations`);
  await page.getByRole("link", { name: DEALER }).click();
  await heading(page, DEALER).waitFor();
  await page.getByText("Administrator", { exact: false }).first().waitFor();
  await page.getByLabel("By their national ID number").check();
  await page.getByLabel("Their national ID number", { exact: true }).fill(WANJIKU.idNumber);
  await page.getByRole("group", { name: "Their role" }).getByLabel("Agent").check();
  await page.getByRole("button", { name: "Send invitation" }).click();
  await page.getByText("We have sent an invitation to").waitFor();
  await checkPage(page, "the organisation with an invitation");
  const organisationUrl = page.url();

  // ---- Wanjiku accepts, acts for the dealer and registers a vehicle ----
  const wanjiku = await signedIn("WANJIKU");
  const w = wanjiku.page;
  await w.goto(`${server.url}/organisations`);
  await w.getByRole("heading", { name: "Invitations" }).waitFor();
  await checkPage(w, "an invitation to answer");
  await w.getByRole("button", { name: new RegExp(`^Accept.*${DEALER}`) }).click();
  await w.getByText(`You now act for ${DEALER} as agent.`).waitFor();
  await w.getByRole("button", { name: `Act for this organisation (${DEALER})` }).click();
  await heading(w, "My NTSA").waitFor();
  const bar = w.locator(".acting-bar");
  await bar.getByText(DEALER).waitFor();
  await w.getByText("No vehicle is registered to this organisation.").waitFor();
  await checkPage(w, "My NTSA for the dealer");
  await w.getByRole("link", { name: "Register a new vehicle" }).click();
  await w.getByRole("link", { name: "Start now" }).click();
  await heading(w, "Which vehicle are you registering?").waitFor();
  await w.getByLabel("Chassis number").fill("JTDKB20U703456789");
  await w.getByLabel("Engine size").fill("1500");
  await w.getByLabel("Engine number").fill("1NZ-7654321");
  await next(w);
  await heading(w, "Describe the vehicle").waitFor();
  await w.getByLabel("Make").fill("Toyota");
  await w.getByLabel("Model").fill("Axio");
  await w.getByLabel("Year of manufacture").fill("2025");
  await w.getByLabel("Colour").fill("White");
  await w.getByLabel("Body type").selectOption({ label: "Saloon" });
  await next(w);
  await heading(w, "Who will own the vehicle?").waitFor();
  await w.getByLabel("Owner's KRA PIN").fill(DEALER_PIN);
  await w.getByLabel("Single: the owner alone").check();
  await next(w);
  await w.getByLabel("NTSA collection counter").selectOption({ label: "Nairobi" });
  await next(w);
  await heading(w, "Who will collect them?").waitFor();
  await w.getByLabel("Full name").fill("Peter Mwangi");
  await w.getByLabel("ID number").fill("23456789");
  await w.getByLabel("Phone number").fill("0722000111");
  await next(w);
  await heading(w, "Upload your documents").waitFor();
  await attach(w, "Customs entry documents", "customs-entry.pdf");
  await next(w);
  await acceptAndSend(w);
  const registrationId = w.url().split("/")[4];
  await w.getByRole("link", { name: "Pay now" }).click();
  await heading(w, "Pay for your application").waitFor();
  await w.getByLabel("M-Pesa phone number").fill("0712345000");
  await w.getByRole("button", { name: "Send the payment request" }).click();
  await heading(w, "Receipt").waitFor({ timeout: 20_000 });
  await w.getByText(DEALER).first().waitFor();
  await checkPage(w, "the dealer's receipt");

  // The application is the dealer's: Amina sees it acting for the dealer, not on her own account.
  const mine = (await api.call("/api/applications", { cookie: cookies.AMINA })).json.items.map((a) => a.id);
  assert.ok(!mine.includes(registrationId), "not on Amina's own account");
  const dealerId = new URL(organisationUrl).pathname.split("/")[2];
  const theirs = await api.call("/api/applications", { cookie: cookies.AMINA, headers: { "x-njia-acting-as": dealerId } });
  assert.ok(theirs.json.items.map((a) => a.id).includes(registrationId), "the dealer's, seen by its administrator");

  // ---- NTSA approves; the vehicle is in the dealer's stock ----
  for (const decisionName of ["start_review", "approve"]) {
    const r = await api.call(`/api/officer/applications/${registrationId}/decision`, {
      method: "POST", cookie: cookies.GRACE, body: { decision: decisionName },
    });
    assert.equal(r.status, 200, JSON.stringify(r.json));
  }
  await w.goto(`${server.url}/ntsa`);
  await w.getByRole("heading", { name: "Vehicles the organisation owns" }).waitFor();
  await w.getByText("Toyota Axio 2025").waitFor();
  const plate = (await w.locator(".ntsa-plate").first().textContent()).trim();
  assert.match(plate, /^KD[A-HJ-NP-Z] \d{3}[A-HJ-NP-Z]$/);
  await checkPage(w, "the dealer's stock");

  // ---- Amina removes Wanjiku; Wanjiku's open tab loses the dealer at once ----
  await page.goto(organisationUrl);
  await page.getByRole("button", { name: /^Remove Wanjiku/ }).click();
  await page.getByRole("button", { name: "Yes, remove" }).click();
  await page.getByText(`no longer acts for ${DEALER}`).waitFor();
  await w.reload();
  await w.getByText(`You are no longer a member of ${DEALER}, so you are now acting for yourself.`).waitFor();
  await w.getByRole("heading", { name: "Driving licence" }).waitFor();
  assert.equal(await w.getByText(plate).count(), 0, "the dealer's stock is gone from her tab");
  await checkPage(w, "removed from the dealer");
  const refused = await api.call(`/api/applications/${registrationId}`, {
    cookie: cookies.WANJIKU, headers: { "x-njia-acting-as": dealerId },
  });
  assert.equal(refused.status, 403);
  assert.equal(refused.json.error.code, "not_a_member");

  assert.deepEqual(amina.errors, []);
  await amina.context.close();
  await wanjiku.context.close();
});

test("the bank's agent lifts its caveat on a vehicle it finances", async () => {
  // Demo data: Wanjiku is an agent of Kenya Commercial Bank, which finances Otieno's Subaru KDK 456C.
  const { context, page, errors } = await signedIn("WANJIKU");
  await page.goto(`${server.url}/acting-as`);
  await heading(page, "Who are you acting for?").waitFor();
  await checkPage(page, "choosing whom to act for");
  await page.getByLabel(/^Kenya Commercial Bank/).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await heading(page, "My applications").waitFor();
  await page.goto(`${server.url}/ntsa`);
  await page.getByRole("heading", { name: "Vehicles you finance" }).waitFor();
  await page.getByRole("heading", { name: "KDK 456C" }).waitFor();
  await checkPage(page, "the bank's financed vehicles");
  await page.getByRole("button", { name: "Lift the caveat on KDK 456C" }).click();
  await page.getByText(/^Lift the caveat on KDK 456C\?/).waitFor();
  await checkPage(page, "confirming the caveat's lifting");
  await page.getByRole("button", { name: "Yes, lift the caveat" }).click();
  await page.getByText("The caveat on KDK 456C is lifted. We have told its owners by SMS.").waitFor();
  await page.getByRole("heading", { name: "Vehicles you finance" }).waitFor({ state: "detached" });
  await page.getByText("The caveat on KDK 456C is lifted. We have told its owners by SMS.").waitFor();
  const sms = await api.messagesTo("+254712000102", /lifted its caveat on KDK 456C/);
  assert.equal(sms.length, 1, "Otieno is told");
  // Back to acting for herself: her own account shows no bank's vehicles.
  await page.goto(`${server.url}/acting-as`);
  await page.getByLabel(/^Yourself/).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.goto(`${server.url}/ntsa`);
  await page.getByRole("heading", { name: "Driving licence" }).waitFor();
  assert.equal(await page.getByRole("heading", { name: "KDK 456C" }).count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});
