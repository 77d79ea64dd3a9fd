// Starts the real njia-server on a free port with a fresh SQLite database and the built SPA.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const bin = process.env.NJIA_SERVER_BIN ?? "target/debug/njia-server";
const binDir = bin.includes("/") ? bin.slice(0, bin.lastIndexOf("/")) : "target/debug";
const mpesaBin = process.env.NJIA_MPESA_STANDIN_BIN ?? `${binDir}/mpesa-standin`;
const cardBin = process.env.NJIA_CARD_STANDIN_BIN ?? `${binDir}/card-standin`;
const spaDir = process.env.NJIA_SPA_DIR ?? "dist";

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url, child, deadlineMs) {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`njia-server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("njia-server did not become healthy in time");
}

/** Starts a stand-in binary on a free port and waits until it answers `path`. */
async function startStandIn(binary, env, path) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(binary, [], { env: { ...process.env, ...env(port, base) }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (d) => { output += d; });
  child.stderr.on("data", (d) => { output += d; });
  const until = Date.now() + 15_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`${binary} exited with ${child.exitCode}\n${output}`);
    try {
      await fetch(`${base}${path}`);
      return { base, child };
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`${binary} did not start\n${output}`);
}

/** The M-Pesa and card stand-ins, and the server settings that point at them (docs/PAYMENTS.md). */
async function startPaymentStandIns() {
  const mpesa = await startStandIn(mpesaBin, (port) => ({
    MPESA_STANDIN_PORT: String(port), MPESA_STANDIN_SHORTCODE: "222222",
    MPESA_STANDIN_CALLBACK_DELAY_MS: "1500",
  }), "/phone");
  const card = await startStandIn(cardBin, (port, base) => ({
    CARD_STANDIN_PORT: String(port), CARD_STANDIN_PUBLIC_URL: base,
  }), "/");
  return {
    mpesa: mpesa.base,
    card: card.base,
    children: [mpesa.child, card.child],
    env: {
      NJIA_MPESA_BASE_URL: mpesa.base, NJIA_MPESA_SHORTCODE: "222222",
      NJIA_MPESA_CONSUMER_KEY: "standin-key", NJIA_MPESA_CONSUMER_SECRET: "standin-secret",
      NJIA_MPESA_PASSKEY: "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919",
      NJIA_CARD_BASE_URL: card.base, NJIA_CARD_SECRET_KEY: "standin-card-key",
      NJIA_PAYMENT_CHECK_SECONDS: "2",
    },
  };
}

/**
 * A running server. `stop()` ends it; `start()` brings it back on the same port and database.
 * With `{ payments: true }` it pays through local M-Pesa and card stand-ins (`handle.mpesa`, `handle.card`).
 */
export async function startServer(options = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), "njia-e2e-"));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const standIns = options.payments ? await startPaymentStandIns() : null;
  let child = null;
  let output = "";
  const handle = {
    url,
    mpesa: standIns?.mpesa,
    card: standIns?.card,
    output: () => output,
    async start() {
      child = spawn(bin, ["serve"], {
        env: {
          ...process.env, ...(standIns?.env ?? {}), NJIA_PUBLIC_URL: url,
          NJIA_BIND: `127.0.0.1:${port}`, NJIA_DATA_DIR: dataDir, NJIA_SPA_DIR: spaDir, DATABASE_URL: "",
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      child.stdout.on("data", (d) => { output += d; });
      child.stderr.on("data", (d) => { output += d; });
      try {
        await waitForHealth(url, child, 30_000);
      } catch (e) {
        throw new Error(`${e.message}\n--- njia-server output ---\n${output}`);
      }
    },
    /** SIGTERM, as a service manager sends it: the server must finish in-flight work and exit cleanly. */
    async stop() {
      if (!child || child.exitCode !== null) return;
      const exited = new Promise((r) => child.once("exit", (code, signal) => r({ code, signal })));
      child.kill("SIGTERM");
      const { code, signal } = await exited;
      if (code !== 0) throw new Error(`njia-server did not shut down cleanly (code ${code}, signal ${signal})\n${output}`);
    },
    /** The data folder (database, documents) of this server. */
    dataDir,
    /** Runs a one-off command (`seed`, `create-staff …`) against this server's database; resolves with its output. */
    run(args, env = {}) {
      return new Promise((resolve, reject) => {
        const command = spawn(bin, args, {
          env: { ...process.env, ...env, NJIA_DATA_DIR: dataDir, DATABASE_URL: "" },
          stdio: ["ignore", "pipe", "pipe"],
        });
        let text = "";
        command.stdout.on("data", (d) => { text += d; });
        command.stderr.on("data", (d) => { text += d; });
        command.once("error", reject);
        command.once("exit", (code) => (code === 0 ? resolve(text) : reject(new Error(`njia-server ${args[0]} exited with ${code}\n${text}`))));
      });
    },
    async dispose() {
      await handle.stop();
      for (const standIn of standIns?.children ?? []) standIn.kill("SIGTERM");
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  await handle.start();
  return handle;
}
