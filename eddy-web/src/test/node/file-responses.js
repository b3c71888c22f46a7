// Records how Express 5.3.0 (send 1.2.1, serve-static 2.2.1) answers file requests, plus the
// Node path functions and the ms parser that send relies on, as the fixture
// eddy-web/src/test/resources/dev/eddy/web/internal/file-responses.json.
//
// Regenerate from the repository root:
//   NODE_PATH=/tmp/express-ref/node_modules node eddy-web/src/test/node/file-responses.js
// (/tmp/express-ref is a copy of shared/express-parity/ref with `npm ci` run in it.)
//
// The script builds a small file tree (described in the fixture, so the Java test can build the
// same one with the same modification times), serves it with an Express app whose routes the Java
// test mirrors (FileResponsesFixtureTest), sends every request over a fresh connection and keeps
// status, headers (but Date, Connection, Keep-Alive and X-Powered-By) and body.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const http = require('http');
const crypto = require('crypto');
const express = require('express');
const ms = require('ms');

const OUT = path.join(__dirname, '../resources/dev/eddy/web/internal/file-responses.json');
const MTIME_MS = 1622551496789; // 2021-06-01T12:44:56.789Z

// ------------------------------------------------------------------ the tree
function bigContent(n) {
  const b = Buffer.alloc(n);
  let x = 12345;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) & 0x7fffffff;
    b[i] = (x >> 16) & 0xff;
  }
  return b;
}

const TEXT_FILES = {
  'index.html': '<!DOCTYPE html>\n<title>home</title>\n<h1>home</h1>\n',
  'page.html': '<p>a page</p>\n',
  'style.css': 'body { color: #333; }\n',
  'app.js': 'console.log("hi")\n',
  'data.json': '{"a":1,"b":[true,null]}\n',
  'logo.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>\n',
  'notes.txt': 'Line one\nLine two\nLine three\n',
  'README': 'no extension here\n',
  'empty.txt': '',
  'space name.txt': 'spaced out\n',
  'café.txt': 'crème brûlée\n',
  '100%.txt': 'percent\n',
  'a+b.txt': 'plus\n',
  '.hidden': 'secret stuff\n',
  '.well-known/x.txt': 'well known\n',
  'dir/index.html': '<p>dir index</p>\n',
  'dir/deep.txt': 'deep\n',
  'dir/sub/leaf.txt': 'leaf\n',
  'dir/.dotdir/inner.txt': 'inner\n',
  'noidx/file.txt': 'no index here\n',
  'idx2/default.htm': '<p>default</p>\n',
  'idx2/index.html': '<p>second choice</p>\n',
  'docs/readme.txt': 'docs dir\n',
  'docs.html': '<p>docs page</p>\n',
  'unknown.xyz': 'unknown type\n',
  'weird.tar.gz': 'not really gzip\n',
  'file.with.dots.TXT': 'upper ext\n',
  'trailing.': 'dot at the end\n',
  'page2.htm': '<p>htm</p>\n',
  'nested.html/inner.txt': 'a directory named like a page\n',
  'secret.txt': 'outside? no, inside\n',
};
const BIG_SIZE = 300000;

function buildTree(root) {
  for (const [rel, content] of Object.entries(TEXT_FILES)) {
    const p = path.join(root, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
  }
  fs.writeFileSync(path.join(root, 'big.bin'), bigContent(BIG_SIZE));
  const t = MTIME_MS / 1000;
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      fs.utimesSync(p, t, t);
    }
  };
  walk(root);
}

// ------------------------------------------------------------------ the app
function buildApp(ROOT) {
  const app = express();
  app.set('env', 'production');

  app.use('/s', express.static(ROOT));
  app.use('/nf', express.static(ROOT, {
    fallthrough: false,
    index: false,
    maxAge: '1d',
    immutable: true,
    dotfiles: 'deny',
    extensions: ['html'],
    setHeaders (res, p) { res.set('X-File', path.basename(p)) }
  }));
  app.use('/opt', express.static(ROOT, {
    dotfiles: 'allow',
    redirect: false,
    index: ['default.htm', 'index.html'],
    etag: false,
    lastModified: false,
    acceptRanges: false,
    cacheControl: false,
    maxAge: 5000
  }));
  app.use('/ext', express.static(ROOT, {
    extensions: ['txt', 'html'],
    maxAge: 90061000,
    setHeaders (res, p, stat) {
      res.set('Cache-Control', 'private')
      res.set('X-Size', String(stat.size))
    }
  }));

  app.get('/sf', (req, res) => res.sendFile(req.query.p, { root: ROOT }));
  app.get('/sfo', (req, res) => res.sendFile(req.query.p, {
    root: ROOT,
    maxAge: '2h',
    immutable: true,
    headers: { 'X-Sent': 'yes', 'Cache-Control': 'no-transform' },
    dotfiles: 'allow',
    lastModified: false
  }));
  app.get('/sfd', (req, res) => res.sendFile(req.query.p, { root: ROOT, dotfiles: 'deny', acceptRanges: false, cacheControl: false }));
  app.get('/sfa', (req, res) => res.sendFile(ROOT + req.query.p));
  app.get('/sfcb', (req, res) => res.sendFile(req.query.p, { root: ROOT }, (err) => {
    if (!err) return;
    const code = err.code === 'EISDIR' ? 'EISDIR' : String(err.status);
    res.status(err.code === 'EISDIR' ? 299 : err.status).set('X-Err', code).end();
  }));
  app.get('/dl', (req, res) => res.download(ROOT + req.query.p, req.query.name));
  app.get('/dlr', (req, res) => res.download(req.query.p, req.query.name, {
    root: ROOT,
    headers: { 'Content-Disposition': 'inline', 'X-Dl': '1' }
  }));
  app.get('/st404', (req, res) => res.status(404).sendFile('notes.txt', { root: ROOT }));
  app.get('/typed', (req, res) => res.type('text/x-custom').sendFile('notes.txt', { root: ROOT }));
  const noEtag = express();
  noEtag.set('etag', false);
  noEtag.get('/', (req, res) => res.sendFile('notes.txt', { root: ROOT }));
  app.use('/noetag', noEtag);
  return app;
}

// ------------------------------------------------------------------ the requests
function requests(etagOf, lastModified) {
  const out = [];
  const add = (method, p, headers) => out.push({ method, path: p, headers: headers || {} });

  const subpaths = [
    '', '/', '/index.html', '/page.html', '/page', '/page2', '/style.css', '/app.js', '/data.json',
    '/logo.svg', '/notes.txt', '/README', '/empty.txt', '/big.bin', '/space%20name.txt',
    '/caf%C3%A9.txt', '/caf%c3%a9.txt', '/100%25.txt', '/100%.txt', '/a+b.txt', '/a%2Bb.txt',
    '/.hidden', '/%2ehidden', '/.well-known/x.txt', '/dir', '/dir/', '/dir?x=1&y=%20', '/dir/?q',
    '/dir?', '/dir//deep.txt', '//dir/deep.txt', '/dir/deep.txt', '/dir/deep.txt/', '/dir/sub',
    '/dir/sub/', '/dir/sub/leaf.txt', '/dir/.dotdir/inner.txt', '/dir/./deep.txt', '/noidx/',
    '/noidx', '/idx2/', '/idx2', '/docs', '/docs/', '/missing', '/missing.txt', '/missing/',
    '/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/dir/..%2fnotes.txt',
    '/dir/../notes.txt', '/dir/%2e%2e/notes.txt', '/dir/sub/../../notes.txt', '/a%00b',
    '/%00', '/%E0%A4%A', '/%zz', '/%', '/dir%2Fdeep.txt', '/dir%2F', '/dir%2f?a=b',
    '/notes.txt%2F', '/NOTES.TXT', '/unknown.xyz', '/weird.tar.gz', '/file.with.dots.TXT',
    '/trailing.', '/trailing', '/notes.txt/x', '/..', '/.', '/dir/.', '/dir/..', '/%5C..%5Cnotes.txt',
    '/dir%5C..%5Cnotes.txt', '/nested', '/nested.html', '/nested.html/', '/secret', '/%2Fdir/deep.txt',
    '/dir/%2e/deep.txt', '/...', '/.../x', '/dir/sub/leaf', '/x/..', '/notes.txt?download=1',
    '/dir/index.html/'
  ];
  for (const mount of ['/s', '/nf', '/opt', '/ext']) {
    for (const sp of subpaths) add('GET', mount + sp);
  }
  add('GET', '/S/notes.txt');
  add('GET', '/s//notes.txt');
  add('GET', 'http://Example.COM/s/dir?x=1');
  add('GET', 'http://example.com/nf/dir');
  for (const mount of ['/s', '/nf', '/opt']) {
    add('HEAD', mount + '/notes.txt');
    add('HEAD', mount + '/dir');
    add('HEAD', mount + '/missing');
    add('HEAD', mount + '/big.bin');
    add('POST', mount + '/notes.txt');
    add('PUT', mount + '/dir');
    add('OPTIONS', mount + '/notes.txt');
    add('DELETE', mount + '/missing');
  }

  // sendFile / download routes
  const sfPaths = [
    'notes.txt', 'dir', 'dir/', 'dir/deep.txt', 'noidx/', 'missing.txt', '.hidden', 'dir/.dotdir/inner.txt',
    '../secret.txt', 'dir/../notes.txt', 'dir/sub/../../notes.txt', 'a\u0000b', '%00', 'caf%C3%A9.txt',
    'café.txt', 'space name.txt', '100%.txt', 'big.bin', 'empty.txt', 'README', 'page', 'notes.txt/',
    './notes.txt', '/notes.txt', '//dir/deep.txt', 'dir\\..\\notes.txt', 'unknown.xyz', 'idx2/',
    '.well-known/x.txt', 'nested.html'
  ];
  for (const r of ['/sf', '/sfo', '/sfd', '/sfcb']) {
    for (const p of sfPaths) add('GET', r + '?p=' + encodeURIComponent(p));
  }
  for (const p of ['/notes.txt', '/dir', '/dir/', '/missing', '/.hidden', '/dir/../notes.txt', '/dir/deep.txt', '/café.txt']) {
    add('GET', '/sfa?p=' + encodeURIComponent(p));
  }
  const dl = [
    ['/notes.txt'], ['/notes.txt', 'report.csv'], ['/notes.txt', 'Résumé 2024.txt'], ['/notes.txt', 'a/b/c.pdf'],
    ['/notes.txt', 'with "quotes".txt'], ['/big.bin'], ['/missing.bin'], ['/dir'], ['/café.txt'],
    ['/space name.txt'], ['/.hidden'], ['/notes.txt', '€ rates.txt'], ['/notes.txt', 'plain'], ['/notes.txt', '']
  ];
  for (const [p, name] of dl) {
    add('GET', '/dl?p=' + encodeURIComponent(p) + (name === undefined ? '' : '&name=' + encodeURIComponent(name)));
    add('GET', '/dlr?p=' + encodeURIComponent(p.slice(1)) + (name === undefined ? '' : '&name=' + encodeURIComponent(name)));
  }
  add('HEAD', '/dl?p=%2Fnotes.txt');
  add('GET', '/st404');
  add('GET', '/st404', { 'If-None-Match': '*' });
  add('GET', '/typed');
  add('GET', '/noetag');
  add('GET', '/noetag', { 'If-Match': '*' });
  add('GET', '/noetag', { 'If-None-Match': '*' });

  // conditional and range requests, on a static mount and on sendFile
  const tag = etagOf('notes.txt');
  const bigTag = etagOf('big.bin');
  const past = 'Tue, 01 Jun 2021 12:44:55 GMT';
  const future = 'Wed, 02 Jun 2021 00:00:00 GMT';
  const conds = [
    { 'If-None-Match': tag }, { 'If-None-Match': tag.slice(2) }, { 'If-None-Match': '*' },
    { 'If-None-Match': '"other"' }, { 'If-None-Match': '"a", ' + tag }, { 'If-None-Match': '"a" , "b"' },
    { 'If-Modified-Since': lastModified }, { 'If-Modified-Since': past }, { 'If-Modified-Since': future },
    { 'If-Modified-Since': 'garbage' }, { 'If-Modified-Since': '2021-06-02' },
    { 'If-None-Match': '"other"', 'If-Modified-Since': future },
    { 'If-None-Match': tag, 'Cache-Control': 'no-cache' }, { 'If-None-Match': tag, 'Cache-Control': 'max-age=0, no-cache' },
    { 'If-Match': tag }, { 'If-Match': tag.slice(2) }, { 'If-Match': '"x"' }, { 'If-Match': '*' },
    { 'If-Match': '"x", ' + tag }, { 'If-Match': '"x",' + tag.slice(2) }, { 'If-Match': ' , "x"' },
    { 'If-Unmodified-Since': past }, { 'If-Unmodified-Since': future }, { 'If-Unmodified-Since': lastModified },
    { 'If-Unmodified-Since': 'nonsense' }, { 'If-Match': '"x"', 'If-None-Match': tag },
    { 'If-Match': tag, 'If-None-Match': tag },
    { Range: 'bytes=0-4' }, { Range: 'bytes=5-' }, { Range: 'bytes=-5' }, { Range: 'bytes=0-0' },
    { Range: 'bytes=0-4,5-9' }, { Range: 'bytes=0-1,5-6' }, { Range: 'bytes=100-200' }, { Range: 'bytes=2-1' },
    { Range: 'bytes=abc' }, { Range: 'items=0-1' }, { Range: '  bytes=0-1' }, { Range: 'bytes=0-99999' },
    { Range: 'bytes=-0' }, { Range: 'bytes=0-4, 3-8' }, { Range: 'bytes=28-' }, { Range: 'bytes=29-' },
    { Range: 'bytes=-100' }, { Range: 'bytes=1-2,100-200' }, { Range: 'Bytes=0-1' }, { Range: 'bytes= 0-1' },
    { Range: 'bytes=0-1', 'If-Range': tag }, { Range: 'bytes=0-1', 'If-Range': '"nope"' },
    { Range: 'bytes=0-1', 'If-Range': lastModified }, { Range: 'bytes=0-1', 'If-Range': past },
    { Range: 'bytes=0-1', 'If-Range': future }, { Range: 'bytes=0-1', 'If-Range': 'junk' },
    { Range: 'bytes=100-200', 'If-Range': '"nope"' }, { Range: 'bytes=0-1', 'If-Range': tag.slice(2) },
    { Range: 'bytes=0-1', 'If-None-Match': tag }, { Range: 'bytes=0-1', 'If-Match': '"x"' },
    { Range: 'bytes=0-1', 'If-None-Match': '"x"' }
  ];
  for (const h of conds) {
    add('GET', '/s/notes.txt', h);
    add('GET', '/sf?p=notes.txt', h);
  }
  for (const h of [{ Range: 'bytes=0-4' }, { 'If-None-Match': tag }, { 'If-Match': '"x"' }, { Range: 'bytes=100-200' }]) {
    add('HEAD', '/s/notes.txt', h);
    add('GET', '/nf/notes.txt', h);
    add('GET', '/opt/notes.txt', h);
    add('GET', '/sfo?p=notes.txt', h);
    add('GET', '/sfd?p=notes.txt', h);
    add('GET', '/sfcb?p=notes.txt', h);
    add('GET', '/dl?p=%2Fnotes.txt', h);
  }
  for (const r of ['bytes=0-0', 'bytes=-1', 'bytes=0-', 'bytes=1-2']) add('GET', '/s/empty.txt', { Range: r });
  add('GET', '/s/empty.txt', { 'If-None-Match': etagOf('empty.txt') });
  for (const r of ['bytes=100000-100099', 'bytes=-10', 'bytes=299990-', 'bytes=0-65536', 'bytes=65530-131080']) {
    add('GET', '/s/big.bin', { Range: r });
  }
  add('GET', '/s/big.bin', { 'If-None-Match': bigTag });
  add('GET', '/s/dir', { 'If-None-Match': '*' });
  add('GET', '/s/missing', { Range: 'bytes=0-1' });
  return out;
}

// ------------------------------------------------------------------ pure functions
function pathCases() {
  const inputs = [
    '', '.', '..', '/', '//', '///a//b', 'a/b/../c', 'a/../../b', '/a/../../b', './a', './../a', 'a/./b/.',
    'a/b/', 'a//', '/..', '/../x', '../x/..', 'a/b/c/../../..', 'a/b/c/../../../..', '.a', '..a', 'a..', '...',
    '.../x', 'x/...', '/x/.hidden/y', 'a\\..\\b', '/a/b/c/', 'a/./../b', './', './/', './/x', 'foo/bar/baz.txt',
    '/foo/bar.tar.gz', 'foo.', '.foo', '.foo.bar', 'foo/.bar', 'foo/.bar.baz', 'foo/.', 'foo/..', 'a.b/c', 'a.b/c.',
    '/a/b.c/', '..', '...', '....', 'x.y.z', '/x.y.z///', 'caf\u00e9.txt', 'a/b/../../..', '/a/b/../../..'
  ];
  const cwd = '/work/here';
  return inputs.map((p) => ({
    input: p,
    normalize: path.posix.normalize(p),
    join: path.posix.join('/root/base', p),
    joinRel: path.posix.join('rel', p),
    resolve: path.posix.resolve(cwd, p),
    extname: path.posix.extname(p),
    basename: path.posix.basename(p),
    upPath: /(?:^|[\\/])\.\.(?:[\\/]|$)/.test(p),
    dotfile: p.split('/').some((part) => part.length > 1 && part[0] === '.')
  }));
}

function msCases() {
  const inputs = [
    '1d', '2h', '1.5h', '90 minutes', '5000', '5s', '1 second', '2 secs', '3m', '1min', '4mins', '1w', '2 weeks',
    '1y', '1 year', '2yrs', '1yr', '10ms', '10 msecs', '1msec', '7 milliseconds', '1 millisecond', '.5d', '-1d',
    '-.5h', '1.d', '1..5h', '1e3', '1 D', '1H', '1 Hours', '  1d', '1d ', '1  d', '1\td', 'd', '', 'abc', '1x',
    '1 dayss', '1 days', '1day', '1hr', '1hrs', '1 hour', '100', '-100', '0', '0.0001', '1ſ', '٣d', '1.', '.',
    '-', '--1', '1-', '12345678901234567890', '1.2.3', 'x'.repeat(101), '9'.repeat(101)
  ];
  return inputs.map((s) => {
    const v = s.length > 0 ? ms(s) : undefined;
    return { input: s, ms: typeof v === 'number' && !Number.isNaN(v) ? v : null };
  });
}

// ------------------------------------------------------------------ run
function request(port, r) {
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1',
      port,
      method: r.method,
      path: r.path,
      headers: Object.assign({ Connection: 'close' }, r.headers),
      agent: false
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        const headers = {};
        for (let i = 0; i < res.rawHeaders.length; i += 2) {
          const name = res.rawHeaders[i].toLowerCase();
          if (['date', 'connection', 'keep-alive', 'x-powered-by'].includes(name)) continue;
          headers[name] = headers[name] === undefined ? res.rawHeaders[i + 1] : headers[name] + ', ' + res.rawHeaders[i + 1];
        }
        resolve({ status: res.statusCode, headers, body: describeBody(body) });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

function describeBody(buf) {
  const text = buf.toString('utf8');
  if (buf.length <= 4096 && Buffer.from(text, 'utf8').equals(buf) && !/[\u0000-\u0008\u000e-\u001f]/.test(text)) {
    return { text };
  }
  return { length: buf.length, sha256: crypto.createHash('sha256').update(buf).digest('hex') };
}

async function main() {
  // Express logs every error it hands to the final handler; the fixture keeps the answers only.
  console.error = () => {};
  const ROOT = fs.mkdtempSync(path.join(os.tmpdir(), 'eddy-file-responses-'));
  try {
    buildTree(ROOT);
    const etagOf = (rel) => {
      const st = fs.statSync(path.join(ROOT, rel));
      return require('etag')(st);
    };
    const lastModified = new Date(MTIME_MS).toUTCString();
    const app = buildApp(ROOT);
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const port = server.address().port;
    const cases = [];
    for (const r of requests(etagOf, lastModified)) {
      cases.push({ request: r, response: await request(port, r) });
    }
    server.close();
    const tree = Object.entries(TEXT_FILES).map(([p, c]) => ({ path: p, text: c }));
    const fixture = {
      mtimeMs: MTIME_MS,
      bigFile: { path: 'big.bin', size: BIG_SIZE, generator: 'x = (x * 1103515245 + 12345) & 0x7fffffff in 32-bit integer arithmetic from x = 12345; byte = (x >> 16) & 0xff' },
      tree,
      paths: pathCases(),
      ms: msCases(),
      cases
    };
    fs.writeFileSync(OUT, JSON.stringify(fixture, null, 1) + '\n');
    console.log('wrote ' + cases.length + ' HTTP cases, ' + fixture.paths.length + ' path cases, ' + fixture.ms.length + ' ms cases to ' + OUT);
  } finally {
    fs.rmSync(ROOT, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
