// Records how router 2.3.0's Layer (on path-to-regexp 8.4.2) matches request paths, for
// PathPatternFixtureTest.
// Regenerate from the repository root with:
//   NODE_PATH=/tmp/express-ref/node_modules node eddy-web/src/test/node/path-fixtures.js
// (the reference packages come from ../shared/express-parity/ref; `npm ci` there or in a copy).
'use strict'

const fs = require('fs')
const path = require('path')
const Layer = require('router/lib/layer.js')

const OUT = path.join(__dirname, '../resources/dev/eddy/web/internal/path-fixtures.json')

// Every combination of the router options.
const ALL = []
for (const sensitive of [false, true]) {
  for (const strict of [false, true]) {
    for (const end of [true, false]) ALL.push({ sensitive, strict, end })
  }
}
const ROUTE = ALL.filter((o) => o.end)
const MOUNT = ALL.filter((o) => !o.end)
const LOOSE = ALL.filter((o) => !o.strict)

const cases = []

function record (spec, opts, reqs) {
  const c = { opts }
  if (spec instanceof RegExp) {
    c.regex = spec.source
    c.flags = spec.flags
  } else if (Array.isArray(spec)) {
    c.arrayElement = spec[0]
  } else {
    c.path = spec
  }
  let layer
  try {
    layer = new Layer(spec, opts, function handler () {})
  } catch (err) {
    c.compileError = err.message
    cases.push(c)
    return
  }
  c.requests = reqs.map((req) => {
    try {
      const m = layer.match(req)
      return m ? { req, match: { path: m.path, params: m.params } } : { req, match: null }
    } catch (err) {
      return { req, error: err.message, status: err.status }
    }
  })
  cases.push(c)
}

function group (patterns, optsList, reqs) {
  for (const p of patterns) for (const o of optsList) record(p, o, reqs)
}

// ---- literals, trailing slashes, case
group(['/', '', '//'], ALL, ['/', '', '//', '///', '/a', '//a', 'a'])
group(['/users', '/users/', '/users//', '/Users'], ALL, [
  '/users', '/users/', '/users//', '/USERS', '/Users/', '/users/x', '/usersx', '/users.json', '/user',
  'users', '/users/x/', '/uSeRs/x', ''
])
group(['/api/items', '/api/items/'], ALL, [
  '/api/items', '/API/Items/', '/api/items/1', '/api/itemsx', '/api/items//', '/api', '/api/',
  '/api//items'
])
group(['/a.b', '/a-b', '/~x', '/a b', '/a+b'.replace('+', '\\+'), '/a%20b'], LOOSE, [
  '/a.b', '/aXb', '/a-b', '/A-B', '/~x', '/a b', '/a%20b', '/a+b', '/A%20B', '/a.b/'
])
// case folding beyond ASCII, as a non-unicode /i RegExp does it
group(['/caf\u00e9', '/\u03c3', '/\u00df', '/K', '/\u212a', '/s', '/\u017f', '/i', '/\u0131', '/\u1f80',
  '/\u00b5'], ALL.filter((o) => !o.strict && o.end), [
  '/caf\u00e9', '/CAF\u00c9', '/caf%C3%A9', '/\u03a3', '/\u03c2', '/\u03c3', '/\u00df', '/SS', '/\u1e9e',
  '/k', '/K', '/\u212a', '/s', '/S', '/\u017f', '/i', '/I', '/\u0131', '/\u0130', '/\u1f80', '/\u1f88',
  '/\u00b5', '/\u039c', '/\u03bc'
])
// escapes make the reserved characters literal
group(['/a\\:b', '/a\\*b', '/a\\{b\\}', '/a\\\\b', '/\\(x\\)', '/a\\?', '/\\!', '/x\\/'], ALL, [
  '/a:b', '/a*b', '/a{b}', '/a\\b', '/(x)', '/a?', '/!', '/x/', '/x', '/x//', '/a', '/a\\', '/a/'
])

// ---- parameters
group(['/users/:id'], ALL, [
  '/users/1', '/users/1/', '/users/1//', '/users/', '/users', '/USERS/AbC', '/users/1/edit',
  '/users/a%20b', '/users/a%2Fb', '/users/a%2fb', '/users/%E0%A4%A', '/users/%', '/users/%zz',
  '/users/a+b', '/users/caf%C3%A9', '/users/%C3%A9t%C3%A9', '/users/%F0%9F%98%80', '/users/%ED%A0%80',
  '/users/a.b', '/users/:id', '/users/1%2F2/x'
])
group(['/users/:id/edit', '/:a/:b', '/:a/:a', '/:a/x/:b'], ALL, [
  '/users/1/edit', '/users/1/edit/', '/users/1/EDIT', '/users//edit', '/a/b', '/a/b/', '/a/b/c', '/a',
  '/a/x/b', '/a/X/b', '/a/x/b/', '/%41/%42', '/a/%E0'
])
group(['/:id', '/:id/', ':id', '/:_x$1', '/:$', '/:a1b2'], ALL, [
  '/', '/x', '/x/', 'x', '/x/y', '//x', '/%2F', '/%2f/', '/ ', '/%20', '/a%C3%A9'
])
group(['/flights/:from-:to', '/:a-:b-:c', '/:a.:b', '/:a.:b.:c', '/:a.', '/:a-:b.:c'], ALL.filter((o) => !o.sensitive), [
  '/flights/A-B', '/flights/A-B-C', '/flights/-A', '/flights/A-', '/flights/A--B', '/flights/AB',
  '/flights/-', '/flights/--', '/flights/A-B/', '/flights/A-B/C', '/a-b-c', '/a-b-c-d', '/a--b', '/a-b',
  '/-a-b', '/file.txt', '/file.tar.gz', '/.txt', '/file.', '/a..b', '/...', '/a.b.', '/a.b/', '/a.b.c',
  '/a.b.c.d', '/a-b.c', '/a.b-c', '/x.', '/x..', '/a%2Eb.c', '/a%2Db-c'
])
group(['/:ab:cd'.replace(':cd', 'X:cd'), '/:aX:b', '/user-:id', '/:id-user', '/@:user', '/v:major.:minor'], LOOSE, [
  '/fooXbar', '/fooxbar', '/XX', '/aXbXc', '/user-1', '/user-', '/user-1-2', '/1-user', '/-user',
  '/@me', '/@', '/v1.2', '/v1.2.3', '/V1.2', '/v.1', '/v1.'
])

// ---- optional groups
group(['/:a{-:b}', '/:file{.:ext}', '/users{/:id}', '/users{/:id}/edit', '/a{/b{/c}}', '/{:lang/}docs',
  '{/:x}', '/x{y}z', '/{a}{b}{c}', '/book{s}', '/{:a}', '/a{/:b}{/:c}', '/{x/}{y/}z'], LOOSE, [
  '/', '', '/x', '/a', '/a-b', '/a-b-c', '/file', '/file.txt', '/file.tar.gz', '/users', '/users/',
  '/users/1', '/users/1/edit', '/users/edit', '/a/b', '/a/b/c', '/a/c', '/en/docs', '/docs', '/en/fr/docs',
  '/xyz', '/xz', '/abc', '/ab', '/bc', '/c', '/book', '/books', '/Books/', '/a/b/c/d', '/x/y/z', '/y/z',
  '/z', '/x/z'
])

// ---- wildcards
group(['/*rest', '/a/*rest', '/a/*rest/b', '*all', '/a*b', '/files{/*path}', '/*path.json'], ALL, [
  '/', '', '/a', '/a/', '/a/b', '/a/b/c', '/a/b//c/', '/a/b//c//', '/a//', '/a/%2F', '/a/b%20c/d',
  '/a/%E0/x', '/a/x/b', '/a/x/y/b', '/a/b/', '/A/B', '/files', '/files/', '/files/a/b.txt', '/x.json',
  '/x/y.json', '/.json', '/abc', '/ab', '/a/b.json/'
])
group(['/*a/*b', '/*a-*b', '/:a-*b', '/*a.:b', '/x/*a.:b', '/*a/:b', '/*a{/:b}', '/*a.:b-:c', '/:a/*b',
  '/*a-:b', '/*a--*b', '/*a/x/*b', '/*a.*b'], LOOSE, [
  '/x', '/x/y', '/x/y/z', '/x-y', '/x-y-z', '/x-y/z', '/x/y-z', '/a.b', '/a.b.c', '/a/b.c', '/x/a.b',
  '/x/a/b.c', '/a.b-c', '/a.b-c.d-e', '/a--b', '/a--b--c', '/x/x/y', '/a/x/b/x/c', '/a.b/', '//', '/-',
  '/a-', '/.b'
])

// ---- quoted names, unicode names
group(['/:"x y"', '/:"a\\"b"', '/*"all of it"', '/:"0"/:b/:"1"', '/:"10"/:"9"/:x', '/:n\u00e9v',
  '/caf\u00e9/:id', '/:\u00f1', '/\u03c3/:id', '/:a\u200db', '/:ab\u00adc', '/:"a-b"-:c', '/:"__proto__"'], LOOSE, [
  '/v', '/v/w', '/v/w/x', '/a/b/c', '/x/y/z', '/caf\u00e9/1', '/CAF\u00c9/1', '/\u03a3/1', '/\u03c2/x',
  '/ab\u00adc', '/abc', '/a-b-c', '/%E2%82%AC', '/x%2Fy'
])

// ---- mounts (end=false) and segment boundaries
group(['/mw', '/mw/prefix', '/mw/:id', '/mw/*rest', '/mw/', '/mw/prefix{.:ext}', '/MW'], MOUNT.concat(ROUTE), [
  '/mw', '/mw/', '/mw//', '/mw/prefix', '/mw/prefixed', '/mw/prefix/', '/mw/prefix/x', '/MW/trace',
  '/mwx', '/mw.json', '/mw//x', '/mw/prefix.json', '/mw/prefix.json/x', '/mw/Prefix/x', '/m', '/'
])

// ---- array elements: '/' loses the match-everything shortcut
for (const o of ALL) record(['/'], o, ['/', '/a', '//a', '', '/a/b'])
for (const o of MOUNT) record(['/x'], o, ['/x', '/x/y', '/xy'])

// ---- RegExp paths (written so that Java reads them the same way)
const regexes = [
  /^\/abc$/, /^\/user\/(\d+)/, /\/ab?cd/, /(?<id>\d+)/, /^\/(?<a>[^\/]+)\/(b)?(c)/, /\((x)(y)/,
  /^\/file\/(.*)\.(txt|md)$/, /fly/i, /^\/([^\/]+)-([^\/]+)$/, /(?:x)(y)/, /[(](a)/, /^\/(\d+)?$/,
  /(?<x>a)(b)/, /.*/, /^$/, /^\/(?<first>\w+)\/(?<second>\w+)/, /^\/enc\/(.+)$/, /^\/(a)|^\/(b)/
]
for (const re of regexes) {
  for (const o of [{ sensitive: false, strict: false, end: true }, { sensitive: true, strict: true, end: false }]) {
    record(re, o, [
      '/abc', '/abc/', '/user/42', '/user/42/x', '/x/user/1', '/acd', '/abcd', '/q/abcd/z', '/123', '/a/b/c',
      '/a/c', '/(xy)', '/file/a.b.txt', '/file/a.md', '/file/a.js', '/FLY', '/butterfly/x', '/a-b', '/x-y-z',
      '/xy', '/(a', '/', '', '/7', '/ab', '/one/two/three', '/enc/a%20b', '/enc/%E0', '/a', '/b'
    ])
  }
}

// ---- invalid paths
const invalid = [
  '*', ':', '/:', '/*', '/:/', '/:"', '/:"abc', '/:""', '/:"a\\"', '/(x)', '/a?', '/a+', '/a!', '/[a]', '/a]',
  '/a}', '/{a', '/{a{b}', '/a\\', '/a\\/', '/:a:b', '/:a*b', '/*a*b', '/*a:b', '/{:a}{:b}', '/:\ud83d\ude00',
  '/\ud83d\ude00/*', '/\ud83d\ude00/:"x', '/{a}{b}{c}{d}{e}{f}{g}{h}{i}', '/{a}{b}{c}{d}{e}{f}{g}{h}',
  '/{:a}{:b}{c}{d}{e}{f}{g}{h}{i}', '/users/:id?', '/users/:id+', '/:a{:b}', '/a{', '}', '/:-x', '/:1',
  '/*/x', '/{/:a}/*', '/a/(.*)', '/:a{-:b:c}', '/\u2e2f:x', '/:\u2e2f'
]
for (const p of invalid) for (const o of [{ sensitive: false, strict: false, end: true }, { sensitive: true, strict: true, end: false }]) record(p, o, ['/a', '/a/b', '/'])

// ---- seeded random patterns and paths over a small alphabet, to exercise backtracking
let seed = 0x2545f491
function rnd (n) {
  seed ^= seed << 13; seed >>>= 0
  seed ^= seed >>> 17
  seed ^= seed << 5; seed >>>= 0
  return seed % n
}
function randomTokens (depth) {
  let s = ''
  let names = 0
  const len = 1 + rnd(5)
  for (let i = 0; i < len; i++) {
    const k = rnd(depth > 1 ? 8 : 9)
    const sep = rnd(10) < 7 ? ['/', '-', '.', '/a', '-b.'][rnd(5)] : ''
    if (k < 3) s += ['/', '-', '.', 'a', '/b', '/a', 'ab', '--', '..'][rnd(9)]
    else if (k < 5) s += sep + ':p' + (names++) + '_' + rnd(100)
    else if (k < 6) s += sep + '*w' + (names++) + '_' + rnd(100)
    else if (k < 8) s += '/'
    else s += '{' + randomTokens(depth + 1) + '}'
  }
  return s
}
function randomPath () {
  let s = '/'
  const len = rnd(9)
  for (let i = 0; i < len; i++) s += ['/', '-', '.', 'a', 'b', 'A', '%41', 'ab', '--'][rnd(9)]
  return s
}
for (let i = 0; i < 260; i++) {
  const p = '/' + randomTokens(0)
  const reqs = []
  for (let j = 0; j < 12; j++) reqs.push(randomPath())
  record(p, ALL[rnd(ALL.length)], reqs)
}

const out = {
  generatedBy: 'eddy-web/src/test/node/path-fixtures.js',
  router: require('router/package.json').version,
  pathToRegexp: JSON.parse(fs.readFileSync(path.join(path.dirname(require.resolve('path-to-regexp')), '..', 'package.json'))).version,
  node: process.version,
  cases
}
fs.writeFileSync(OUT, '{\n' + Object.entries(out).map(([k, v]) => k === 'cases'
  ? '"cases": [\n' + v.map((c) => JSON.stringify(c)).join(',\n') + '\n]'
  : JSON.stringify(k) + ': ' + JSON.stringify(v)).join(',\n') + '\n}\n')
let requests = 0
let errors = 0
for (const c of cases) { requests += c.requests ? c.requests.length : 0; errors += c.compileError ? 1 : 0 }
console.log(`${cases.length} patterns (${errors} compile errors), ${requests} request checks -> ${OUT}`)
