// Records what cors 2.8.6 does with many option combinations and request variants, as the fixture
// eddy-security/src/test/resources/dev/eddy/security/cors.json (replayed by CorsFixtureTest).
//
// Regenerate from the repository root:
//   NODE_PATH=/tmp/express-ref/node_modules node eddy-security/src/test/node/cors.js
// (/tmp/express-ref is a copy of shared/express-parity/ref with `npm ci` run in it.)
//
// Each scenario is an options object in JSON with markers the Java test maps the same way: an
// origin {"$re": source, "flags": f} is a RegExp (a java.util.regex.Pattern), {"$fn": name} one of
// the origin functions below (FUNCTIONS; "async..." ones answer on a later tick). Scenario i is
// mounted at /c/<i> behind a middleware that sets "Vary: Accept-Encoding" for paths under /vary,
// and answers everything it lets through with res.send('ok'). Every scenario gets the same
// requests (REQUESTS): origins allowed and refused, the attack variants of issue 7, preflights
// with and without Access-Control-Request-*. Status and headers (but Date, Connection, Keep-Alive,
// ETag) are kept in order.
'use strict';

const fs = require('fs');
const path = require('path');
const http = require('http');
const express = require('express');
const cors = require('cors');

const OUT = path.join(__dirname, '../resources/dev/eddy/security/cors.json');
const GOOD = 'https://example.com';
const OTHER = 'http://localhost:5173';

const FUNCTIONS = {
  allowList: (o, cb) => cb(null, o === GOOD || o === OTHER),
  fixed: (o, cb) => cb(null, 'https://fixed.example'),
  star: (o, cb) => cb(null, '*'),
  reflect: (o, cb) => cb(null, true),
  deny: (o, cb) => cb(null, false),
  empty: (o, cb) => cb(null, ''),
  list: (o, cb) => cb(null, [GOOD, /^http:\/\/localhost:\d+$/]),
  pattern: (o, cb) => cb(null, /^https:\/\/([a-z0-9-]+\.)*example\.com$/),
  error: (o, cb) => cb(new Error('origin check failed')),
  asyncAllowList: (o, cb) => setImmediate(() => cb(null, o === GOOD)),
  asyncError: (o, cb) => setImmediate(() => cb(new Error('origin lookup failed')))
};

const S = [
  {},
  { origin: '*' },
  { origin: GOOD },
  { origin: [GOOD, OTHER] },
  { origin: [GOOD, OTHER], credentials: true, exposedHeaders: ['X-Request-Id', 'X-Total-Count'], maxAge: 600 },
  { origin: 'https://admin.example.com', methods: ['GET', 'PUT'], allowedHeaders: ['Content-Type', 'X-Token'] },
  { origin: true },
  { origin: false },
  { origin: '' },
  { origin: { $re: '^https://([a-z0-9-]+\\.)*example\\.com$', flags: '' } },
  { origin: { $re: 'example\\.com', flags: '' } },
  { origin: { $re: '^HTTPS://EXAMPLE\\.COM$', flags: 'i' } },
  { origin: [GOOD, { $re: '^http://localhost:\\d+$', flags: '' }] },
  { origin: [] },
  { origin: [GOOD, [OTHER]] },
  { origin: ['null'] },
  { origin: { $fn: 'allowList' } },
  { origin: { $fn: 'fixed' } },
  { origin: { $fn: 'star' } },
  { origin: { $fn: 'reflect' } },
  { origin: { $fn: 'deny' } },
  { origin: { $fn: 'empty' } },
  { origin: { $fn: 'list' } },
  { origin: { $fn: 'pattern' } },
  { origin: { $fn: 'error' } },
  { origin: { $fn: 'asyncAllowList' }, credentials: true },
  { origin: { $fn: 'asyncError' } },
  { methods: 'GET,POST' },
  { methods: ['GET'] },
  { methods: '' },
  { methods: [] },
  { allowedHeaders: 'Content-Type,Authorization' },
  { allowedHeaders: ['X-A', 'X-B'] },
  { allowedHeaders: [] },
  { allowedHeaders: '' },
  { exposedHeaders: 'X-A, X-B' },
  { exposedHeaders: [] },
  { exposedHeaders: '' },
  { maxAge: 0 },
  { maxAge: 86400 },
  { credentials: false, origin: GOOD },
  { credentials: true, origin: GOOD },
  { credentials: true, origin: [GOOD] },
  { credentials: true },
  { credentials: true, origin: true },
  { preflightContinue: true },
  { preflightContinue: true, origin: [GOOD], credentials: true, maxAge: 5 },
  { optionsSuccessStatus: 200 },
  { optionsSuccessStatus: 200, origin: [GOOD] },
  { origin: [GOOD], allowedHeaders: ['X-A'], exposedHeaders: ['X-B'], methods: 'GET', maxAge: 1, credentials: true }
];

const A = 'Access-Control-Request-Method';
const H = 'Access-Control-Request-Headers';
const REQUESTS = [
  { method: 'GET', path: '/x', headers: [] },
  { method: 'GET', path: '/x', headers: [['Origin', GOOD]] },
  { method: 'GET', path: '/x', headers: [['Origin', OTHER]] },
  { method: 'GET', path: '/x', headers: [['Origin', 'https://evil.example']] },
  { method: 'GET', path: '/x', headers: [['Origin', 'null']] },
  { method: 'GET', path: '/x', headers: [['Origin', 'https://evil-example.com']] },
  { method: 'GET', path: '/x', headers: [['Origin', 'https://example.com.evil.io']] },
  { method: 'GET', path: '/x', headers: [['Origin', 'https://sub.example.com']] },
  { method: 'GET', path: '/x', headers: [['Origin', 'http://example.com']] },
  { method: 'GET', path: '/x', headers: [['Origin', 'https://EXAMPLE.com']] },
  { method: 'GET', path: '/x', headers: [['Origin', 'https://example.com/']] },
  { method: 'GET', path: '/x', headers: [['Origin', 'https://example.com:443']] },
  { method: 'GET', path: '/x', headers: [['Origin', '']] },
  { method: 'GET', path: '/x', headers: [['Origin', GOOD], ['Origin', GOOD]] },
  { method: 'POST', path: '/x', headers: [['Origin', GOOD]] },
  { method: 'DELETE', path: '/x', headers: [['Origin', 'https://evil.example']] },
  { method: 'HEAD', path: '/x', headers: [['Origin', GOOD]] },
  { method: 'GET', path: '/vary', headers: [['Origin', GOOD]] },
  { method: 'OPTIONS', path: '/x', headers: [] },
  { method: 'OPTIONS', path: '/x', headers: [['Origin', GOOD], [A, 'PUT']] },
  { method: 'OPTIONS', path: '/x', headers: [['Origin', GOOD], [A, 'PUT'], [H, 'X-Token, Content-Type']] },
  { method: 'OPTIONS', path: '/x', headers: [['Origin', 'https://evil.example'], [A, 'DELETE'], [H, 'x-token']] },
  { method: 'OPTIONS', path: '/x', headers: [['Origin', 'null'], [A, 'GET']] },
  { method: 'OPTIONS', path: '/x', headers: [['Origin', OTHER], [H, '']] },
  { method: 'OPTIONS', path: '/x', headers: [['Origin', GOOD], [H, 'a'], [H, 'b']] },
  { method: 'OPTIONS', path: '/vary', headers: [['Origin', GOOD], [A, 'PUT'], [H, 'X-Token']] },
  { method: 'OPTIONS', path: '/x', headers: [['Origin', 'https://example.com.evil.io'], [A, 'PUT']] }
];

function real(o) {
  if (o && typeof o === 'object' && '$re' in o) return new RegExp(o.$re, o.flags);
  if (o && typeof o === 'object' && '$fn' in o) return FUNCTIONS[o.$fn];
  if (Array.isArray(o)) return o.map(real);
  return o;
}

const app = express();
app.set('env', 'production');
app.disable('x-powered-by');
app.disable('etag');
S.forEach((s, i) => {
  const opts = Object.assign({}, s);
  if ('origin' in opts) opts.origin = real(opts.origin);
  app.use('/c/' + i, (req, res, next) => {
    if (req.path.startsWith('/vary')) res.setHeader('Vary', 'Accept-Encoding');
    next();
  }, cors(opts), (req, res) => res.send('ok'));
});

const IGNORED = new Set(['date', 'connection', 'keep-alive', 'etag']);
function send(port, r, base) {
  return new Promise((resolve, reject) => {
    const headers = {};
    for (const [k, v] of r.headers) headers[k] = k in headers ? [].concat(headers[k], v) : v;
    const req = http.request({ host: '127.0.0.1', port, path: base + r.path, method: r.method, headers, agent: false }, (res) => {
      const out = [];
      for (let i = 0; i < res.rawHeaders.length; i += 2) {
        if (!IGNORED.has(res.rawHeaders[i].toLowerCase())) out.push([res.rawHeaders[i], res.rawHeaders[i + 1]]);
      }
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, headers: out }));
    });
    req.on('error', reject);
    req.end();
  });
}

const origError = console.error;
console.error = () => {}; // finalhandler logs the origin function errors
const server = app.listen(0, '127.0.0.1', async () => {
  const port = server.address().port;
  const cases = [];
  for (let i = 0; i < S.length; i++) {
    const responses = [];
    for (const r of REQUESTS) responses.push(await send(port, r, '/c/' + i));
    cases.push({ id: i, options: S[i], responses });
  }
  server.close();
  console.error = origError;
  const version = JSON.parse(fs.readFileSync(path.join(path.dirname(require.resolve('cors')), '..', 'package.json'), 'utf8')).version;
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, JSON.stringify({ cors: version, requests: REQUESTS, cases }, null, 1) + '\n');
  console.log(`${cases.length} scenarios x ${REQUESTS.length} requests -> ${OUT}`);
});
