// Starts the real njia-server on a free port with a fresh SQLite database and the built SPA.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const bin = process.env.NJIA_SERVER_BIN ?? "target/debug/njia-server";
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

/** A running server. `stop()` ends it; `start()` brings it back on the same port and database. */
export async function startServer() {
  const dataDir = mkdtempSync(join(tmpdir(), "njia-e2e-"));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let child = null;
  let output = "";
  const handle = {
    url,
    output: () => output,
    async start() {
      child = spawn(bin, ["serve"], {
        env: { ...process.env, NJIA_BIND: `127.0.0.1:${port}`, NJIA_DATA_DIR: dataDir, NJIA_SPA_DIR: spaDir, DATABASE_URL: "" },
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
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  await handle.start();
  return handle;
}
