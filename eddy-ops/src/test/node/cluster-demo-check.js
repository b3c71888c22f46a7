#!/usr/bin/env node
// Checks conformance/bin/cluster-demo as issue 8 describes it, with Node's own HTTP client as the
// load: usage: node cluster-demo-check.js [path/to/cluster-demo]
// The load: 8 clients on keep-alive connections and 2 opening a connection per request.
// 1. start with 2 workers: 2 "fork" and 2 "online" lines, GET / answers {"worker": <a worker pid>}
// 2. SIGKILL one worker under load: "exit <pid> SIGKILL", a replacement forks and serves; requests
//    failed only for clients the killed worker was serving
// 3. SIGHUP under load: every worker replaced one at a time, none of the old pids left, 0 failed
// 4. SIGTERM: the primary exits 0 and every worker exits
// Prints "N passed, M failed"; exit code 1 if any failed. Bounded: about a minute.
'use strict';
const { spawn, execFileSync } = require('child_process');
const http = require('http');
const net = require('net');
const path = require('path');

const demo = process.argv[2] || path.join(__dirname, '../../../../conformance/bin/cluster-demo');
let passed = 0, failed = 0;
function check(name, ok, detail) {
  if (ok) { passed++; console.log(`ok   ${name}`); }
  else { failed++; console.log(`FAIL ${name}${detail ? ': ' + detail : ''}`); }
}

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const port = await freePort();
  const child = spawn(demo, [String(port), '2'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = [];
  let waiters = [];
  let buf = '';
  child.stdout.on('data', (d) => {
    buf += d;
    let i;
    while ((i = buf.indexOf('\n')) >= 0) {
      lines.push(buf.slice(0, i));
      buf = buf.slice(i + 1);
    }
    waiters = waiters.filter((w) => !w());
  });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  function waitFor(pred, n, from = 0, ms = 60000) {
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`timed out; lines: ${JSON.stringify(lines)}`)), ms);
      const test = () => {
        const got = lines.slice(from).filter(pred);
        if (got.length >= n) { clearTimeout(t); resolve(got.slice(0, n)); return true; }
        return false;
      };
      if (!test()) waiters.push(test);
    });
  }

  try {
    const online = await waitFor((l) => l.startsWith('online '), 2);
    const forks = lines.filter((l) => l.startsWith('fork '));
    check('two workers fork and come online', forks.length === 2 && online.length === 2, JSON.stringify(lines));
    let pids = online.map((l) => Number(l.split(' ')[1]));

    // a load of keep-alive clients; each remembers the worker that answered it last
    const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
    const perRequest = new http.Agent({ keepAlive: false }); // a new connection for each request
    let stop = false, ok = 0;
    const failures = [];
    const seen = [];
    // the worker that answered last on each socket (the agent hands any free socket to a request)
    const socketWorker = new WeakMap();
    async function client(id, via) {
      while (!stop) {
        let socket = null;
        try {
          const worker = await new Promise((resolve, reject) => {
            const req = http.get({ host: '127.0.0.1', port, path: '/', agent: via }, (res) => {
              let body = '';
              res.setEncoding('utf8');
              res.on('data', (c) => (body += c));
              res.on('end', () => {
                try {
                  const w = JSON.parse(body).worker;
                  if (socket) socketWorker.set(socket, w);
                  resolve(w);
                } catch (e) { reject(e); }
              });
              res.on('error', reject);
            });
            req.on('socket', (s) => { socket = s; });
            req.on('error', reject);
            req.setTimeout(10000, () => req.destroy(new Error('timeout')));
          });
          ok++;
          seen.push(worker);
        } catch (e) {
          failures.push({ id, worker: (socket && socketWorker.get(socket)) || 0, at: Date.now(), error: e.code || e.message });
          await sleep(5);
        }
      }
    }
    // wait until every worker has listened (it answers)
    const start = Date.now();
    while (Date.now() - start < 30000) {
      try {
        await new Promise((resolve, reject) => http.get({ host: '127.0.0.1', port, path: '/' }, (r) => { r.resume(); r.on('end', resolve); }).on('error', reject));
        break;
      } catch (e) { await sleep(100); }
    }
    const clients = [];
    for (let i = 0; i < 8; i++) clients.push(client(i, agent));
    for (let i = 8; i < 10; i++) clients.push(client(i, perRequest));
    while (ok < 300) await sleep(10);
    const firstAnswer = seen[0];
    check('GET / answers {"worker": <pid of a worker>}', pids.includes(firstAnswer), `${firstAnswer} not in ${pids}`);

    // SIGKILL one worker
    const victim = pids[0];
    let mark = lines.length;
    const killedAt = Date.now();
    process.kill(victim, 'SIGKILL');
    const exitLine = await waitFor((l) => l.startsWith(`exit ${victim} `), 1, mark);
    check('a killed worker is reported', exitLine[0] === `exit ${victim} SIGKILL`, exitLine[0]);
    const reonline = await waitFor((l) => l.startsWith('online '), 1, mark);
    const replacement = Number(reonline[0].split(' ')[1]);
    let before = ok;
    while (ok < before + 300) await sleep(10);
    // a failure on a socket the victim served, or on a new connection made while the kernel was
    // still tearing down the victim's listening socket (its accept queue resets)
    const badKill = failures.filter((f) => f.worker !== victim && !(f.worker === 0 && f.at - killedAt < 2000));
    check('requests failed only on the killed worker\'s connections', badKill.length === 0,
      JSON.stringify(failures));
    console.log(`     (SIGKILL: ${failures.length} failed requests, ${ok} answered)`);
    pids = [pids[1], replacement];

    // SIGHUP: rolling restart under load
    failures.length = 0;
    mark = lines.length;
    child.kill('SIGHUP');
    const exits = await waitFor((l) => l.startsWith('exit '), 2, mark);
    const onl = await waitFor((l) => l.startsWith('online '), 2, mark);
    const fresh = onl.map((l) => Number(l.split(' ')[1]));
    check('SIGHUP replaces every worker', pids.every((p) => exits.some((e) => e.startsWith(`exit ${p} `))), JSON.stringify(exits));
    before = ok;
    const seenFrom = seen.length;
    while (ok < before + 300) await sleep(10);
    const after = new Set(seen.slice(seenFrom));
    check('no old pid answers after the reload', [...after].every((p) => fresh.includes(p)), `${[...after]} vs new ${fresh}`);
    check('0 failed requests during the rolling restart', failures.length === 0, JSON.stringify(failures));
    console.log(`     (SIGHUP: ${failures.length} failed requests, ${ok} answered)`);
    stop = true;
    await Promise.all(clients);
    agent.destroy();

    // SIGTERM: graceful exit 0
    mark = lines.length;
    child.kill('SIGTERM');
    const end = await Promise.race([exited, sleep(40000).then(() => null)]);
    check('SIGTERM: the primary exits 0', end && end.code === 0, JSON.stringify(end));
    const lastExits = lines.slice(mark).filter((l) => l.startsWith('exit '));
    check('SIGTERM: every worker exits', fresh.every((p) => lastExits.some((e) => e.startsWith(`exit ${p} `))), JSON.stringify(lastExits));
    const alive = fresh.filter((p) => { try { process.kill(p, 0); return true; } catch (e) { return false; } });
    check('SIGTERM: no worker process is left', alive.length === 0, JSON.stringify(alive));
  } catch (e) {
    check('the run completes', false, e.message);
  } finally {
    try { child.kill('SIGKILL'); } catch (e) { /* gone */ }
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}
main();
