// The walking skeleton as a person meets it: the home page, Kiswahili, a service page and its deep link,
// the offline page, installability, and axe on every page, at 390×844 (and the home page at 360×640).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startServer } from "./support/server.mjs";
import { expectNoAxeViolations, expectNoHorizontalScroll, launch, persistentPhone, phone } from "./support/browser.mjs";

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

test("the home page lists NTSA's services, and is accessible at 390×844 and 360×640", async () => {
  const { context, page, errors } = await phone(browser);
  await page.goto(server.url);
  await page.getByRole("heading", { level: 1, name: "Government services" }).waitFor();
  const ntsa = page.getByRole("region", { name: "National Transport and Safety Authority" });
  await ntsa.getByRole("link", { name: /renew/i }).first().waitFor();
  assert.ok(await ntsa.getByRole("link").count() >= 12, "every NTSA service is listed");
  assert.equal(await page.title(), "Government services – Njia");
  await expectNoAxeViolations(page, "home");
  await expectNoHorizontalScroll(page, "home at 390");
  await page.setViewportSize({ width: 360, height: 640 });
  await expectNoHorizontalScroll(page, "home at 360");
  assert.deepEqual(errors, []);
  await context.close();
});

test("switching to Kiswahili shows Kiswahili text, sets lang=sw, and is remembered", async () => {
  const { context, page } = await phone(browser);
  await page.goto(server.url);
  await page.getByRole("button", { name: "Badilisha lugha kuwa Kiswahili" }).click();
  await page.getByRole("heading", { level: 1, name: "Huduma za serikali" }).waitFor();
  assert.equal(await page.getAttribute("html", "lang"), "sw");
  await page.getByRole("link", { name: /leseni/i }).first().waitFor();
  await expectNoAxeViolations(page, "home in Kiswahili");
  await page.reload();
  await page.getByRole("heading", { level: 1, name: "Huduma za serikali" }).waitFor();
  assert.equal(await page.getAttribute("html", "lang"), "sw", "the choice survives a reload");
  await page.getByRole("button", { name: "Change language to English" }).click();
  await page.getByRole("heading", { level: 1, name: "Government services" }).waitFor();
  assert.equal(await page.getAttribute("html", "lang"), "en");
  await context.close();
});

test("a service page shows fee, documents and time, moves focus to its heading, and survives a reload", async () => {
  const { context, page, errors } = await phone(browser);
  await page.goto(server.url);
  await page.getByRole("link", { name: "Motor vehicle search" }).click();
  const heading = page.getByRole("heading", { level: 1, name: "Motor vehicle search" });
  await heading.waitFor();
  await page.waitForFunction(() => document.activeElement?.tagName === "H1");
  assert.equal(new URL(page.url()).pathname, "/services/ntsa-vehicle-search");
  await page.getByRole("heading", { level: 2, name: "Fee" }).waitFor();
  await page.getByText("KES 550", { exact: true }).waitFor();
  await page.getByRole("heading", { level: 2, name: "How long it takes" }).waitFor();
  await expectNoAxeViolations(page, "service page");
  await expectNoHorizontalScroll(page, "service page");

  await page.reload();
  await heading.waitFor();
  await page.getByText("KES 550", { exact: true }).waitFor();

  await page.getByRole("link", { name: "All services" }).click();
  await page.getByRole("heading", { level: 1, name: "Government services" }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test("a documents list names the file types and the size limit", async () => {
  const { context, page } = await phone(browser);
  await page.goto(`${server.url}/services/ntsa-dl-duplicate`);
  await page.getByRole("heading", { level: 2, name: "Documents you need" }).waitFor();
  await page.getByText("Needed in some cases").first().waitFor();
  await page.getByText(/PDF.* up to \d+ MB/).first().waitFor();
  await expectNoAxeViolations(page, "duplicate licence page");
  await context.close();
});

test("an unknown address shows a real 404 page, and an unknown service says so", async () => {
  const { context, page } = await phone(browser);
  await page.goto(`${server.url}/no/such/page`);
  await page.getByRole("heading", { level: 1, name: "Page not found" }).waitFor();
  await expectNoAxeViolations(page, "404");
  await page.getByRole("link", { name: "Go to the list of services" }).click();
  await page.getByRole("heading", { level: 1, name: "Government services" }).waitFor();

  await page.goto(`${server.url}/services/no-such-service`);
  await page.getByRole("heading", { level: 1, name: "We could not find that service" }).waitFor();
  await expectNoAxeViolations(page, "unknown service");
  await context.close();
});

test("Chromium considers the app installable", async () => {
  const { context, page, close } = await persistentPhone();
  await page.goto(server.url);
  await page.getByRole("heading", { level: 1, name: "Government services" }).waitFor();
  await page.evaluate(() => navigator.serviceWorker.ready);
  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
  assert.deepEqual(installabilityErrors, []);
  const manifest = await (await fetch(`${server.url}/manifest.webmanifest`)).json();
  assert.equal(manifest.display, "standalone");
  assert.deepEqual(manifest.icons.map((i) => `${i.sizes} ${i.purpose}`).sort(), ["192x192 any", "512x512 any", "512x512 maskable", "any any"]);
  await close();
});

test("after a first visit, with the server stopped, a reload shows the offline page", async () => {
  const { context, page } = await phone(browser);
  await page.goto(server.url);
  await page.getByRole("heading", { level: 1, name: "Government services" }).waitFor();
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await server.stop();
  try {
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "You are offline" }).waitFor();
    await page.getByRole("heading", { level: 2, name: "Huna mtandao" }).waitFor();
    await expectNoAxeViolations(page, "offline page");
  } finally {
    await server.start();
  }
  await page.reload();
  await page.getByRole("heading", { level: 1, name: "Government services" }).waitFor();
  await context.close();
});

test("when the API cannot be reached, the home page says so and its retry works", async () => {
  const { context, page } = await phone(browser);
  let failing = true;
  await page.route("**/api/services", (route) => (failing ? route.abort("internetdisconnected") : route.continue()));
  await page.goto(server.url);
  await page.getByRole("alert").getByText("You seem to be offline").waitFor();
  await expectNoAxeViolations(page, "home, load failed");
  failing = false;
  await page.getByRole("button", { name: "Try again" }).click();
  await page.getByRole("link", { name: "Motor vehicle search" }).waitFor();
  await context.close();
});
