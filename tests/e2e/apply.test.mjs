// Applying as a person does it, at 390×844, for a service declared only in the catalog (a first national
// ID, free, with two documents): the form's steps with the domain's own checks, a reload in the middle that
// loses nothing, a photo too large for its limit made smaller on the phone, a PDF, an executable renamed
// .pdf refused before upload, "check your answers" with its declaration, the reference on screen and by SMS;
// then an officer asks for a change, the applicant makes it and sends again, the officer approves and
// names where to collect, and the applicant follows it all on the application's history.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startServer } from "./support/server.mjs";
import { apiOf } from "./support/api.mjs";
import { expectNoAxeViolations, expectNoHorizontalScroll, launch, phone } from "./support/browser.mjs";

let server;
let browser;
let api;

const WANJIKU = { email: "wanjiku.kamau@demo.njia.ke", phone: "+254712000101" };
const OFFICER = { email: "pendo.achieng@nrb.example.go.ke", phone: "+254722000411", password: "Mvua nyingi kesho asubuhi" };

before(async () => {
  server = await startServer();
  browser = await launch();
  api = apiOf(server);
  await server.run(["seed"]);
  await server.run([
    "create-staff", "--role", "officer", "--agency", "nrb", "--id-number", "30111333", "--first-name", "Pendo",
    "--surname", "Achieng", "--date-of-birth", "1986-02-02", "--email", OFFICER.email, "--phone", "0722000411",
  ], { NJIA_STAFF_PASSWORD: OFFICER.password });
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

/** A photo of a document as a phone camera takes it: large and full of detail (noise does not compress). */
async function bigPhoto(page) {
  const base64 = await page.evaluate(async () => {
    const canvas = document.createElement("canvas");
    canvas.width = 3000;
    canvas.height = 2250;
    const context = canvas.getContext("2d");
    const image = context.createImageData(canvas.width, canvas.height);
    for (let i = 0; i < image.data.length; i += 4) {
      const v = Math.random() * 255;
      image.data[i] = v; image.data[i + 1] = (v * 7) % 255; image.data[i + 2] = 255 - v; image.data[i + 3] = 255;
    }
    context.putImageData(image, 0, 0);
    const blob = await new Promise((resolve) => canvas.toBlob(resolve, "image/jpeg", 1));
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let text = "";
    for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(text);
  });
  return Buffer.from(base64, "base64");
}

const PDF = Buffer.from("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
const EXE = Buffer.concat([Buffer.from("MZ\x90\x00\x03\x00\x00\x00"), Buffer.alloc(2048, 1)]);

test("a citizen applies for a catalog-only service, fixes what an officer asks, and follows it to collection", async () => {
  const cookie = await api.signIn(WANJIKU);
  const { context, page, errors } = await phone(browser);
  await api.giveSession(context, cookie);

  // The service page leads in; "Start now" starts a draft and opens the first step.
  await page.goto(`${server.url}/services/nrb-id-new`);
  await heading(page, "National ID card (first application)").waitFor();
  await checkPage(page, "the service page");
  await page.getByRole("link", { name: "Start now" }).click();
  await heading(page, "Where were you born?").waitFor();
  await checkPage(page, "the first step");

  // Nothing answered: the domain's messages, in the summary and at each question.
  await page.getByRole("button", { name: "Save and continue" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await summary.waitFor();
  assert.deepEqual(await summary.getByRole("link").allTextContents(), ["Choose a county", "Answer this question"]);
  assert.equal(await page.evaluate(() => document.activeElement?.id), "error-summary", "focus moves to the summary");
  await checkPage(page, "the first step with errors");
  await summary.getByRole("link", { name: "Choose a county" }).click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), "q-birth_county", "the summary links to the question");

  await page.getByLabel("County of birth").selectOption({ label: "Kiambu" });
  await page.getByLabel("Town or village").fill("Kikuyu");
  await page.getByRole("button", { name: "Save and continue" }).click();
  await heading(page, "Whose ID are you uploading?").waitFor();

  // A reload in the middle loses nothing: the draft is on the server and on the phone.
  await page.getByRole("radio", { name: "My mother's" }).check();
  await page.getByLabel("Their ID number").fill("12");
  await page.getByRole("button", { name: "Save and continue" }).click();
  await summary.waitFor();
  const idError = await summary.getByRole("link").first().textContent();
  assert.match(idError, /ID number/i, "the ID rule's own message");
  await page.reload();
  await heading(page, "Whose ID are you uploading?").waitFor();
  await page.getByRole("link", { name: "Back" }).click();
  await heading(page, "Where were you born?").waitFor();
  assert.equal(await page.getByLabel("Town or village").inputValue(), "Kikuyu");
  await page.getByRole("button", { name: "Save and continue" }).click();
  await heading(page, "Whose ID are you uploading?").waitFor();
  await page.getByRole("radio", { name: "My mother's" }).check();
  await page.getByLabel("Their ID number").fill("12345678");
  await page.getByRole("button", { name: "Save and continue" }).click();

  await heading(page, "Where will you go for fingerprints and a photo?").waitFor();
  await page.getByLabel("County", { exact: true }).selectOption({ label: "Kiambu" });
  await page.getByLabel("Registration office or Huduma Centre").fill("Huduma Centre Thika");
  await page.getByRole("button", { name: "Save and continue" }).click();

  // Documents: checked on the phone before upload.
  await heading(page, "Upload your documents").waitFor();
  await checkPage(page, "the documents page");
  const birth = page.getByRole("region", { name: "Birth certificate" });
  const parent = page.getByRole("region", { name: "Copy of a parent's national ID" });

  await parent.getByLabel("Choose a file").setInputFiles({ name: "id.pdf", mimeType: "application/pdf", buffer: EXE });
  await parent.getByText("This file is not a PDF, JPEG or PNG: choose one of those").first().waitFor();

  const photo = await bigPhoto(page);
  assert.ok(photo.length > 5 * 1024 * 1024, `the test photo is over the 5 MB limit (${photo.length} bytes)`);
  await birth.getByLabel("Choose a file").setInputFiles({ name: "birth-certificate.jpg", mimeType: "image/jpeg", buffer: photo });
  await birth.getByText(/This photo is [\d.]+ MB; the limit is 5 MB/).waitFor();
  await birth.getByRole("button", { name: "Make it smaller and upload" }).click();
  await birth.getByText("Attached").waitFor({ timeout: 60_000 });
  await birth.getByText(/Made smaller on your phone: [\d.]+ MB to [\d.]+ (MB|KB)/).waitFor();

  await parent.getByLabel("Choose a file").setInputFiles({ name: "mothers-id.pdf", mimeType: "application/pdf", buffer: PDF });
  await parent.getByText("Attached").waitFor();
  await checkPage(page, "the documents page with files");
  const stored = (await api.call(`/api/applications/${page.url().split("/")[4]}/documents`, { cookie })).json.items;
  assert.equal(stored.length, 2, "two documents stored, nothing of the refused one");
  assert.ok(stored.find((d) => d.requirement_id === "birth-certificate").size_bytes <= 5 * 1024 * 1024);
  await page.getByRole("button", { name: "Continue" }).click();

  // Check your answers, then the declaration.
  await heading(page, "Check your answers before sending your application").waitFor();
  await checkPage(page, "check your answers");
  await page.getByText("Kiambu").first().waitFor();
  await page.getByText("My mother's").waitFor();
  await page.getByRole("button", { name: "Accept and send" }).click();
  await summary.getByRole("link", { name: "Confirm the declaration to send your application" }).waitFor();
  await page.getByLabel("I confirm the declaration above").check();
  await page.getByRole("button", { name: "Accept and send" }).click();
  await heading(page, "Application sent").waitFor();
  await checkPage(page, "the confirmation");
  const reference = (await page.locator(".reference").textContent()).trim();
  assert.match(reference, /^NJ-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
  const sms = await api.messagesTo(WANJIKU.phone, new RegExp(reference));
  assert.equal(sms.length, 1, "the reference went by SMS once");
  const applicationId = page.url().split("/")[4];
  await page.goto(`${server.url}/dev/outbox`);
  await page.getByText(new RegExp(`${reference}`)).first().waitFor();

  // An officer asks for a change.
  const officer = await api.signIn(OFFICER, OFFICER.password);
  const decide = (decision, note) => api.call(`/api/officer/applications/${applicationId}/decision`, {
    method: "POST", cookie: officer, body: note === undefined ? { decision } : { decision, note },
  });
  assert.equal((await decide("request_changes", "The town of birth must match the birth certificate: Kikuyu Town.")).status, 200);

  // The applicant sees the request, changes the answer and sends again.
  await page.goto(`${server.url}/applications`);
  await heading(page, "My applications").waitFor();
  await checkPage(page, "my applications");
  await page.getByRole("link", { name: "National ID card (first application)" }).click();
  await page.getByRole("heading", { name: "Changes requested" }).waitFor();
  await page.getByText("The town of birth must match the birth certificate: Kikuyu Town.").first().waitFor();
  await checkPage(page, "an application with changes requested");
  await page.getByRole("link", { name: "Make the changes" }).click();
  await heading(page, "Check your answers before sending your application").waitFor();
  await page.getByRole("link", { name: "Change Town or village" }).click();
  await heading(page, "Where were you born?").waitFor();
  await page.getByLabel("Town or village").fill("Kikuyu Town");
  await page.getByRole("button", { name: "Save and continue" }).click();
  await heading(page, "Check your answers before sending your application").waitFor();
  await page.getByText("Kikuyu Town").waitFor();
  await page.getByText("Sending it again is free.").waitFor();
  await page.getByLabel("I confirm the declaration above").check();
  await page.getByRole("button", { name: "Accept and send" }).click();
  await heading(page, "Application sent").waitFor();

  // The officer approves and names where to collect; the applicant follows it.
  assert.equal((await decide("approve")).status, 200);
  assert.equal((await decide("ready_for_collection", "Huduma Centre Thika")).status, 200);
  await page.getByRole("link", { name: "View your application" }).click();
  await page.reload();
  await page.getByText("Ready for collection").first().waitFor();
  const history = page.getByRole("list").filter({ hasText: "Changes requested" });
  const statuses = await history.locator("li > p:first-child").allTextContents();
  assert.deepEqual(statuses, ["Submitted", "Changes requested", "Submitted", "Approved", "Ready for collection"]);
  await page.getByText("Collect at: Huduma Centre Thika").waitFor();
  await checkPage(page, "the application's history");
  const updates = await api.messagesTo(WANJIKU.phone, new RegExp(reference));
  assert.ok(updates.length >= 4, `each change went by SMS (${updates.length})`);
  await page.goto(`${server.url}/dev/outbox`);
  await page.getByText(/Huduma Centre Thika/).first().waitFor();

  assert.deepEqual(errors, []);
  await context.close();
});

test("a double tap on Accept and send makes one application", async () => {
  const cookie = await api.signIn({ email: "otieno.odhiambo@demo.njia.ke", phone: "+254712000102" });
  const { context, page } = await phone(browser);
  await api.giveSession(context, cookie);
  const draft = await api.call("/api/applications", { method: "POST", cookie, body: { service_id: "nrb-id-new" } });
  const id = draft.json.id;
  const answers = { birth_county: "047", place_of_birth: "Kisumu", parent: "father", parent_id_number: "23456781",
    registration_county: "042", registration_office: "Huduma Centre Kisumu" };
  assert.equal((await api.call(`/api/applications/${id}/answers`, { method: "PUT", cookie, body: { answers } })).status, 200);
  for (const requirement of ["birth-certificate", "parent-id-copy"]) {
    const r = await api.call(`/api/applications/${id}/documents/${requirement}`, {
      method: "PUT", raw: true, body: PDF, cookie,
      headers: { "content-type": "application/octet-stream", "x-file-name": `${requirement}.pdf` },
    });
    assert.equal(r.status, 201);
  }
  await page.goto(`${server.url}/applications/${id}/check`);
  await heading(page, "Check your answers before sending your application").waitFor();
  await page.getByLabel("I confirm the declaration above").check();
  const sends = [];
  page.on("request", (r) => { if (r.url().endsWith("/submit")) sends.push(r.headers()["idempotency-key"]); });
  const button = page.getByRole("button", { name: "Accept and send" });
  await button.dblclick();
  await heading(page, "Application sent").waitFor();
  assert.ok(sends.length >= 1);
  assert.equal(new Set(sends).size, 1, "every send carries the same Idempotency-Key");
  const list = (await api.call("/api/applications", { cookie })).json.items.filter((a) => a.service_id === "nrb-id-new");
  assert.equal(list.length, 1);
  assert.equal(list[0].status, "submitted");
  await context.close();
});
