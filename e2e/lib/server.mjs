// Starts and stops an `askaf serve` process for the browser tests.
//
// The server is started on port 0 with a fresh temporary data directory; the
// port it picked is read from the one line it prints once it accepts
// connections: `listening on http://127.0.0.1:PORT`. Accounts asked for with
// `users` are created in that directory with `askaf user add` first.

import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

const LISTENING = /listening on (http:\/\/[^\s]+)/;

/**
 * Runs `askaf user add NAME --role ROLE --data DIR`, the password on the first
 * line of stdin, as an operator would; rejects with its output if it fails.
 *
 * @param {string} bin
 * @param {string} dataDir
 * @param {{name: string, role: string, password: string}} user
 * @param {number} timeoutMs
 */
function addUser(bin, dataDir, { name, role, password }, timeoutMs) {
  const args = ['user', 'add', name, '--role', role, '--data', dataDir];
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { RUST_LOG: 'warn', ...process.env },
    });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`askaf ${args.join(' ')} did not finish within ${timeoutMs} ms\n${out}`));
    }, timeoutMs);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`could not start ${bin}: ${err.message}`));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`askaf ${args.join(' ')} failed (code ${code}, signal ${signal}):\n${out}`));
    });
    child.stdin.end(`${password}\n`);
  });
}

/**
 * @param {object} opts
 * @param {string} opts.bin path of the askaf binary
 * @param {string[]} [opts.extraArgs] extra arguments after `serve ...`
 * @param {{name: string, role: string, password: string}[]} [opts.users]
 *   accounts to create (`askaf user add`) in the data directory before serving
 * @param {number} [opts.timeoutMs] how long to wait for the listening line
 * @param {string} [opts.dataDir] a data directory to serve again (one a
 *   server `kill`ed or stopped with `keepData` left), its accounts as they
 *   are; removed by `stop`
 * @returns {Promise<{baseUrl: string, dataDir: string, stop: (opts?: {keepData?: boolean}) => Promise<void>, kill: () => Promise<void>, output: () => string}>}
 */
export async function startServer({ bin, extraArgs = [], users = [], prepare, timeoutMs = 60_000, dataDir: again }) {
  const dataDir = again ?? (await mkdtemp(path.join(tmpdir(), 'askaf-e2e-')));
  try {
    for (const user of users) await addUser(bin, dataDir, user, timeoutMs);
    // What an older version left in the data directory, put there before the start.
    if (prepare) await prepare(dataDir);
  } catch (err) {
    await rm(dataDir, { recursive: true, force: true });
    throw err;
  }
  const args = ['serve', '--addr', '127.0.0.1:0', '--data', dataDir, ...extraArgs];
  const child = spawn(bin, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { RUST_LOG: 'warn', ...process.env },
  });

  let stdout = '';
  let stderr = '';
  const output = () =>
    `--- askaf stdout ---\n${stdout.slice(-4000)}\n--- askaf stderr ---\n${stderr.slice(-4000)}`;

  let exited = false;
  const exitPromise = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      exited = true;
      resolve({ code, signal });
    });
  });

  const baseUrl = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`askaf did not print "listening on http://..." within ${timeoutMs} ms\n${output()}`));
    }, timeoutMs);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`could not start ${bin}: ${err.message}`));
    });
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const m = LISTENING.exec(stdout);
      if (m) {
        clearTimeout(timer);
        resolve(m[1].replace(/\/+$/, ''));
      }
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    exitPromise.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`askaf exited (code ${code}, signal ${signal}) before listening: ${bin} ${args.join(' ')}\n${output()}`));
    });
  });

  // With `keepData`, its data directory is left for a server started on
  // it again (with other settings), as an operator restarts one.
  const stop = async ({ keepData = false } = {}) => {
    if (!exited) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => {
        if (!exited) child.kill('SIGKILL');
      }, 5_000);
      await exitPromise;
      clearTimeout(killer);
    }
    if (!keepData) await rm(dataDir, { recursive: true, force: true });
  };

  // Killed as a machine stops (SIGKILL, nothing finished), its data
  // directory left for a server started on it again.
  const kill = async () => {
    if (!exited) {
      child.kill('SIGKILL');
      await exitPromise;
    }
  };

  return { baseUrl, dataDir, stop, kill, output };
}
