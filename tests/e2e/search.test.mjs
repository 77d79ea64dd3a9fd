// Finding a service as a person does on a phone: typing in English or Kiswahili (typos included), results
// as they type, the query kept in the address, no results, browsing by category, and all of it offline once
// the catalog is loaded; axe and no sideways scrolling on every state, at 390×844 (and 360 px).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
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

/** The home page, loaded, with its search box. */
async function home(page, query = "") {
  await page.goto(`${server.url}/${query}`);
  await page.getByRole("region", { name: "National Transport and Safety Authority" }).waitFor();
  return page.getByRole("searchbox", { name: "Search for a service" });
}

/** The result links, in order. */
async function resultNames(page, heading = /services? found/) {
  const results = page.getByRole("region", { name: heading });
  await results.waitFor();
  return results.getByRole("link").allTextContents();
}

test("typing “leseni” lists the driving licences as the person types, and the address keeps the query", async () => {
  const { context, page, errors } = await phone(browser);
  const search = await home(page);
  const entries = await page.evaluate(() => history.length);
  await search.pressSequentially("leseni", { delay: 40 });
  const names = await resultNames(page);
  assert.ok(names.length >= 5, `${names}`);
  for (const name of names.slice(0, 5)) assert.match(name, /licence/i);
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("type")), "search", "typing is not interrupted");

  // Once typing pauses, screen readers hear the count and the address holds the query (replaced, not pushed).
  await page.getByRole("status").filter({ hasText: /^\d+ services found$/ }).waitFor();
  await page.waitForURL((url) => url.searchParams.get("q") === "leseni");
  assert.equal(await page.evaluate(() => history.length), entries, "the query replaces the entry, adds none");
  await expectNoAxeViolations(page, "search results");
  await expectNoHorizontalScroll(page, "search results");

  await page.reload();
  await page.getByRole("region", { name: /services found/ }).waitFor();
  assert.equal(await search.inputValue(), "leseni", "a reload keeps the search");

  await page.getByRole("region", { name: /services found/ }).getByRole("link", { name: /Duplicate driving licence/ }).click();
  await page.getByRole("heading", { level: 1, name: "Duplicate driving licence" }).waitFor();
  await page.goBack();
  await page.getByRole("region", { name: /services found/ }).waitFor();
  assert.equal(await search.inputValue(), "leseni", "back brings the search back");
  assert.deepEqual(errors, []);
  await context.close();
});

test("“licence”, “license” and the typos “lisence” and “lesseni” find the same services first", async () => {
  const { context, page } = await phone(browser);
  const search = await home(page);
  await search.fill("licence");
  const expected = (await resultNames(page)).slice(0, 5).sort();
  assert.ok(expected.every((name) => /driving licence/i.test(name)), `${expected}`);
  for (const query of ["license", "lisence", "lesseni", "Licnse"]) {
    await search.fill(query);
    await page.getByRole("region", { name: /services found/ }).getByRole("link").first().waitFor();
    const names = (await resultNames(page)).slice(0, 5).sort();
    assert.deepEqual(names, expected, query);
  }
  // The keyboard's search key takes the person from the box to the results.
  await search.press("Enter");
  await page.waitForFunction(() => /services found/.test(document.activeElement?.textContent ?? ""));
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), "H2");
  await context.close();
});

test("in Kiswahili, the box, the results and the count are in Kiswahili, and more words narrow", async () => {
  const { context, page } = await phone(browser);
  await home(page);
  await page.getByRole("button", { name: "Badilisha lugha kuwa Kiswahili" }).click();
  const search = page.getByRole("searchbox", { name: "Tafuta huduma" });
  await search.fill("leseni");
  const all = await resultNames(page, /^Huduma \d+ zimepatikana$/);
  assert.match(all[0], /leseni/i);
  await search.fill("kuhuisha leseni");
  const renewals = await resultNames(page, /^Huduma \d+ zimepatikana$/);
  assert.ok(renewals.length < all.length, `${renewals} of ${all}`);
  assert.ok(renewals.every((name) => /kuhuisha/i.test(name)), `${renewals}`);
  await page.getByRole("status").filter({ hasText: /^Huduma \d+ zimepatikana$/ }).waitFor();
  await expectNoAxeViolations(page, "search results in Kiswahili");

  await search.fill("pasipoti");
  const passports = await resultNames(page, /^Huduma \d+ zimepatikana$/);
  assert.equal(passports[0], "Pasipoti ya Kenya (mpya au kuhuisha)");
  await context.close();
});

test("when nothing matches, it says so and offers the categories", async () => {
  const { context, page, errors } = await phone(browser);
  const search = await home(page);
  await search.fill("zzqxv");
  const none = page.getByRole("region", { name: "No services match “zzqxv”" });
  await none.waitFor();
  await none.getByText("Check the spelling").waitFor();
  await page.getByRole("status").filter({ hasText: "No services match “zzqxv”" }).waitFor();
  await expectNoAxeViolations(page, "no results");
  await expectNoHorizontalScroll(page, "no results");
  await none.getByRole("link", { name: "Browse services by category" }).click();
  const categories = page.getByRole("region", { name: "Browse by category" });
  await categories.getByRole("link", { name: "Driving licences" }).waitFor();
  assert.ok(await categories.getByRole("link", { name: "Driving licences" }).isVisible());

  // Common words alone are not a search; clearing the box clears the results and the address.
  await search.fill("the");
  await page.getByRole("region", { name: "No services match “the”" }).waitFor();
  await search.fill("");
  await page.waitForURL((url) => url.search === "");
  assert.equal(await page.getByRole("region", { name: /services found|No services match/ }).count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test("browsing by category lists its services by agency, and an unknown category says so", async () => {
  const { context, page, errors } = await phone(browser);
  await home(page);
  const categories = page.getByRole("region", { name: "Browse by category" });
  await categories.getByText(/^\d+ services$/).first().waitFor();
  await categories.getByRole("link", { name: "Driving licences" }).click();
  const heading = page.getByRole("heading", { level: 1, name: "Driving licences" });
  await heading.waitFor();
  await page.waitForFunction(() => document.activeElement?.tagName === "H1");
  assert.equal(new URL(page.url()).pathname, "/categories/driving-licences");
  assert.equal(await page.title(), "Driving licences – Njia");
  const ntsa = page.getByRole("region", { name: "National Transport and Safety Authority" });
  assert.ok((await ntsa.getByRole("link").count()) >= 5);
  await expectNoAxeViolations(page, "category page");
  await expectNoHorizontalScroll(page, "category page at 390");
  await page.setViewportSize({ width: 360, height: 640 });
  await expectNoHorizontalScroll(page, "category page at 360");

  await page.getByRole("button", { name: "Badilisha lugha kuwa Kiswahili" }).click();
  await page.getByRole("heading", { level: 1, name: "Leseni za udereva" }).waitFor();
  await page.getByRole("button", { name: "Change language to English" }).click();

  await ntsa.getByRole("link", { name: "Driving test booking" }).click();
  await page.getByRole("heading", { level: 1, name: "Driving test booking" }).waitFor();
  await page.goBack();
  await heading.waitFor();
  await page.getByRole("link", { name: "All services" }).click();
  await page.getByRole("heading", { level: 1, name: "Government services" }).waitFor();

  await page.goto(`${server.url}/categories/no-such-category`);
  await page.getByRole("heading", { level: 1, name: "We could not find that category" }).waitFor();
  await expectNoAxeViolations(page, "unknown category");
  assert.deepEqual(errors, []);
  await context.close();
});

test("the home page at 360 px: search, categories and agencies fit, and touch targets are at least 44 px", async () => {
  const { context, page } = await phone(browser, { viewport: { width: 360, height: 640 } });
  const search = await home(page);
  await search.fill("passport");
  await page.getByRole("region", { name: /services found/ }).getByRole("link").first().waitFor();
  await expectNoHorizontalScroll(page, "home with results at 360");
  const heights = await page.evaluate(() =>
    [document.getElementById("service-search"), ...document.querySelectorAll("main a")].map((e) => [
      e.textContent.trim() || e.id,
      e.getBoundingClientRect().height,
    ]),
  );
  const small = heights.filter(([, height]) => height < 44);
  assert.deepEqual(small, [], "every link and the search box are at least 44 px tall");
  await context.close();
});

test("with the catalog loaded, search works with no network at all", async () => {
  const { context, page } = await phone(browser);
  const search = await home(page);
  await context.setOffline(true);
  try {
    await search.fill("passport");
    const names = await resultNames(page);
    assert.equal(names[0], "Kenyan passport (new or renewal)");
    await search.fill("kitambulisho");
    assert.match((await resultNames(page))[0], /National ID card/);
  } finally {
    await context.setOffline(false);
  }
  await context.close();
});
