// Starts a real Buurtplein server for the browser tests: a fresh SQLite database filled by
// `buurtplein --database … demo`, then `buurtplein --database … serve --port 0`. The binary defaults to
// build/release/buurtplein; set BUURTPLEIN_BIN to use another one.
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

const LISTENING = /listening on (http:\/\/\S+)/;

function binary() {
  const bin = process.env.BUURTPLEIN_BIN
    ? resolve(process.env.BUURTPLEIN_BIN)
    : join(repoRoot, 'build/release/buurtplein');
  if (!existsSync(bin)) {
    throw new Error(`No server binary at ${bin}: build it first (make), or set BUURTPLEIN_BIN.`);
  }
  return bin;
}

/** A TCP port on 127.0.0.1 that was free a moment ago (for settings that must name the port). */
export function freePort() {
  return new Promise((res, rej) => {
    const probe = createServer();
    probe.once('error', rej);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => res(port));
    });
  });
}

/**
 * Options: `env` (extra environment variables, e.g. BUURTPLEIN_MAIL_TRANSPORT), `serveArgs`
 * (extra `serve` flags, e.g. ['--dev']), `port` (default 0: any free port). The data
 * directory (uploads, mail files) is the test's own temporary directory.
 * Returns { baseUrl, stop, output }. `stop()` sends SIGTERM and resolves with
 * { code, signal, forced } once the process has exited (SIGKILL after `stopTimeoutMs`).
 */
export async function startServer({
  startTimeoutMs = 30_000, stopTimeoutMs = 10_000, env = {}, serveArgs = [], port = 0,
} = {}) {
  const bin = binary();
  const dir = mkdtempSync(join(tmpdir(), 'buurtplein-e2e-'));
  const database = `sqlite://${join(dir, 'e2e.db')}`;

  // --database is a global option: it goes before the sub-command (CLI11).
  const childEnv = { ...process.env, BUURTPLEIN_DATA_DIR: dir, ...env };
  const demo = spawnSync(bin, ['--database', database, 'demo'], {
    cwd: repoRoot, env: childEnv, encoding: 'utf8', timeout: 120_000,
  });
  if (demo.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`\`buurtplein demo\` exited with ${demo.status ?? demo.signal ?? demo.error}\n` +
      `stdout:\n${demo.stdout}\nstderr:\n${demo.stderr}`);
  }

  const child = spawn(bin, ['--database', database, 'serve', '--port', String(port), ...serveArgs], {
    cwd: repoRoot, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const output = () => `stdout:\n${stdout}\nstderr:\n${stderr}`;
  const exited = new Promise((res) => child.once('exit', (code, signal) => res({ code, signal })));

  let baseUrl;
  try {
    baseUrl = await new Promise((res, rej) => {
      const timer = setTimeout(() => {
        const hint = LISTENING.test(stderr) ? ' (it was printed on stderr, the tests read stdout)' : '';
        rej(new Error(`No "listening on http://..." line on stdout within ${startTimeoutMs} ms${hint}\n${output()}`));
      }, startTimeoutMs);
      child.stdout.setEncoding('utf8');
      child.stderr.setEncoding('utf8');
      child.stdout.on('data', (chunk) => {
        stdout += chunk;
        const m = LISTENING.exec(stdout);
        if (m) { clearTimeout(timer); res(m[1].replace(/\/+$/, '')); }
      });
      child.stderr.on('data', (chunk) => { stderr += chunk; });
      child.once('error', (e) => { clearTimeout(timer); rej(e); });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        rej(new Error(`\`buurtplein serve\` exited early (${code ?? signal})\n${output()}`));
      });
    });
  } catch (e) {
    child.kill('SIGKILL');
    await exited;
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }

  let stopped;
  const stop = () => {
    stopped ??= (async () => {
      let forced = false;
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = new Promise((res) => setTimeout(() => res('timeout'), stopTimeoutMs));
        if ((await Promise.race([exited, timer])) === 'timeout') {
          forced = true;
          child.kill('SIGKILL');
        }
      }
      const result = { ...(await exited), forced };
      rmSync(dir, { recursive: true, force: true });
      return result;
    })();
    return stopped;
  };

  return { baseUrl, stop, output };
}
