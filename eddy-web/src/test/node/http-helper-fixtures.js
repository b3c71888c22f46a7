// Records the reference behaviour of etag, fresh, range-parser, content-disposition, cookie,
// cookie-signature and cookie-parser (the versions Express 5.3.0 loads) and of V8's Date.parse /
// Date.prototype.toUTCString as JSON fixtures for the eddy-web tests.
//
// Regenerate from the repository root:
//   NODE_PATH=/tmp/express-ref/node_modules node eddy-web/src/test/node/http-helper-fixtures.js
// (/tmp/express-ref is a copy of shared/express-parity/ref with `npm ci` run in it.)
'use strict';

const fs = require('fs');
const path = require('path');
const childProcess = require('child_process');

// Date.parse in another time zone: this script re-runs itself with TZ set.
if (process.argv[2] === '--date-parse') {
  const input = JSON.parse(fs.readFileSync(0, 'utf8'));
  const out = input.map((s) => {
    const v = Date.parse(s);
    return Number.isNaN(v) ? null : v;
  });
  process.stdout.write(JSON.stringify(out));
  process.exit(0);
}

const etag = require('etag');
const fresh = require('fresh');
const rangeParser = require('range-parser');
const contentDisposition = require('content-disposition');
const cookie = require('cookie');
const cookieSignature = require('cookie-signature');
const expressCookieSignature = require(require.resolve('cookie-signature', {
  paths: [path.dirname(require.resolve('express/package.json'))],
}));
const cookieParser = require('cookie-parser');

const outDir = path.join(__dirname, '..', 'resources', 'dev', 'eddy', 'web', 'internal');
fs.mkdirSync(outDir, { recursive: true });

function write(name, data) {
  const file = path.join(outDir, name);
  // One case per line: compact, yet diffs stay readable.
  const parts = Object.keys(data).map((k) => {
    const v = data[k];
    const body = Array.isArray(v)
      ? '[\n' + v.map((x) => '  ' + JSON.stringify(x)).join(',\n') + '\n ]'
      : JSON.stringify(v);
    return ' ' + JSON.stringify(k) + ': ' + body;
  });
  fs.writeFileSync(file, '{\n' + parts.join(',\n') + '\n}\n');
  const counts = Object.keys(data).filter((k) => Array.isArray(data[k])).map((k) => k + ' ' + data[k].length);
  console.log(path.basename(file), counts.join(', '));
}

// Deterministic pseudo-random numbers (mulberry32) so the fixtures are reproducible.
function rng(seed) {
  let a = seed >>> 0;
  return function () {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(20240611);
const pick = (arr) => arr[Math.floor(rand() * arr.length)];
const int = (n) => Math.floor(rand() * n);

function attempt(fn) {
  try {
    return { ok: fn() };
  } catch (e) {
    return { error: e.message, errorType: e.constructor.name };
  }
}

function meta(pkg) {
  // Some packages do not export package.json; find it next to the resolved entry point.
  let dir = path.dirname(require.resolve(pkg));
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
}

// ------------------------------------------------------------------------------------------
// etag

{
  const bodies = [
    Buffer.alloc(0),
    Buffer.from('a'),
    Buffer.from('hello, world'),
    Buffer.from('The quick brown fox jumps over the lazy dog'),
    Buffer.from('€ – café – 日本語 – 😀', 'utf8'),
    Buffer.from([0, 1, 2, 3, 255, 254, 253, 128, 127]),
    Buffer.alloc(1000, 0x61),
  ];
  for (let i = 0; i < 30; i++) {
    const b = Buffer.alloc(int(300));
    for (let j = 0; j < b.length; j++) b[j] = int(256);
    bodies.push(b);
  }
  const cases = [];
  for (const b of bodies) {
    for (const weak of [false, true]) {
      cases.push({ base64: b.toString('base64'), weak, etag: etag(b, { weak }) });
    }
  }
  // Large bodies as a fill byte and a length, to keep the fixture small.
  for (const [fill, length] of [[0x00, 65536], [0x61, 1000000], [0xff, 4097]]) {
    const b = Buffer.alloc(length, fill);
    for (const weak of [false, true]) cases.push({ fill, length, weak, etag: etag(b, { weak }) });
  }
  const strings = ['', 'x', 'héllo', '日本', '😀', 'a\ud800b', '\udc00', 'end\ud83d', '\ud83d\ude00\ud83d'];
  const stringCases = strings.map((s) => ({ string: s, weak: true, etag: etag(s, { weak: true }) }));
  const statCases = [];
  const stats = [
    [0, 0],
    [1, 1],
    [13, 1700000000000],
    [1048576, 1234567890123],
    [123456789, 946684800000],
    [5, -1000],
    [2 ** 40, 8.64e15],
  ];
  for (const [size, mtime] of stats) {
    const st = { ctime: new Date(0), mtime: new Date(mtime), ino: 1, size };
    statCases.push({ size, mtime, weak: true, etag: etag(st) });
    statCases.push({ size, mtime, weak: false, etag: etag(st, { weak: false }) });
  }
  write('etag-fixtures.json', { version: meta('etag'), cases, stringCases, statCases });
}

// ------------------------------------------------------------------------------------------
// fresh

{
  const inm = [
    undefined,
    '',
    '*',
    '"foo"',
    'W/"foo"',
    '"bar"',
    '"foo", "bar"',
    '"bar","foo"',
    '"bar" , "foo"',
    ' "foo"',
    '"foo" ',
    '"bar",  W/"foo"',
    ',"foo"',
    '"foo",',
    '"fo o"',
    'foo',
    'W/foo',
    '"foo"\t',
    '* , "bar"',
    'w/"foo"',
    'W/W/"foo"',
    '"foo","foo"',
    '"1-2"',
  ];
  const ims = [
    undefined,
    '',
    'Sat, 01 Jan 2000 00:00:00 GMT',
    'Fri, 31 Dec 1999 23:59:59 GMT',
    'Sat, 01 Jan 2000 00:00:01 GMT',
    'garbage',
    'Saturday, 01-Jan-00 00:00:00 GMT',
    'Sat Jan  1 00:00:00 2000',
    '2000-01-01T00:00:00Z',
  ];
  const cc = [
    undefined,
    '',
    'no-cache',
    'max-age=0',
    'public, no-cache',
    'no-cache, public',
    ' no-cache ',
    'no-cache=foo',
    'xno-cache',
    'public,no-cache,max-age=0',
    'NO-CACHE',
    'no-cachex',
    'private ,\tno-cache\t, x',
    'no-store',
  ];
  const etags = [undefined, '', '"foo"', 'W/"foo"', '"bar"', 'W/"bar"', '"1-2"', 'foo'];
  const lms = [
    undefined,
    '',
    'Sat, 01 Jan 2000 00:00:00 GMT',
    'Fri, 31 Dec 1999 23:59:59 GMT',
    'Sat, 01 Jan 2000 00:00:01 GMT',
    'bogus',
  ];
  const cases = [];
  const seen = new Set();
  const add = (a, b, c, d, e) => {
    const key = JSON.stringify([a, b, c, d, e]);
    if (seen.has(key)) return;
    seen.add(key);
    const req = {};
    if (a !== undefined) req['if-none-match'] = a;
    if (b !== undefined) req['if-modified-since'] = b;
    if (c !== undefined) req['cache-control'] = c;
    const res = {};
    if (d !== undefined) res.etag = d;
    if (e !== undefined) res['last-modified'] = e;
    cases.push({
      ifNoneMatch: a ?? null,
      ifModifiedSince: b ?? null,
      cacheControl: c ?? null,
      etag: d ?? null,
      lastModified: e ?? null,
      fresh: fresh(req, res),
    });
  };
  // Each dimension in full against fixed others, then random combinations.
  for (const a of inm) for (const d of etags) add(a, undefined, undefined, d, undefined);
  for (const b of ims) for (const e of lms) add(undefined, b, undefined, undefined, e);
  for (const c of cc) {
    add('"foo"', undefined, c, '"foo"', undefined);
    add(undefined, 'Sat, 01 Jan 2000 00:00:00 GMT', c, undefined, 'Sat, 01 Jan 2000 00:00:00 GMT');
  }
  for (let i = 0; i < 400; i++) add(pick(inm), pick(ims), pick(cc), pick(etags), pick(lms));
  write('fresh-fixtures.json', { version: meta('fresh'), cases });
}

// ------------------------------------------------------------------------------------------
// range-parser

{
  const headers = [
    'bytes=0-499',
    'bytes=0-',
    'bytes=-500',
    'bytes=500-',
    'bytes=1-0',
    'bytes=0-0',
    'bytes=-0',
    'bytes=-1',
    'bytes=9500-',
    'bytes=0-9999',
    'bytes=0-10000',
    'bytes=0-99999999999999999999',
    'bytes=99999999999999999999-',
    'bytes=-99999999999999999999',
    'bytes=' + '9'.repeat(400) + '-',
    'bytes=0-' + '9'.repeat(400),
    'bytes=-' + '9'.repeat(400),
    'bytes=0-1,2-3',
    'bytes=0-1,3-4',
    'bytes=0-4,1-3',
    'bytes=0-5,3-8',
    'bytes=5-9,0-4',
    'bytes=0-0,2-2,1-1',
    'bytes=500-600,601-999',
    'bytes=500-700,601-999',
    'bytes=0-499,-500',
    'bytes=-500,0-499',
    'bytes=0-1,0-1',
    'bytes=10-20,5-15,0-2,40-50,3-4',
    'bytes=40-50,10-20,5-15',
    'bytes=0-1,1-0,2-3',
    'bytes=1-0,3-2',
    'bytes=0-1,x',
    'bytes=0-1,',
    'bytes=,0-1',
    'bytes= 0-1',
    'bytes=0 - 1',
    'bytes=\t0-1\t',
    'bytes=0-1 , 2-3',
    'bytes=\u00a00-1',
    'bytes=\u20280-1',
    'bytes=0 1-2',
    'bytes=0-1-2',
    'bytes=--1',
    'bytes=-',
    'bytes=',
    'bytes=a-b',
    'bytes=1a-2',
    'bytes=1-2a',
    'bytes=+1-2',
    'bytes=1.5-2',
    'bytes=0x1-2',
    'bytes=1e3-',
    'bytes=01-02',
    'bytes=00000-00001',
    'items=0-5',
    'BYTES=0-5',
    ' bytes=0-5',
    'bytes =0-5',
    '=0-5',
    'bytes',
    'bytes 0-5',
    '',
    'bytes==0-5',
    'bytes=0-5=6',
    'foo=bar=0-1',
    'bytes=٣-5',
    'bytes=0-1,-2,3-',
    'bytes=-5,-3',
    'bytes=3-,5-',
    'bytes=0-2,4-6,2-4',
  ];
  const sizes = [0, 1, 5, 10, 100, 1000, 10000];
  const cases = [];
  for (const size of sizes) {
    for (const h of headers) {
      for (const combine of [false, true]) {
        const r = rangeParser(size, h, { combine });
        cases.push({
          size,
          header: h,
          combine,
          status: typeof r === 'number' ? r : 0,
          type: typeof r === 'number' ? null : r.type,
          ranges: typeof r === 'number' ? [] : r.map((x) => [x.start, x.end]),
        });
      }
    }
  }
  // Random multi-range headers for the combine logic.
  for (let i = 0; i < 150; i++) {
    const size = pick([0, 1, 50, 100, 1000]);
    const parts = [];
    for (let k = 1 + int(6); k > 0; k--) {
      const kind = int(5);
      if (kind === 0) parts.push('-' + int(120));
      else if (kind === 1) parts.push(int(120) + '-');
      else parts.push(int(120) + '-' + int(120));
    }
    const h = 'bytes=' + parts.join(pick([',', ', ', ' ,']));
    for (const combine of [false, true]) {
      const r = rangeParser(size, h, { combine });
      cases.push({
        size,
        header: h,
        combine,
        status: typeof r === 'number' ? r : 0,
        type: typeof r === 'number' ? null : r.type,
        ranges: typeof r === 'number' ? [] : r.map((x) => [x.start, x.end]),
      });
    }
  }
  write('range-parser-fixtures.json', { version: meta('range-parser'), cases });
}

// ------------------------------------------------------------------------------------------
// content-disposition

{
  const names = [
    undefined,
    '',
    'plans.pdf',
    'the plans.pdf',
    'plans "final".pdf',
    'back\\slash.txt',
    'quote".txt',
    'semi;colon.txt',
    'comma,name.txt',
    'tab\tname.txt',
    'new\nline.txt',
    'del\x7fname',
    'nul\x00name',
    'café.txt',
    'naïve résumé.pdf',
    '£ and €.txt',
    '€ rates.pdf',
    '日本語.txt',
    'emoji 😀.png',
    'латиница.doc',
    'ÿ.txt',
    '\u00a0nbsp.txt',
    '100%.txt',
    '100%25.txt',
    '%41.txt',
    '%4g.txt',
    '%e2%82%ac.txt',
    'x%',
    'x%4',
    "it's (1) *.txt",
    'a!b#c$d&e+f-g.h^i_j`k|l~m',
    'paren(thesis).txt',
    'angle<>.txt',
    'at@sign.txt',
    'brackets[].txt',
    'braces{}.txt',
    'question?.txt',
    'equals=.txt',
    'slash/.txt',
    'colon:.txt',
    'path/to/file.txt',
    '..\\evil.txt',
    ' leading and trailing ',
    'ends in é',
    'mixed € "quote" \\ back',
    'lone \ud800 high',
    '\udc00 lone low',
    '\ud83d\ude00 pair',
  ];
  const cases = [];
  for (const name of names) {
    for (const type of [undefined, 'attachment', 'inline', 'form-data', 'Attachment', 'bad type', '', 'x;y']) {
      for (const fallback of [undefined, true, false, 'fallback.txt', 'plans.pdf', 'bad é', '']) {
        if (type !== undefined && type !== 'attachment' && fallback !== undefined && fallback !== false) continue;
        const opts = {};
        if (type !== undefined) opts.type = type;
        if (fallback !== undefined) opts.fallback = fallback;
        const r = attempt(() => contentDisposition.create(name, opts));
        cases.push({
          filename: name ?? null,
          type: type ?? null,
          fallback: fallback ?? null,
          ...r,
        });
      }
    }
  }
  write('content-disposition-fixtures.json', { version: meta('content-disposition'), cases });
}

// ------------------------------------------------------------------------------------------
// cookie.serialize and cookie.parse

{
  const names = ['foo', 'a', 'f!#$%&\'*+-.^_`|~9Z', 'foo bar', 'foo;', 'foo=', 'foo\n', '', 'fóo', '"foo"', 'a,b', 'a:b', 'a/b', 'a@b', 'a[b]', 'a{b}', 'a(b)', 'a\\b', 'a?b'];
  const values = ['bar', '', 'a b', 'a;b', 'a"b', '"quoted"', 'é', '😀', '%', '100%25', '+ &=', "!'()*-._~", 'j:{"a":1}', 's:foo.sig', 'lone\ud800'];
  const cases = [];
  const add = (name, value, opts) => {
    const r = attempt(() => cookie.serialize(name, value, opts));
    const o = opts === undefined ? null : { ...opts };
    if (o && o.expires instanceof Date) o.expires = o.expires.getTime();
    if (o && typeof o.maxAge === 'number' && !Number.isFinite(o.maxAge)) o.maxAge = String(o.maxAge);
    cases.push({ name, value, options: o, ...r });
  };
  for (const n of names) add(n, 'bar', undefined);
  for (const v of values) add('foo', v, undefined);
  const optionSets = [
    {},
    { maxAge: 0 },
    { maxAge: 1000 },
    { maxAge: -1 },
    { maxAge: 1.5 },
    { maxAge: -1.5 },
    { maxAge: 0.999 },
    { maxAge: 86400.9 },
    { maxAge: NaN },
    { maxAge: Infinity },
    { maxAge: -Infinity },
    { maxAge: 1e15 },
    { maxAge: null },
    { domain: 'example.com' },
    { domain: '.example.com' },
    { domain: 'EXAMPLE.COM' },
    { domain: 'sub.example-site.co.uk' },
    { domain: 'localhost' },
    { domain: '127.0.0.1' },
    { domain: 'example.com.' },
    { domain: '..example.com' },
    { domain: 'exa mple.com' },
    { domain: '-example.com' },
    { domain: 'example-.com' },
    { domain: 'ex_ample.com' },
    { domain: 'a'.repeat(63) + '.com' },
    { domain: 'a'.repeat(64) + '.com' },
    { domain: 'example.com\n' },
    { domain: 'éxample.com' },
    { domain: 'a..b' },
    { domain: '.' },
    { domain: '' },
    { path: '/' },
    { path: '/foo/bar' },
    { path: '/foo;bar' },
    { path: '/foo<bar' },
    { path: '/foo>bar' },
    { path: '/foo bar' },
    { path: '/foo\tbar' },
    { path: '/föo' },
    { path: '/~!@#$%^&*()_+={}[]|\\:"\',.?' },
    { path: '/foo\x7f' },
    { path: '' },
    { expires: new Date(0) },
    { expires: new Date(1) },
    { expires: new Date(Date.UTC(2030, 0, 1, 12, 0, 0)) },
    { expires: new Date(Date.UTC(2000, 1, 29, 23, 59, 59, 999)) },
    { expires: new Date(-1) },
    { expires: new Date(8.64e15) },
    { expires: new Date(-8.64e15) },
    { expires: new Date(Date.UTC(-1, 5, 15)) },
    { expires: new Date(Date.UTC(12345, 5, 15)) },
    { httpOnly: true },
    { httpOnly: false },
    { secure: true },
    { partitioned: true },
    { priority: 'low' },
    { priority: 'Medium' },
    { priority: 'HIGH' },
    { priority: 'urgent' },
    { priority: '' },
    { sameSite: true },
    { sameSite: false },
    { sameSite: 'strict' },
    { sameSite: 'Lax' },
    { sameSite: 'NONE' },
    { sameSite: 'bogus' },
    { sameSite: 'true' },
    { sameSite: '' },
    {
      maxAge: 3600,
      domain: 'example.com',
      path: '/',
      expires: new Date(Date.UTC(2030, 0, 1)),
      httpOnly: true,
      secure: true,
      partitioned: true,
      priority: 'high',
      sameSite: 'none',
    },
    { sameSite: 'lax', httpOnly: true, path: '/admin', domain: '.example.org', maxAge: 60.5 },
    { secure: true, partitioned: true, priority: 'low', sameSite: true },
    { domain: 'bad domain', path: 'bad;path' },
    { path: 'bad;path', priority: 'nope' },
    { priority: 'nope', sameSite: 'nope' },
    { maxAge: NaN, domain: 'bad domain' },
  ];
  for (const o of optionSets) add('foo', 'bar', o);
  for (let i = 0; i < 120; i++) {
    const o = {};
    for (let k = int(4); k >= 0; k--) {
      const src = pick(optionSets);
      Object.assign(o, src);
    }
    add(pick(names.slice(0, 4)), pick(values), o);
  }

  const headers = [
    '',
    'a',
    'a=',
    '=',
    '==',
    'a=b',
    'foo=bar',
    'foo=bar; baz=qux',
    'foo=bar;baz=qux',
    'foo = bar ; baz = qux ',
    '  foo  =  bar  ',
    '\tfoo\t=\tbar\t',
    'foo=bar; foo=baz',
    'foo=; foo=bar',
    'foo="bar"',
    'foo=""',
    'foo="',
    'foo=" bar "',
    'foo=" "bar" "',
    'foo="bar',
    'foo=bar"',
    'foo=""bar""',
    'foo=a%20b',
    'foo=%E2%82%AC',
    'foo=%',
    'foo=%2',
    'foo=%zz',
    'foo=%E2%82',
    'foo=%C0%80',
    'foo=%ED%A0%80',
    'foo=100%25',
    'foo=%F0%9F%98%80',
    'foo=a+b',
    'foo=%٣٣',
    'foo="%41"',
    'foo=bar=baz',
    'foo==bar',
    '=bar',
    ' =bar',
    'foo; bar=baz',
    'foo;bar=baz',
    'a;b;c=d',
    ';;foo=bar;;',
    'foo=bar;',
    'foo=bar; ',
    '; foo=bar',
    'foo=bar; flag; baz=qux',
    'flag; foo=bar',
    'foo=bar; =; baz=qux',
    '__proto__=polluted; a=b',
    'a=b; __proto__=x; __proto__=y',
    'constructor=c; toString=t; hasOwnProperty=h; valueOf=v',
    'b=1; 2=two; 1=one; a=3; 10=ten; 01=zero-one; 4294967294=max; 4294967295=over',
    '0=zero; -1=neg; 1.5=frac',
    'foo=bar, baz=qux',
    'foo=bar,baz=qux; x=y',
    'FOO=upper; foo=lower',
    'é=accent; ü=%C3%BC',
    'foo=\u00e9',
    'foo=j:{"a":1}',
    'foo=j%3A%7B%22a%22%3A1%7D',
    'foo=s%3Abar.sig',
    'foo=\x00bar',
    'foo=bar\r\n; x=y',
    'x=1 2 3',
    'x="a";y="b"',
    'x =1;x= 2',
  ];
  const alphabet = ['a', 'b', '=', '=', ';', ';', ' ', '\t', '"', '%', '2', '0', 'E', '9', 'x', 'j:', 's:', '_', '%2', '%20', '%C3%A9', ','];
  for (let i = 0; i < 200; i++) {
    let s = '';
    for (let k = int(16); k >= 0; k--) s += pick(alphabet);
    headers.push(s);
  }
  const parseCases = headers.map((h) => {
    const obj = cookie.parse(h);
    return { header: h, pairs: Object.keys(obj).map((k) => [k, obj[k]]) };
  });
  write('cookie-fixtures.json', { version: meta('cookie'), serializeCases: cases, parseCases });
}

// ------------------------------------------------------------------------------------------
// cookie-signature

{
  const values = ['', 'hello', 'a.b.c', 'tobi', 'é', '😀', 'j:{"a":1}', 'x'.repeat(500), 'lone\ud800', 'with space', '.'];
  const secrets = ['', 'tobiiscool', 'keyboard cat', 'é', '😀 secret', 'x'.repeat(100), 'lone\udc00', 'a'.repeat(64), 'b'.repeat(65)];
  const cases = [];
  for (const v of values) {
    for (const s of secrets) {
      const signed = cookieSignature.sign(v, s);
      if (expressCookieSignature.sign(v, s) !== signed) throw new Error('cookie-signature versions disagree');
      cases.push({ value: v, secret: s, signed });
    }
  }
  const unsignCases = [];
  const addUnsign = (input, secret) => {
    const r = cookieSignature.unsign(input, secret);
    const r2 = expressCookieSignature.unsign(input, secret);
    if (r !== r2) throw new Error('cookie-signature versions disagree on unsign ' + JSON.stringify(input));
    unsignCases.push({ input, secret, value: r === false ? null : r });
  };
  for (const c of cases) {
    addUnsign(c.signed, c.secret);
    addUnsign(c.signed, c.secret + 'x');
    addUnsign(c.signed + 'x', c.secret);
    addUnsign(c.signed.slice(0, -1), c.secret);
    addUnsign(c.signed.replace(/\.[^.]*$/, '.'), c.secret);
  }
  for (const input of ['', '.', 'nodot', 'a.', '.a', 'tobi.DJjzMtoOPvBDYBTfTOoDFQ43sfRCVtcrWBrZBgqiF5A', 'tobi.DJjzMtoOPvBDYBTfTOoDFQ43sfRCVtcrWBrZBgqiF5A=']) {
    for (const s of ['tobiiscool', '']) addUnsign(input, s);
  }
  write('cookie-signature-fixtures.json', {
    version: meta('cookie-signature'),
    expressVersion: require(path.join(path.dirname(require.resolve('express/package.json')), 'node_modules', 'cookie-signature', 'package.json')).version,
    cases,
    unsignCases,
  });
}

// ------------------------------------------------------------------------------------------
// cookie-parser (req.cookies / req.signedCookies)

{
  const sign = (v, s) => 's:' + cookieSignature.sign(v, s);
  const enc = encodeURIComponent;
  const secretSets = [[], ['secret'], ['new', 'old'], ['']];
  const jsonValues = [
    '{"a":1}',
    '{"b":1,"a":2}',
    '{"z":1,"10":2,"2":3,"a":{"1":4,"0":5}}',
    '[1,"two",true,null]',
    '"str"',
    '""',
    '0',
    '-0',
    '0.0',
    '1',
    '1.5',
    '1e3',
    '-2.5e-3',
    '12345678901234567890',
    '1e400',
    'true',
    'false',
    'null',
    '[]',
    '{}',
    '{"__proto__":{"x":1}}',
    '{"a":1,"a":2}',
    ' {"a" : [ 1 , 2 ] } ',
    '{"a":1} x',
    '{"a":1}}',
    '{a:1}',
    "{'a':1}",
    '[1,]',
    '01',
    'NaN',
    '',
    ' ',
    '"\\u0041\\n"',
    '"\\x"',
    '\ufeff{}',
    '{"a":1}\u00a0',
    '"\u2028"',
    '[[[[[[[[[[1]]]]]]]]]]',
  ];
  const headers = [
    undefined,
    '',
    'foo=bar',
    'foo=bar; baz=qux',
    'a=s:x',
    'a=' + enc(sign('hello', 'secret')),
    'a=' + sign('hello', 'secret'),
    'a=' + enc(sign('hello', 'old')),
    'a=' + enc(sign('hello', 'new')),
    'a=' + enc(sign('hello', 'other')),
    'a=' + enc(sign('hello', '')),
    'a=' + enc(sign('', 'secret')),
    'a=' + enc(sign('hello', 'secret')) + 'x',
    'a=' + enc(sign('hé llo', 'secret')),
    'a=s:',
    'a=s:.',
    'a=S:' + cookieSignature.sign('hello', 'secret'),
    'plain=1; a=' + enc(sign('v1', 'secret')) + '; b=' + enc(sign('v2', 'wrong')) + '; plain2=2',
    '2=' + enc(sign('two', 'secret')) + '; 1=one; b=' + enc(sign('bee', 'new')) + '; 0=zero',
    'a=' + enc(sign('j:{"x":[1,2]}', 'secret')),
    'a=' + enc(sign('j:{"x":[1,2]}', 'new')),
    'a=' + enc(sign('j:false', 'secret')),
    'a=' + enc(sign('j:bad', 'secret')),
    'a=j:' + enc(sign('x', 'secret')),
    'a=' + enc('j:' + sign('x', 'secret')),
    'a=' + enc(sign(sign('x', 'secret'), 'secret')),
    'a=' + enc(sign('hello', 'secret')) + '; a=other',
    'a="' + enc(sign('hello', 'secret')) + '"',
    'a=s%3Ahello.bad%2',
    '__proto__=' + enc(sign('x', 'secret')) + '; b=1',
  ];
  for (const j of jsonValues) {
    headers.push('j=' + enc('j:' + j));
    headers.push('j=' + enc(sign('j:' + j, 'secret')));
  }
  headers.push('a=j:{"a":1}; b=j:[1]; c=j:0');
  headers.push('a=j%3A%7B%22a%22%3A1%7D');
  const cases = [];
  const describe = (v) => {
    if (v === false) return { false: true };
    if (typeof v === 'string') return { string: v };
    return { json: JSON.stringify(v) };
  };
  for (const h of headers) {
    for (const secrets of secretSets) {
      const req = { headers: {} };
      if (h !== undefined) req.headers.cookie = h;
      let called = false;
      cookieParser(secrets)(req, {}, () => {
        called = true;
      });
      if (!called) throw new Error('next not called');
      cases.push({
        header: h ?? null,
        secrets,
        cookies: Object.keys(req.cookies).map((k) => [k, describe(req.cookies[k])]),
        signedCookies: Object.keys(req.signedCookies).map((k) => [k, describe(req.signedCookies[k])]),
      });
    }
  }
  write('cookie-parser-fixtures.json', { version: meta('cookie-parser'), cases });
}

// ------------------------------------------------------------------------------------------
// Date.prototype.toUTCString and Date.parse

{
  const formatCases = [];
  const times = [
    0, 1, -1, 999, 1000, -999, -1000, -1001, 86399999, 86400000, -86400000, -86400001,
    951782400000, 946684799999, 1700000000000, 1893499200000, 253402300799999, 253402300800000,
    -62135596800000, -62135596800001, -62167219200000, -62167219200001, -62198755200000,
    8.64e15, -8.64e15, 8.64e15 + 1, -8.64e15 - 1, 8.64e15 - 1, -8.64e15 + 1, 4102444800000,
  ];
  for (let i = 0; i < 200; i++) times.push(Math.floor((rand() * 2 - 1) * 8.64e15));
  for (let i = 0; i < 100; i++) times.push(Math.floor(rand() * 4.1e12));
  for (const t of times) formatCases.push({ ms: t, utc: new Date(t).toUTCString() });

  const strings = [
    'Sat, 01 Jan 2000 00:00:00 GMT',
    'Tue, 01 Jan 2030 12:00:00 GMT',
    'Sun, 06 Nov 1994 08:49:37 GMT',
    'Sunday, 06-Nov-94 08:49:37 GMT',
    'Sun Nov  6 08:49:37 1994',
    'Sun Nov 6 08:49:37 1994 GMT',
    'Thu, 01 Jan 1970 00:00:00 GMT',
    'Wed, 31 Dec 1969 23:59:59 GMT',
    'Fri, 31 Dec 9999 23:59:59 GMT',
    'Sat, 01 Jan 10000 00:00:00 GMT',
    'Sat, 13 Sep 275760 00:00:00 GMT',
    'Sat, 13 Sep 275760 00:00:01 GMT',
    'Tue, 20 Apr -271821 00:00:00 GMT',
    'Mon, 01 Jan 0001 00:00:00 GMT',
    'Fri, 01 Jan -0001 00:00:00 GMT',
    'Mon, 32 Jan 2000 00:00:00 GMT',
    'Mon, 31 Feb 2000 00:00:00 GMT',
    'Mon, 00 Jan 2000 00:00:00 GMT',
    'Sat, 01 Jan 2000 24:00:00 GMT',
    'Sat, 01 Jan 2000 24:00:01 GMT',
    'Sat, 01 Jan 2000 23:60:00 GMT',
    'Sat, 01 Jan 2000 23:59:60 GMT',
    'Sat, 01 Jan 2000 00:00:00 UTC',
    'Sat, 01 Jan 2000 00:00:00 UT',
    'Sat, 01 Jan 2000 00:00:00 Z',
    'Sat, 01 Jan 2000 00:00:00 EST',
    'Sat, 01 Jan 2000 00:00:00 PDT',
    'Sat, 01 Jan 2000 00:00:00 +0100',
    'Sat, 01 Jan 2000 00:00:00 -0530',
    'Sat, 01 Jan 2000 00:00:00 GMT+0100',
    'Sat, 01 Jan 2000 00:00:00 GMT-8',
    'Sat, 01 Jan 2000 00:00:00 GMT+05:30',
    'Sat, 01 Jan 2000 00:00:00 GMT+12345',
    'Sat, 01 Jan 2000 00:00:00 GMT+',
    'Sat, 01 Jan 2000 00:00:00 CET',
    'Sat, 01 Jan 2000 00:00:00 GMTX',
    'Sat, 01 Jan 2000 00:00:00',
    'Sat, 01 Jan 2000',
    '01 Jan 2000',
    'Jan 2000',
    'Jan 1',
    '1 Jan',
    '2000',
    '2000-01',
    '2000-01-01',
    '2000-01-01T00:00',
    '2000-01-01T00:00Z',
    '2000-01-01T00:00:00.123Z',
    '2000-01-01T00:00:00.1Z',
    '2000-01-01T00:00:00.123456789Z',
    '2000-01-01T00:00:00+01:00',
    '2000-01-01T00:00:00+0100',
    '2000-01-01T24:00:00Z',
    '2000-01-01T24:00:01Z',
    '2000-01-01T25:00:00Z',
    '2000-13-01',
    '2000-01-32',
    '2000-1-1',
    '2000/01/01',
    '01/02/2000',
    '01/02/2000 10:00 PM',
    '01/02/2000 12:00 AM',
    '01/02/2000 13:00 PM',
    '1/2/3',
    '+002000-01-01T00:00:00Z',
    '-002000-01-01T00:00:00Z',
    '-000000-01-01T00:00:00Z',
    '+275760-09-13T00:00:00.000Z',
    '+275760-09-13T00:00:00.001Z',
    '2000-01-01 00:00:00',
    '2000-01-01 00:00:00Z',
    '2000-01-01T00:00:00 GMT',
    'Sat, 01 Jan 2000 00:00:00 GMT (Coordinated Universal Time)',
    'Sat, 01 Jan 2000 (comment) 00:00:00 GMT',
    'Sat, 01 Jan 2000 00:00:00 GMT)',
    '(Sat, 01 Jan 2000 00:00:00 GMT',
    'Sat, 01 Jan 2000 00:00:00 GMT\0garbage',
    'Sat, 01 Jan 2000\0 00:00:00 GMT',
    'sat, 01 jan 2000 00:00:00 gmt',
    'SATURDAY, 01 JANUARY 2000 00:00:00 GMT',
    'Sat, 01 Janx 2000 00:00:00 GMT',
    'Sat, 01 Ja 2000 00:00:00 GMT',
    'Sat,01 Jan 2000 00:00:00 GMT',
    'Sat, 01-Jan-2000 00:00:00 GMT',
    'Sat, 01 Jan 2000 00:00:00.5 GMT',
    'Sat, 01 Jan 2000 00:00:00.999 GMT',
    'Sat, 01 Jan 2000 00:00:00.1234 GMT',
    'Sat, 01 Jan 2000 00:00 GMT',
    'Sat, 01 Jan 2000 00 GMT',
    'Sat, 01 Jan 2000 0:0:0 GMT',
    'Sat, 01 Jan 2000 00:00:00 am GMT',
    'Sat, 01 Jan 2000 12:00:00 am GMT',
    'Sat, 01 Jan 2000 12:00:00 pm GMT',
    'Sat, 01 Jan 2000 00:00:00GMT',
    'Sat, 01 Jan 2000 00:00:00x GMT',
    'Sat, 01 Jan 00 00:00:00 GMT',
    'Sat, 01 Jan 49 00:00:00 GMT',
    'Sat, 01 Jan 50 00:00:00 GMT',
    'Sat, 01 Jan 99 00:00:00 GMT',
    'Sat, 01 Jan 100 00:00:00 GMT',
    'Sat, 01 Jan 999999999 00:00:00 GMT',
    'Sat, 01 Jan 1234567890123 00:00:00 GMT',
    'Sat, 1 Jan 2000 1:2:3 GMT',
    '2000 Jan 1 00:00:00 GMT',
    'Jan 1 2000 00:00:00 GMT',
    '1 2000 Jan',
    'Saturday',
    'garbage',
    'Jan',
    '',
    ' ',
    'GMT',
    '12:00',
    '12:00 Jan 1 2000',
    'Jan 1 2000 12:00 +01:00',
    'Jan 1 2000 10:00 GMT+596523:',
    'Jan 1 2000 10:00 GMT+596524:',
    'Jan 1 2000 10:00 GMT+1193047:',
    'Jan 1 2000 10:00 GMT+999999999:',
    'Jan 1 2000 10:00 UTC-0:30',
    'Jan 1 2000 10:00 +0130 (x)',
    'Jan 1 2000 10::',
    'Jan 1 2000 10:: 5:',
    'Jan 1 2000 10:20:30:40',
    'Jan 1 2000 10:20:30:40:50',
    'Jan 1 2000 10.20',
    'Jan 1 2000 10:20.30',
    'Jan 1 2000 10:20:30.',
    'Jan 1 2000 10:20:30.x',
    '1 2 3 4',
    'Jan 1 2000 - 10:00',
    'Jan 1 2000 + 10:00',
    'x1 Jan 2000',
    'x 1 Jan 2000',
    'Tue Jan 01 2030 12:00:00 GMT+0000 (Coordinated Universal Time)',
    'Mar 10 2024 02:30:00',
    'Mar 10 2024 01:59:59',
    'Mar 10 2024 03:00:00',
    'Nov 3 2024 01:30:00',
    'Nov 3 2024 00:59:59',
    'Nov 3 2024 02:00:00',
    '2024-03-10T02:30',
    '2024-11-03T01:30',
    'Oct 6 2024 02:15',
    'Apr 7 2024 02:15',
    'Apr 7 2024 01:45',
    '1900-01-01T00:00',
    '1800-06-01T12:00',
    '2100-07-01T12:00',
    'Jul 1 1850 12:00',
    'Jan 1 275760 00:00',
    'Sep 12 275760 12:00',
    'Sep 13 275760 00:00',
    'Apr 20 -271821',
    '\u00a0Sat, 01 Jan 2000 00:00:00 GMT',
    'Sat,\u00a001 Jan 2000 00:00:00 GMT',
    'Sat, 01\u2028Jan 2000 00:00:00 GMT',
    'Sat, 01 Jan 2000 00:00:00 GMT\n',
    'Sat, 01 Jan 2000 00:00:00 GMT\v',
    '日本 01 Jan 2000 00:00:00 GMT',
    'Sat, 01 Jan 2000 00:00:00 ＧＭＴ',
    'Sat, ٠١ Jan 2000 00:00:00 GMT',
    'Sat, 01 Jan 2000 00:00:00 GMT GMT',
    'Sat, 01 Jan 2000 00:00:00 GMT EST',
    'Sat, 01 Jan 2000 00:00:00 EST+1',
    'Sat, 01 Jan 2000 00:00:00 +1 GMT',
    'Sat, 01 Jan Feb 2000',
    'T10:00',
    '2000T10:00',
    '2000-01T10:00',
    '2000-01-01T10',
    '2000-01-01t10:00:00z',
    '2000-01-01T10:00:00.Z',
    '2000-01-01T10:00:00+24:00',
    '2000-01-01T10:00:00+23:59',
    '2000-01-01T10:00:00+2360',
    '2000-01-01T10:00:00-00:00',
    '2000-01-01T10:00:00 +01:00',
    '2000-01-01T10:00:00Z junk',
  ];
  // Mutations and random token soup around the forms above.
  const tokens = [
    'Sat', 'Sunday', 'Jan', 'February', 'dec', 'GMT', 'UTC', 'UT', 'Z', 'z', 'EST', 'pdt', 'am', 'PM',
    'T', 't', 'x', 'foo', '(c)', '(', ')', ',', ', ', ' ', ' ', ' ', '  ', '-', '+', ':', '.', '/',
    '0', '1', '9', '00', '01', '12', '24', '31', '32', '59', '60', '99', '100', '999', '1000', '1999',
    '2000', '2024', '12345', '0100', '+0100', '-0500', '+05:30', '00:00:00', '23:59:59', '12:30',
    '08:49:37.123', '\t', '\n', '日', 'é', '007', '0000000001999', '.0123456789', '1234567890',
    '\u00a0', '\u2028', '\ufeff', '\u3000', '\u0085', '\0', '+000000', '-000001', '+275760', '::',
  ];
  for (let i = 0; i < 700; i++) {
    let s = '';
    for (let k = 1 + int(9); k > 0; k--) s += pick(tokens);
    strings.push(s);
  }
  const base = strings.slice(0, 120);
  const chars = ' ,:-+./()0123456789TZaGMTJanxé\t';
  for (let i = 0; i < 600; i++) {
    let s = pick(base);
    for (let k = 1 + int(3); k > 0; k--) {
      const at = int(s.length + 1);
      const op = int(3);
      if (op === 0) s = s.slice(0, at) + s.slice(at + 1);
      else if (op === 1) s = s.slice(0, at) + chars[int(chars.length)] + s.slice(at);
      else s = s.slice(0, at) + chars[int(chars.length)] + s.slice(at + 1);
    }
    strings.push(s);
  }
  // ISO-ish shapes.
  for (let i = 0; i < 200; i++) {
    const pad = (n, w) => String(n).padStart(w, '0');
    let s = pick(['', '', '+', '-']) ;
    s += s ? pad(int(300000), 6) : pad(int(10000), pick([4, 4, 4, 2, 3, 5]));
    if (rand() < 0.8) s += '-' + pad(int(14), 2);
    if (rand() < 0.7) s += '-' + pad(int(33), 2);
    if (rand() < 0.7) {
      s += pick(['T', 'T', ' ', 't']) + pad(int(26), 2) + ':' + pad(int(61), 2);
      if (rand() < 0.7) s += ':' + pad(int(61), 2);
      if (rand() < 0.4) s += '.' + pad(int(10000), 1 + int(5));
      s += pick(['', 'Z', '+01:00', '-0530', '+25:00', 'z', ' GMT', '+1']);
    }
    strings.push(s);
  }

  const zones = ['UTC', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe'];
  const parsed = {};
  for (const tz of zones) {
    const out = childProcess.execFileSync(process.execPath, [__filename, '--date-parse'], {
      input: JSON.stringify(strings),
      env: { ...process.env, TZ: tz },
      maxBuffer: 64 * 1024 * 1024,
    });
    parsed[tz] = JSON.parse(out.toString('utf8'));
  }
  const parseCases = strings.map((s, i) => {
    const byZone = {};
    for (const tz of zones) byZone[tz] = parsed[tz][i];
    return { input: s, ms: byZone };
  });
  write('http-dates-fixtures.json', { node: process.version, zones, formatCases, parseCases });
}
