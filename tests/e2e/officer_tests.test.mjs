// An NTSA examiner's driving tests at 360×640: Amina (a learner with a provisional licence for B1) has a paid
// test at the Nairobi Likoni Road unit earlier today; Grace, the demo NTSA officer, opens "Driving tests" from
// the back office, chooses the centre and the day (kept in the URL), sees the test with only the end of
// Amina's ID number, records "Passed" after the confirmation step, and sees the status change. A result
// recorded meanwhile elsewhere is refused and the list shows where the test stands. The page in Kiswahili. An
// officer of another agency has no driving tests. Axe-clean pages, no sideways scrolling.
//
// The server has no clock to move, and tests can only be booked in the future: the booked test's slot is moved
// to earlier today in the database (with Python's sqlite3, which the build needs anyway), as an examiner's day
// would have it once the test time has come.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { startServer } from "./support/server.mjs";
import { apiOf } from "./support/api.mjs";
import { expectNoAxeViolations, expectNoHorizontalScroll, launch, phone } from "./support/browser.mjs";

let server;
let browser;
let api;
/** Session cookies, each person signed in once (a second code within a minute is refused). */
const sessions = {};

const AMINA = { email: "amina.hassan@demo.njia.ke", phone: "+254712000103", name: "Amina Hassan", id: "45678901" };
const GRACE = { email: "grace.wambui@ntsa.demo.njia.ke", phone: "+254722000201" }; // the demo NTSA officer
const FAITH = { email: "faith.njoroge@nrb.demo.njia.ke", phone: "+254722000202" }; // the demo NRB officer
const NAIROBI = { id: "0ca8ea4d-3643-413e-9156-cdb2c065bebc", name: "Driving Test Unit, Nairobi Likoni Road" };
const SMALL_PHONE = { viewport: { width: 360, height: 640 } };
const EAT_MS = 3 * 3_600_000;
const DAY_MS = 86_400_000;

before(async () => {
  server = await startServer({ payments: true });
  browser = await launch();
  api = apiOf(server);
  await server.run(["seed"]);
  for (const [name, person] of Object.entries({ AMINA, GRACE, FAITH })) sessions[name] = await api.signIn(person);
});

after(async () => {
  await browser?.close();
  await server?.dispose();
});

const heading = (page, name) => page.getByRole("heading", { level: 1, name });

/** Console errors other than the browser's note of a 4xx answer, which a refused result is. */
const unexpected = (errors) => errors.filter((e) => !/Failed to load resource: the server responded with a status of 4\d\d/.test(e));

async function checkPage(page, label) {
  await expectNoAxeViolations(page, label);
  await expectNoHorizontalScroll(page, label);
}

/** A moment as a day and a time in Kenya: `{ date: "2026-12-12", time: "09:00" }`. */
function kenya(ms) {
  const iso = new Date(ms + EAT_MS).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

/** Amina books the first free B1 slot at Nairobi and pays by M-Pesa; resolves with the booked test. */
async function bookAndPay() {
  const cookie = sessions.AMINA;
  const slots = (await api.call(`/api/ntsa/test-slots?centre=${NAIROBI.id}&class=B1`, { cookie })).json.items;
  assert.ok(slots.length > 0, "the demo has test slots at Nairobi");
  const booked = await api.call("/api/ntsa/test-bookings", {
    method: "POST", body: { slot_id: slots[0].id, class: "B1" }, cookie, headers: { "idempotency-key": randomUUID() },
  });
  assert.equal(booked.status, 201, JSON.stringify(booked.json));
  const booking = booked.json;
  const invoice = (await api.call(`/api/applications/${booking.application_id}/invoice`, { cookie })).json;
  const started = await api.call(`/api/invoices/${invoice.id}/mpesa`, {
    method: "POST", body: { phone: "0712345000" }, cookie, headers: { "idempotency-key": randomUUID() },
  });
  assert.ok([200, 202].includes(started.status), JSON.stringify(started.json));
  const until = Date.now() + 30_000;
  while ((await api.call(`/api/payments/${started.json.id}`, { cookie })).json.status !== "paid") {
    assert.ok(Date.now() < until, "the M-Pesa stand-in pays within 30 s");
    await new Promise((r) => setTimeout(r, 250));
  }
  const mine = (await api.call("/api/ntsa/test-bookings", { cookie })).json.items;
  assert.equal(mine.find((b) => b.id === booking.id).status, "booked");
  const reference = (await api.call(`/api/applications/${booking.application_id}`, { cookie })).json.reference;
  return { ...booking, reference };
}

/**
 * Moves a slot to `minutesAgo` (under 60) before now, on the minute; just after midnight in Kenya, to a few
 * seconds after it instead (fewer for longer ago), so the slot is today's, has begun, and keeps its own time.
 */
function moveSlotToEarlierToday(slotId, minutesAgo) {
  const now = Date.now();
  const midnight = Math.floor((now + EAT_MS) / DAY_MS) * DAY_MS - EAT_MS;
  const startsAt = Math.max(midnight + (60 - minutesAgo) * 1000, Math.floor((now - minutesAgo * 60_000) / 60_000) * 60_000);
  const script = [
    "import sqlite3, sys",
    "db = sqlite3.connect(sys.argv[1], timeout=30)",
    "changed = db.execute('UPDATE test_slots SET starts_at = ? WHERE id = ?', (int(sys.argv[2]), sys.argv[3])).rowcount",
    "db.commit()",
    "sys.exit(0 if changed == 1 else 1)",
  ].join("\n");
  const moved = spawnSync("python3", ["-c", script, join(server.dataDir, "njia.db"), String(startsAt), slotId], { encoding: "utf8" });
  assert.equal(moved.status, 0, `moving the slot: ${moved.stderr}`);
  return kenya(startsAt);
}

/** The card of the test whose heading names `who`. */
const card = (page, who) => page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 3, name: new RegExp(who) }) });

test("an examiner records a pass after confirming it, and a result recorded meanwhile is refused", async () => {
  const first = await bookAndPay();
  const when = moveSlotToEarlierToday(first.slot.id, 20);

  const { context, page, errors } = await phone(browser, SMALL_PHONE);
  await api.giveSession(context, sessions.GRACE);
  await page.goto(`${server.url}/officer`);
  const nav = page.getByRole("navigation", { name: "Back office" });
  await nav.getByRole("link", { name: "Driving tests" }).click();
  await heading(page, "Driving tests").waitFor();
  assert.equal(new URL(page.url()).pathname, "/officer/tests");
  assert.equal(await nav.getByRole("link", { name: "Driving tests" }).getAttribute("aria-current"), "page");
  // Without a choice: the first centre by name, today in Kenya.
  const centre = page.getByRole("combobox", { name: "Driving Test Unit" });
  await page.getByRole("heading", { level: 2, name: /^Driving Test Unit, Kisumu, / }).waitFor();
  assert.deepEqual(await centre.locator("option").allTextContents(), [
    "Driving Test Unit, Kisumu", "Driving Test Unit, Mombasa", NAIROBI.name,
  ]);
  assert.equal(await page.getByLabel("Day").inputValue(), kenya(Date.now()).date);
  await page.getByText("No driving tests are booked at this centre on this day.").waitFor();
  await checkPage(page, "the examiner's empty day");

  // The centre and day are a GET form: the URL keeps them.
  await centre.selectOption({ label: NAIROBI.name });
  await page.getByLabel("Day").fill(when.date);
  await page.getByRole("button", { name: "Show tests" }).click();
  await page.getByText("1 test, by time.").waitFor();
  const url = new URL(page.url());
  assert.deepEqual([url.searchParams.get("centre"), url.searchParams.get("date")], [NAIROBI.id, when.date]);
  await page.reload();
  await page.getByText("1 test, by time.").waitFor();
  assert.equal(await centre.inputValue(), NAIROBI.id);

  const amina = card(page, AMINA.name);
  await amina.getByRole("heading", { level: 3, name: `${when.time} — ${AMINA.name}` }).waitFor();
  await amina.getByText("Booked", { exact: true }).waitFor();
  await amina.getByText(first.reference).waitFor();
  await amina.getByText(AMINA.id.slice(-4), { exact: true }).waitFor();
  assert.ok(!(await page.locator("main").textContent()).includes(AMINA.id), "never the whole ID number");
  const passed = amina.getByRole("button", { name: `Passed (${AMINA.name}, class B1)`, exact: true });
  assert.ok((await passed.boundingBox()).height >= 44, "the result buttons are 44 px touch targets");
  await checkPage(page, "the examiner's day with a test to record");

  // "Not passed", then "Cancel": nothing is sent, and focus goes back to the button.
  await amina.getByRole("button", { name: `Not passed (${AMINA.name}, class B1)` }).click();
  const notPassedQuestion = `Record that ${AMINA.name} did not pass class B1?`;
  await page.getByRole("heading", { name: notPassedQuestion }).waitFor();
  await amina.getByRole("button", { name: "Cancel" }).click();
  await page.waitForFunction(() => document.activeElement?.id?.startsWith("fail-"));

  // "Passed", confirmed.
  await passed.click();
  const confirm = page.getByRole("group", { name: `Record that ${AMINA.name} passed class B1?` });
  await confirm.waitFor();
  await page.waitForFunction(() => document.activeElement?.id?.startsWith("confirm-"));
  await confirm.getByText("A result cannot be changed once it is recorded.", { exact: false }).waitFor();
  await checkPage(page, "confirming a pass");
  await confirm.getByRole("button", { name: "Confirm" }).click();
  await page.getByRole("status").filter({ hasText: `Recorded: ${AMINA.name} passed class B1. They have been told by SMS.` }).waitFor();
  await page.waitForFunction(() => document.activeElement?.id === "result-said");
  await amina.getByText("Passed", { exact: true }).waitFor();
  assert.equal(await amina.getByRole("button").count(), 0, "a recorded result cannot be recorded again");
  const mine = (await api.call("/api/ntsa/test-bookings", { cookie: sessions.AMINA })).json.items;
  assert.equal(mine.find((b) => b.id === first.id).status, "passed");
  await checkPage(page, "the examiner's day after a pass");

  // A second test; its result is recorded elsewhere while the examiner is confirming here.
  const second = await bookAndPay();
  moveSlotToEarlierToday(second.slot.id, 10);
  await page.reload();
  await page.getByText("2 tests, by time.").waitFor();
  const later = page.getByRole("listitem").filter({ hasText: second.reference });
  await later.getByRole("button", { name: `Not passed (${AMINA.name}, class B1)` }).click();
  await page.getByRole("heading", { name: notPassedQuestion }).waitFor();
  const elsewhere = await api.call(`/api/officer/test-bookings/${second.id}/result`, {
    method: "POST", body: { passed: true }, cookie: sessions.GRACE,
  });
  assert.equal(elsewhere.status, 200, JSON.stringify(elsewhere.json));
  await later.getByRole("button", { name: "Confirm" }).click();
  await page.getByRole("alert").filter({ hasText: "This result could not be recorded" }).waitFor();
  await page.waitForFunction(() => document.activeElement?.id === "result-said");
  await page.getByRole("listitem").filter({ hasText: second.reference }).getByText("Passed", { exact: true }).waitFor();
  await checkPage(page, "a result refused");

  // In Kiswahili.
  await page.getByRole("button", { name: "Badilisha lugha kuwa Kiswahili" }).click();
  await heading(page, "Mitihani ya udereva").waitFor();
  await page.getByText("Mitihani 2, kwa mpangilio wa saa.").waitFor();
  await page.getByLabel("Siku").waitFor();
  await page.getByRole("button", { name: "Onyesha mitihani" }).waitFor();
  await card(page, AMINA.name).first().getByText("Amefaulu", { exact: true }).waitFor();
  await page.getByRole("navigation", { name: "Ofisi ya maafisa" }).getByRole("link", { name: "Mitihani ya udereva" }).waitFor();
  await checkPage(page, "the examiner's day in Kiswahili");

  assert.deepEqual(unexpected(errors), []);
  await context.close();
});

test("an officer of another agency has no driving tests", async () => {
  const { context, page, errors } = await phone(browser, SMALL_PHONE);
  await api.giveSession(context, sessions.FAITH);
  await page.goto(`${server.url}/officer`);
  await page.getByRole("heading", { level: 1 }).waitFor();
  assert.equal(await page.getByRole("link", { name: "Driving tests" }).count(), 0, "no link for an NRB officer");
  await page.goto(`${server.url}/officer/tests`);
  await heading(page, "Driving tests").waitFor();
  await page.getByText("Driving test results are recorded by NTSA examiners.", { exact: false }).waitFor();
  assert.equal((await api.call("/api/officer/test-bookings", { cookie: sessions.FAITH })).status, 404, "and the API agrees");
  await checkPage(page, "another agency's officer");
  assert.deepEqual(unexpected(errors), []);
  await context.close();
});
