// The API as a test harness uses it: JSON calls with the CSRF header, codes from the development outbox,
// and signing in through the API to hand a session to a browser.
import assert from "node:assert/strict";

export const DEMO_PASSWORD = "Chai-na-Mandazi-2026"; // crates/server/src/demo.rs
export const SIGN_IN_SMS = /sign-in code/;

/** Helpers bound to one running server. */
export function apiOf(server) {
  /** A call with the CSRF header the server asks of every state-changing request; JSON unless `raw`. */
  async function call(path, { method = "GET", body, cookie, headers: extra = {}, raw } = {}) {
    const headers = { accept: "application/json", ...extra };
    if (method !== "GET") headers["x-njia-csrf"] = "1";
    if (body !== undefined && !raw) headers["content-type"] = "application/json";
    if (cookie) headers.cookie = cookie;
    const res = await fetch(`${server.url}${path}`, {
      method, headers, body: body === undefined ? undefined : raw ? body : JSON.stringify(body),
    });
    const text = await res.text();
    const setCookie = res.headers.get("set-cookie");
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch { json = { text }; }
    return { status: res.status, json, cookie: setCookie ? setCookie.split(";")[0] : cookie };
  }

  /** Every message sent to `to` whose body matches `about`, newest first, from the development outbox. */
  async function messagesTo(to, about) {
    const { json } = await call("/api/dev/outbox");
    return json.items.filter((m) => m.to === to && about.test(m.body));
  }

  /** The newest code sent to `to` whose message matches `about`. */
  async function codeFor(to, about) {
    const [message] = await messagesTo(to, about);
    assert.ok(message, `a message to ${to} about ${about}`);
    const code = (message.body.match(/#(\d{6})/) ?? message.body.match(/\b(\d{6})\b/))?.[1];
    assert.ok(code, `a code in ${message.body}`);
    return code;
  }

  /** Signs a person in (password, then an SMS code); returns the session cookie. */
  async function signIn(person, password = DEMO_PASSWORD) {
    const started = await call("/api/auth/sign-in", { method: "POST", body: { identifier: person.email, password } });
    assert.equal(started.json.next, "choose_channel", JSON.stringify(started.json));
    const sent = await call("/api/auth/sign-in/code", { method: "POST", body: { challenge: started.json.challenge, channel: "sms" } });
    assert.equal(sent.status, 200, JSON.stringify(sent.json));
    const code = await codeFor(person.phone, SIGN_IN_SMS);
    const verified = await call("/api/auth/sign-in/verify", { method: "POST", body: { challenge: started.json.challenge, code } });
    assert.equal(verified.status, 200, JSON.stringify(verified.json));
    return verified.cookie;
  }

  /** Hands a session cookie to a browser context. */
  async function giveSession(context, cookie) {
    const [name, value] = cookie.split("=");
    await context.addCookies([{ name, value, url: server.url }]);
  }

  return { call, messagesTo, codeFor, signIn, giveSession };
}
