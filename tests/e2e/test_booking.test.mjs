// Booking a driving test at 390×844: Amina (a learner with a provisional licence for B1) goes from My NTSA to
// "Book a driving test", chooses the class, the Driving Test Unit and a time with its places left, books and
// pays by M-Pesa on the pay page, reaches the receipt, and finds her test booked. Axe-clean pages, no
// sideways scrolling.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startServer } from "./support/server.mjs";
import { apiOf } from "./support/api.mjs";
import { expectNoAxeViolations, expectNoHorizontalScroll, launch, phone } from "./support/browser.mjs";

let server;
let browser;
let api;
let cookie;

const AMINA = { email: "amina.hassan@demo.njia.ke", phone: "+254712000103" };

before(async () => {
  server = await startServer({ payments: true });
  browser = await launch();
  api = apiOf(server);
  await server.run(["seed"]);
  cookie = await api.signIn(AMINA);
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

test("book a test", async () => {
  const slots = (await api.call("/api/ntsa/test-slots", { cookie })).json.items;
  assert.ok(slots.length > 0, "the demo has test slots");
  const { context, page, errors } = await phone(browser);
  await api.giveSession(context, cookie);

  // The catalog's "Start now" for the service leads to the slots, not to a generic form.
  await page.goto(`${server.url}/services/ntsa-driving-test-booking`);
  await page.getByRole("link", { name: "Start now" }).click();
  await heading(page, "Book a driving test").waitFor();

  await page.goto(`${server.url}/ntsa`);
  await heading(page, "My NTSA").waitFor();
  await page.getByRole("link", { name: "Book a driving test" }).click();
  await heading(page, "Book a driving test").waitFor();
  await page.getByRole("heading", { name: "Your driving tests" }).waitFor();
  await checkPage(page, "the booking page");

  // Nothing chosen: the error summary says what is missing.
  await page.getByRole("button", { name: "Book and pay" }).click();
  await page.getByRole("heading", { name: "There is a problem" }).waitFor();
  await checkPage(page, "the booking page with errors");

  // Her provisional licence has one class, B1: it is chosen already.
  assert.ok(await page.getByLabel(/^B1/).isChecked());
  await page.getByLabel("Driving Test Unit, Nairobi Likoni Road").check();
  await page.getByText(/4 places left/).first().waitFor();
  await page.getByRole("radio", { name: /^09:00/ }).first().check();
  await checkPage(page, "the booking page with the times");
  await page.getByRole("button", { name: "Book and pay" }).click();

  await heading(page, "Pay for your application").waitFor();
  await page.getByText("KES 1,050").first().waitFor();
  await page.getByLabel("M-Pesa phone number").fill("0712345000");
  await page.getByRole("button", { name: "Send the payment request" }).click();
  await heading(page, "Receipt").waitFor({ timeout: 20_000 });
  await checkPage(page, "the receipt");

  const bookings = (await api.call("/api/ntsa/test-bookings", { cookie })).json.items;
  assert.equal(bookings.length, 1);
  assert.equal(bookings[0].status, "booked");
  assert.equal(bookings[0].class, "B1");

  await page.goto(`${server.url}/ntsa/test-booking`);
  await page.getByRole("heading", { name: "Your driving tests" }).waitFor();
  await page.getByText("Booked", { exact: true }).waitFor();
  // Cancelling asks first, and says a paid test is not refunded.
  await page.getByRole("button", { name: "Cancel booking" }).click();
  await page.getByText("A test you have paid for is not refunded when you cancel it.").waitFor();
  await checkPage(page, "confirming a cancellation");
  await page.getByRole("button", { name: "No, keep it" }).click();
  await page.getByRole("button", { name: "Change the date" }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});
