// Debian's Chromium, headless, on a phone-sized viewport, with axe-core for accessibility checks.
import { chromium } from "playwright-core";
import { AxeBuilder } from "@axe-core/playwright";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// Flags that keep Chromium from reaching for the internet this machine cannot reach (TOOLCHAIN.md).
const ARGS = [
  "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync",
];

export const PHONE = { width: 390, height: 844 };

const EXECUTABLE = process.env.CHROMIUM ?? "/usr/bin/chromium";
const PHONE_CONTEXT = { viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: "en-KE" };

export async function launch() {
  return chromium.launch({ executablePath: EXECUTABLE, headless: true, args: ARGS });
}

/** A fresh profile (no cache, no service worker) with a phone's viewport and touch. */
export async function phone(browser, options = {}) {
  const context = await browser.newContext({ ...PHONE_CONTEXT, ...options });
  return watch(context, await context.newPage());
}

/**
 * A phone on a real, on-disk profile in a new temporary folder: Chromium treats the in-memory profiles of
 * `phone()` as incognito, where it never offers to install an app. `close()` removes the folder.
 */
export async function persistentPhone() {
  const dir = mkdtempSync(join(tmpdir(), "njia-profile-"));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: EXECUTABLE, headless: true, args: ARGS, ...PHONE_CONTEXT,
  });
  const watched = watch(context, context.pages()[0] ?? (await context.newPage()));
  return { ...watched, close: async () => { await context.close(); rmSync(dir, { recursive: true, force: true }); } };
}

function watch(context, page) {
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  return { context, page, errors };
}

/** Fails with the rule ids and the elements when axe-core finds any violation (WCAG 2.1 A and AA). */
export async function expectNoAxeViolations(page, label) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  assert.deepEqual(summary, [], `axe violations on ${label}`);
}

/** Nothing may be wider than the phone: horizontal scrolling is a failure on a 360 px screen. */
export async function expectNoHorizontalScroll(page, label) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `${label} scrolls sideways by ${overflow}px`);
}
