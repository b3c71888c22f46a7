// The seed's JWT example (Q17) in Express 5 + jsonwebtoken 9, asked ~45 token cases over raw
// HTTP. Writes the Express answers to
// eddy-security/src/test/resources/dev/eddy/security/jwt-auth-demo.json (JwtAuthDemoFixtureTest
// replays them against Eddy's Jwt.authenticate) and, given an Eddy auth-demo, compares it live.
//
// Regenerate the fixture from the repository root:
//   (flock /tmp/npm.lock npm install --prefix /tmp/jwt-ref jsonwebtoken@9 express@5)
//   NODE_PATH=/tmp/jwt-ref/node_modules node eddy-security/src/test/node/jwt-auth-demo.js
// Compare with a running Eddy auth-demo (started with the fixture's secret):
//   JWT_SECRET="$(node -p 'require("./eddy-security/src/test/resources/dev/eddy/security/jwt-auth-demo.json").secret')" \
//     conformance/bin/auth-demo 3457 &
//   NODE_PATH=/tmp/jwt-ref/node_modules node eddy-security/src/test/node/jwt-auth-demo.js --eddy 3457
// or let the script start it (on a free port, with the secret) and stop it after:
//   NODE_PATH=/tmp/jwt-ref/node_modules node eddy-security/src/test/node/jwt-auth-demo.js --start conformance/bin/auth-demo
// Tokens expire in 2100 (or expired in 2001), so the fixture stays valid.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const net = require('net');
const path = require('path');
const express = require('express');
const jwt = require('jsonwebtoken');

const SECRET = 'auth-demo-fixture-secret-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEF'; // 70 bytes
process.env.JWT_SECRET = SECRET;

// ---- the seed's example, as an Express developer writes it
function authenticate(req, res, next) {
  const authHeader = req.headers.authorization;
  if (!authHeader || !authHeader.startsWith('Bearer ')) {
    return res.status(401).json({ error: 'No token provided' });
  }
  const token = authHeader.split(' ')[1];
  try {
    req.user = jwt.verify(token, process.env.JWT_SECRET);
    next();
  } catch (err) {
    if (err.name === 'TokenExpiredError') {
      return res.status(401).json({ error: 'Token expired' });
    }
    return res.status(401).json({ error: 'Invalid token' });
  }
}
const app = express();
app.get('/api/profile', authenticate, (req, res) => {
  res.json({ user: req.user });
});

// ---- tokens
const FUTURE = 4102444800; // 2100-01-01
const PAST = 1000000000; // 2001-09-09
const IAT = 1700000000;
const b64 = (x) => Buffer.from(x).toString('base64url');
const sign = (payload, options = {}) => jwt.sign({ iat: IAT, ...payload }, SECRET, options);
const user = { sub: '42', name: 'Ada', role: 'admin' };
const valid = sign({ ...user, exp: FUTURE });
const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const rsaPem = rsa.publicKey.export({ type: 'spki', format: 'pem' });
function raw(header, payload, key, alg = 'sha256') {
  const input = b64(JSON.stringify(header)) + '.' + b64(typeof payload === 'string' ? payload : JSON.stringify(payload));
  return input + '.' + (key ? crypto.createHmac(alg, key).update(input).digest('base64url') : '');
}
const [vh, vp, vs] = valid.split('.');

const cases = [];
const add = (name, headers, deviation) => cases.push({ name, headers, deviation });
const bearer = (t) => [['Authorization', 'Bearer ' + t]];

add('valid HS256', bearer(valid));
add('valid HS384', bearer(sign({ ...user, exp: FUTURE }, { algorithm: 'HS384' })));
add('valid HS512', bearer(sign({ ...user, exp: FUTURE }, { algorithm: 'HS512' })));
add('valid without exp', bearer(sign(user)));
add('valid with nbf in the past', bearer(sign({ ...user, nbf: IAT, exp: FUTURE })));
add('valid with kid header', bearer(sign({ ...user, exp: FUTURE }, { keyid: 'key-1' })));
add('valid with numbers and nesting', bearer(sign({ n: [1, 1.5, 1e21, -0, 12345678901234567890], o: { '2': 'b', '1': 'a', z: null }, exp: FUTURE })));
add('valid with unicode claims', bearer(sign({ name: 'Zoë 😀 \u2028', exp: FUTURE })));
add('valid with aud and iss (not checked)', bearer(sign({ ...user, exp: FUTURE }, { audience: 'api', issuer: 'auth' })));
add('valid token then more words', [['Authorization', 'Bearer ' + valid + ' trailing words']]);
add('valid token with trailing spaces', [['Authorization', 'Bearer ' + valid + '   ']]);
add('valid token with leading spaces', [['Authorization', '   Bearer ' + valid]]);
add('expired', bearer(sign({ ...user, exp: PAST })));
add('expired HS512', bearer(sign({ ...user, exp: PAST }, { algorithm: 'HS512' })));
add('expired at the epoch', bearer(sign({ ...user, exp: 0 })));
add('nbf in the future', bearer(sign({ ...user, nbf: FUTURE })));
add('nbf in the future and expired', bearer(sign({ ...user, nbf: FUTURE, exp: PAST })));
add('exp as a string', bearer(raw({ alg: 'HS256', typ: 'JWT' }, { ...user, exp: String(FUTURE) }, SECRET)));
add('expired with a wrong signature', bearer(raw({ alg: 'HS256', typ: 'JWT' }, { exp: PAST }, 'wrong-secret')));
add('alg none', bearer(raw({ alg: 'none', typ: 'JWT' }, user, null)));
add('alg none with an HMAC signature', bearer(raw({ alg: 'none', typ: 'JWT' }, user, SECRET)));
add('alg HS256 without signature', bearer(raw({ alg: 'HS256', typ: 'JWT' }, user, null)));
add('RS256 token', bearer(jwt.sign({ ...user, iat: IAT, exp: FUTURE }, rsa.privateKey, { algorithm: 'RS256' })));
add('HS256 signed with an RSA public key as secret', bearer(raw({ alg: 'HS256', typ: 'JWT' }, user, rsaPem)));
add('tampered payload', bearer(vh + '.' + b64(JSON.stringify({ ...user, role: 'root', iat: IAT, exp: FUTURE })) + '.' + vs));
add('tampered header', bearer(b64('{"alg":"HS512","typ":"JWT"}') + '.' + vp + '.' + vs));
add('tampered signature', bearer(vh + '.' + vp + '.' + (vs[0] === 'A' ? 'B' : 'A') + vs.slice(1)));
add('wrong secret', bearer(jwt.sign({ ...user, iat: IAT, exp: FUTURE }, 'another-secret-of-reasonable-length-0123456789-abcdefghijklmnop')));
add('no Authorization header', []);
add('empty Authorization header', [['Authorization', '']]);
add('Bearer alone', [['Authorization', 'Bearer']]);
add('Bearer and a space', [['Authorization', 'Bearer ']]);
add('Bearer and two spaces then the token', [['Authorization', 'Bearer  ' + valid]]);
add('lowercase bearer', [['Authorization', 'bearer ' + valid]]);
add('uppercase BEARER', [['Authorization', 'BEARER ' + valid]]);
add('Bearer with a tab', [['Authorization', 'Bearer\t' + valid]]);
add('Basic credentials', [['Authorization', 'Basic ' + Buffer.from('ada:secret').toString('base64')]]);
add('Token scheme', [['Authorization', 'Token ' + valid]]);
add('token without scheme', [['Authorization', valid]]);
add('two headers, the valid one first', [['Authorization', 'Bearer ' + valid], ['Authorization', 'Bearer garbage']]);
add('two headers, the valid one second', [['Authorization', 'Bearer garbage'], ['Authorization', 'Bearer ' + valid]]);
add('two headers, Basic first', [['Authorization', 'Basic eDp5'], ['Authorization', 'Bearer ' + valid]]);
add('lowercase header name', [['authorization', 'Bearer ' + valid]]);
add('not a JWT', bearer('not-a-jwt'));
add('three dots of nothing', bearer('a.b.c'));
add('token with a trailing comma', bearer(valid + ','));
add('token in standard base64 with padding', bearer(vh + '.' + Buffer.from(JSON.stringify(user)).toString('base64') + '.' + vs));
add('JSON instead of a token', bearer('{"sub":"42"}'));
add('payload that is not an object',
  bearer(raw({ alg: 'HS256' }, '"just a string"', SECRET)),
  { status: 401, body: { error: 'Invalid token' }, why: 'jsonwebtoken returns a non-object payload; Eddy refuses it' });
add('token over 8 KiB',
  bearer(sign({ ...user, pad: 'x'.repeat(7000), exp: FUTURE })),
  { status: 401, body: { error: 'Invalid token' }, why: 'Eddy refuses tokens over 8192 characters before parsing' });

// ---- raw HTTP, so header lines go out exactly as written
function ask(port, headers) {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1');
    const chunks = [];
    s.on('data', (c) => chunks.push(c));
    s.on('error', reject);
    s.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const sep = text.indexOf('\r\n\r\n');
      const status = Number(text.slice(9, 12));
      const body = text.slice(sep + 4);
      try {
        resolve({ status, body: JSON.parse(body) });
      } catch (e) {
        resolve({ status, body });
      }
    });
    let req = 'GET /api/profile HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n';
    for (const [n, v] of headers) req += `${n}: ${v}\r\n`;
    s.end(req + '\r\n');
  });
}

// starts `cmd PORT` with JWT_SECRET and resolves with the child once it prints that it listens
async function start(cmd) {
  const probe = net.createServer().listen(0, '127.0.0.1');
  await new Promise((r) => probe.once('listening', r));
  const port = probe.address().port;
  await new Promise((r) => probe.close(r));
  const child = require('child_process').spawn(cmd, [String(port)], {
    env: { ...process.env, JWT_SECRET: SECRET }, stdio: ['ignore', 'pipe', 'ignore'],
  });
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(cmd + ' did not start listening within 60 s')), 60000);
    child.on('exit', (code) => reject(new Error(cmd + ' exited with ' + code)));
    child.stdout.on('data', (d) => {
      if (String(d).includes('127.0.0.1:' + port)) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return { child, port };
}

async function main() {
  const eddyAt = process.argv.indexOf('--eddy');
  const startAt = process.argv.indexOf('--start');
  let eddyPort = eddyAt > 0 ? Number(process.argv[eddyAt + 1]) : 0;
  let started = null;
  if (startAt > 0) {
    started = await start(process.argv[startAt + 1]);
    eddyPort = started.port;
  }
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const port = server.address().port;
  const out = [];
  let differ = 0;
  for (const c of cases) {
    const express = await ask(port, c.headers);
    const rec = { name: c.name, headers: c.headers, status: express.status, body: express.body };
    if (c.deviation) rec.eddy = c.deviation;
    out.push(rec);
    if (eddyPort) {
      const eddy = await ask(eddyPort, c.headers);
      const want = c.deviation || express;
      const same = eddy.status === want.status && JSON.stringify(eddy.body) === JSON.stringify(want.body);
      if (!same) {
        differ++;
        console.log(`DIFF ${c.name}\n  want ${want.status} ${JSON.stringify(want.body)}\n  got  ${eddy.status} ${JSON.stringify(eddy.body)}`);
      }
    }
  }
  server.close();
  if (started) {
    started.child.removeAllListeners('exit');
    started.child.kill();
  }
  if (eddyPort) {
    console.log(`${cases.length - differ} of ${cases.length} cases answer as Express does (deviations as documented)`);
    process.exitCode = differ ? 1 : 0;
    return;
  }
  const file = path.join(__dirname, '../resources/dev/eddy/security/jwt-auth-demo.json');
  fs.writeFileSync(file, JSON.stringify({ generator: 'express ' + require('express/package.json').version
    + ' + jsonwebtoken ' + require('jsonwebtoken/package.json').version, secret: SECRET, cases: out }, null, 1) + '\n');
  console.log(`${out.length} cases written to ${file}`);
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
