// Records what helmet 8.3.0 does with many option combinations, as the fixture
// eddy-security/src/test/resources/dev/eddy/security/helmet.json (replayed by HelmetFixtureTest).
//
// Regenerate from the repository root:
//   NODE_PATH=/tmp/express-ref/node_modules node eddy-security/src/test/node/helmet.js
// (/tmp/express-ref is a copy of shared/express-parity/ref with `npm ci` run in it.)
//
// Each scenario is an options object in JSON with a few markers the Java test maps the same way:
// a CSP directive value "$disableDefaultSrc" is helmet's dangerouslyDisableDefaultSrc, an element
// {"$dyn": "x"} is a function returning "x" per request, {"$throw": "m"} a function throwing
// Error("m"). "standalone" names one of helmet's single-header middleware instead of helmet().
// Options helmet refuses are recorded with the error message; the others are mounted at /h/<id>
// behind a middleware setting X-Powered-By: Pre, and a GET is answered with res.send('ok').
// Status and headers (but Date, Connection, Keep-Alive, ETag) are kept in order.
'use strict';

const fs = require('fs');
const path = require('path');
const http = require('http');
const express = require('express');
const helmet = require('helmet');

const OUT = path.join(__dirname, '../resources/dev/eddy/security/helmet.json');

const S = []; // [options] or {standalone, options}
const add = (options, standalone) => S.push(standalone ? { standalone, options } : { options });
const csp = (c) => add({ contentSecurityPolicy: c });
const dirs = (d, extra) => csp(Object.assign({ directives: d }, extra || {}));

// defaults and each header off / explicitly on
add({});
for (const k of ['contentSecurityPolicy', 'crossOriginEmbedderPolicy', 'crossOriginOpenerPolicy',
  'crossOriginResourcePolicy', 'originAgentCluster', 'referrerPolicy', 'strictTransportSecurity',
  'xContentTypeOptions', 'xDnsPrefetchControl', 'xDownloadOptions', 'xFrameOptions',
  'xPermittedCrossDomainPolicies', 'xPoweredBy', 'xXssProtection']) {
  add({ [k]: false });
  add({ [k]: true });
}
add({
  contentSecurityPolicy: false, crossOriginOpenerPolicy: false, crossOriginResourcePolicy: false,
  originAgentCluster: false, referrerPolicy: false, strictTransportSecurity: false, xContentTypeOptions: false,
  xDnsPrefetchControl: false, xDownloadOptions: false, xFrameOptions: false,
  xPermittedCrossDomainPolicies: false, xPoweredBy: false, xXssProtection: false
});

// Content-Security-Policy
csp({});
csp({ reportOnly: true });
csp({ useDefaults: false });
csp({ useDefaults: true, directives: {} });
dirs({ defaultSrc: ["'self'"] }, { useDefaults: false });
dirs({ defaultSrc: ["'self'"], scriptSrc: ["'self'", 'https://cdn.example.com'], imgSrc: ["'self'", 'data:'] }, { useDefaults: false });
dirs({ scriptSrc: ["'self'", 'https://cdn.example.com'] });
dirs({ 'script-src': ["'self'", "'unsafe-eval'"], 'connect-src': ["'self'", 'wss://ws.example.com'] });
dirs({ upgradeInsecureRequests: null });
dirs({ upgradeInsecureRequests: null, objectSrc: null, scriptSrcAttr: null });
dirs({ defaultSrc: '$disableDefaultSrc' });
dirs({ defaultSrc: '$disableDefaultSrc', scriptSrc: ["'self'"] }, { useDefaults: false });
dirs({ defaultSrc: "'self' https:" });
dirs({ defaultSrc: '' });
dirs({ defaultSrc: [] });
dirs({ defaultSrc: ['', 'https:'] });
dirs({ defaultSrc: ["'none'"], sandbox: [], blockAllMixedContent: [] }, { useDefaults: false });
dirs({ defaultSrc: ["'self'"], reportUri: ['/csp-report'], reportTo: ['csp-endpoint'] }, { reportOnly: true });
dirs({ a: ["'self'"], defaultSrc: ["'self'"], x1: ['y'], aB9: ['z'], 'a-b': [] }, { useDefaults: false });
dirs({ imgSrc: ["'self'", 'data:', 'blob:'], fontSrc: ['https://fonts.gstatic.com'], styleSrc: ["'self'", 'https://fonts.googleapis.com'] });
dirs({ scriptSrc: ["'self'", "'sha256-abc='", "'nonce-xyz'", "'strict-dynamic'"] });
dirs({ scriptSrc: ["'self'", 'SELF', 'Self'] });
dirs({ requireTrustedTypesFor: ["'script'"], trustedTypes: ['default', "'allow-duplicates'"] });
// dynamic values
dirs({ scriptSrc: ["'self'", { $dyn: "'nonce-abc123'" }] });
dirs({ scriptSrc: [{ $dyn: "'nonce-a'" }], styleSrc: ["'self'", { $dyn: "'nonce-a'" }] });
dirs({ defaultSrc: ["'self'"], scriptSrc: [{ $dyn: 'https://x.example' }, { $dyn: 'https://y.example' }] }, { useDefaults: false });
dirs({ defaultSrc: [''], scriptSrc: [{ $dyn: "'self'" }] }, { useDefaults: false });
dirs({ defaultSrc: [], scriptSrc: [{ $dyn: '' }] }, { useDefaults: false });
dirs({ scriptSrc: [{ $dyn: "'nonce-a'" }] }, { reportOnly: true });
dirs({ scriptSrc: [{ $dyn: 'self' }] });
dirs({ scriptSrc: [{ $dyn: 'nonce-abc' }] });
dirs({ scriptSrc: [{ $dyn: 'sha512-abc' }] });
dirs({ scriptSrc: [{ $dyn: 'a;b' }] });
dirs({ scriptSrc: ["'self'", { $dyn: 'a,b' }] });
dirs({ scriptSrc: [{ $throw: 'nonce store down' }] });
// refused policies
csp({ useDefaults: false, directives: {} });
dirs({ scriptSrc: ["'self'"] }, { useDefaults: false });
dirs({ defaultSrc: null });
dirs({ scriptSrc: '$disableDefaultSrc' });
dirs({ defaultSrc: ["'self'"], 'default-src': ["'self'"] });
dirs({ scriptSrc: ['a'], 'script-src': ['b'] });
for (const name of ['default_src', 'Default-src', '-a', 'a-', 'a b', '', '1a', 'déf', 'a.b', 'a\nb', 'a"b']) {
  dirs({ [name]: ["'self'"] });
}
for (const v of ['a;b', 'a,b', ';', "'self';", 'self', 'none', 'strict-dynamic', 'report-sample',
  'inline-speculation-rules', 'unsafe-inline', 'unsafe-eval', 'unsafe-hashes', 'wasm-unsafe-eval',
  'nonce-abc', 'sha256-abc', 'sha384-abc', 'sha512-abc', 'NONE', 'nonce', 'sha1-abc']) {
  dirs({ scriptSrc: ["'self'", v] });
}
dirs({ imgSrc: 'self' });
dirs({ scriptSrc: ["'self'", 'a;b'], imgSrc: ['self'] });

// Cross-Origin-*-Policy
for (const p of ['require-corp', 'credentialless', 'unsafe-none', 'same-origin', 'REQUIRE-CORP', '']) {
  add({ crossOriginEmbedderPolicy: { policy: p } });
}
add({ crossOriginEmbedderPolicy: {} });
for (const p of ['same-origin', 'same-origin-allow-popups', 'noopener-allow-popups', 'unsafe-none', 'same-site', 'Same-Origin']) {
  add({ crossOriginOpenerPolicy: { policy: p } });
}
for (const p of ['same-origin', 'same-site', 'cross-origin', 'unsafe-none', ' same-site']) {
  add({ crossOriginResourcePolicy: { policy: p } });
}
// Referrer-Policy
for (const p of ['no-referrer', 'origin', 'strict-origin-when-cross-origin', 'unsafe-url', '',
  ['no-referrer', 'strict-origin-when-cross-origin'], ['origin', 'unsafe-url', 'same-origin'], [],
  ['origin', 'origin'], 'Origin', 'origin,unsafe-url', ['no-referrer', 'foo'], ['', 'origin']]) {
  add({ referrerPolicy: { policy: p } });
}
add({ referrerPolicy: {} });
// Strict-Transport-Security
for (const o of [{}, { maxAge: 0 }, { maxAge: 123 }, { maxAge: 63072000, preload: true },
  { includeSubDomains: false }, { maxAge: 10, includeSubDomains: false, preload: true },
  { maxAge: -1 }, { maxAge: -31536000 }, { preload: false }, { includeSubDomains: true, preload: true }]) {
  add({ strictTransportSecurity: o });
}
// X-DNS-Prefetch-Control, X-Frame-Options, X-Permitted-Cross-Domain-Policies
add({ xDnsPrefetchControl: { allow: true } });
add({ xDnsPrefetchControl: { allow: false } });
add({ xDnsPrefetchControl: {} });
for (const a of ['deny', 'DENY', 'Deny', 'sameorigin', 'SAMEORIGIN', 'same-origin', 'SaMe-OrIgIn', 'allow-from', 'ALLOW-FROM https://x', '', 'same origin']) {
  add({ xFrameOptions: { action: a } });
}
add({ xFrameOptions: {} });
for (const p of ['none', 'master-only', 'by-content-type', 'all', 'None', 'by-ftp-filename', '']) {
  add({ xPermittedCrossDomainPolicies: { permittedPolicies: p } });
}
add({ xPermittedCrossDomainPolicies: {} });
// combinations
add({ contentSecurityPolicy: { directives: { scriptSrc: ["'self'", { $dyn: "'nonce-q'" }] } }, crossOriginEmbedderPolicy: true,
  referrerPolicy: { policy: ['same-origin'] }, strictTransportSecurity: { maxAge: 5 }, xFrameOptions: { action: 'deny' } });
add({ contentSecurityPolicy: { directives: { scriptSrc: [{ $throw: 'boom' }] } }, xFrameOptions: { action: 'deny' } });
add({ crossOriginOpenerPolicy: { policy: 'bogus' }, xFrameOptions: { action: 'bogus' } });
add({ contentSecurityPolicy: { directives: { scriptSrc: ['self'] } }, referrerPolicy: { policy: 'bogus' } });
// helmet's standalone middleware
add({}, 'contentSecurityPolicy');
add({ useDefaults: false, directives: { defaultSrc: ["'self'"], scriptSrc: ["'self'", 'https://cdn.example.com'], imgSrc: ["'self'", 'data:'] } }, 'contentSecurityPolicy');
add({}, 'crossOriginEmbedderPolicy');
add({ policy: 'credentialless' }, 'crossOriginEmbedderPolicy');
add({ policy: 'unsafe-none' }, 'crossOriginOpenerPolicy');
add({ policy: 'cross-origin' }, 'crossOriginResourcePolicy');
add({}, 'originAgentCluster');
add({ policy: ['origin', 'unsafe-url'] }, 'referrerPolicy');
add({ maxAge: 60, preload: true }, 'strictTransportSecurity');
add({}, 'xContentTypeOptions');
add({ allow: true }, 'xDnsPrefetchControl');
add({}, 'xDownloadOptions');
add({ action: 'deny' }, 'xFrameOptions');
add({ action: 'nope' }, 'xFrameOptions');
add({ permittedPolicies: 'all' }, 'xPermittedCrossDomainPolicies');
add({}, 'xPoweredBy');
add({}, 'xXssProtection');

// ------------------------------------------------------------------ markers to real options
function realValue(v) {
  if (v === '$disableDefaultSrc') return helmet.contentSecurityPolicy.dangerouslyDisableDefaultSrc;
  if (Array.isArray(v)) {
    return v.map((e) => {
      if (e && typeof e === 'object' && '$dyn' in e) return () => e.$dyn;
      if (e && typeof e === 'object' && '$throw' in e) return () => { throw new Error(e.$throw); };
      return e;
    });
  }
  return v;
}
function realCsp(c) {
  if (typeof c !== 'object' || c === null || !c.directives) return c;
  const directives = {};
  for (const k of Object.keys(c.directives)) directives[k] = realValue(c.directives[k]);
  return Object.assign({}, c, { directives });
}
function realOptions(o, standalone) {
  if (standalone === 'contentSecurityPolicy') return realCsp(o);
  if (standalone) return o;
  const r = Object.assign({}, o);
  if ('contentSecurityPolicy' in r) r.contentSecurityPolicy = realCsp(r.contentSecurityPolicy);
  return r;
}

// ------------------------------------------------------------------ record
const app = express();
app.set('env', 'production');
app.disable('x-powered-by');
app.disable('etag');
const cases = [];
S.forEach((s, i) => {
  const c = Object.assign({ id: i }, s);
  let mw;
  try {
    const opts = realOptions(s.options, s.standalone);
    mw = s.standalone ? helmet[s.standalone](opts) : helmet(opts);
  } catch (e) {
    c.error = e.message;
  }
  cases.push(c);
  if (mw) {
    app.use('/h/' + i, (req, res, next) => { res.setHeader('X-Powered-By', 'Pre'); next(); }, mw,
      (req, res) => res.send('ok'));
  }
});

const IGNORED = new Set(['date', 'connection', 'keep-alive', 'etag']);
function get(port, p) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: p, method: 'GET', agent: false }, (res) => {
      const headers = [];
      for (let i = 0; i < res.rawHeaders.length; i += 2) {
        if (!IGNORED.has(res.rawHeaders[i].toLowerCase())) headers.push([res.rawHeaders[i], res.rawHeaders[i + 1]]);
      }
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

const origError = console.error;
console.error = () => {}; // finalhandler logs the thrown CSP errors
const server = app.listen(0, '127.0.0.1', async () => {
  const port = server.address().port;
  for (const c of cases) {
    if (c.error === undefined) c.response = await get(port, '/h/' + c.id + '/page');
  }
  server.close();
  console.error = origError;
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, JSON.stringify({ helmet: JSON.parse(fs.readFileSync(path.join(path.dirname(require.resolve('helmet')), 'package.json'), 'utf8')).version, cases }, null, 1) + '\n');
  console.log(`${cases.length} cases (${cases.filter((c) => c.error).length} refused) -> ${OUT}`);
});
