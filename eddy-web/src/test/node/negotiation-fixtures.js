// Records what the real npm packages answer for content negotiation and media type inputs, as
// fixtures for the Java tests (NegotiatorFixtureTest, AcceptsTest, TypeIsTest, ContentTypeTest,
// VaryTest, MimeTypesTest). Packages: negotiator 1.1.0, accepts 2.0.0, type-is 2.1.0,
// content-type 2.1.0, mime-types 3.0.2 (mime-db 1.54.0), vary 1.1.2, express 5.3.0 (setCharset).
//
// Regenerate from the repo root:
//   NODE_PATH=/tmp/express-ref/node_modules node eddy-web/src/test/node/negotiation-fixtures.js
// It writes eddy-web/src/test/resources/dev/eddy/web/internal/negotiation.json and mime-types.json.
// In the fixtures JSON null stands for JavaScript's undefined (an absent header) on input and for
// false on output; {"error": message} records a thrown TypeError.
'use strict'

const fs = require('fs')
const path = require('path')
const Negotiator = require('negotiator')
const accepts = require('accepts')
const typeis = require('type-is')
const contentType = require('content-type')
const mime = require('mime-types')
const db = require('mime-db')
const vary = require('vary')
const expressUtils = require('express/lib/utils')

const outDir = path.join(__dirname, '../resources/dev/eddy/web/internal')
const u = (v) => (v === null ? undefined : v)
const f = (v) => (v === false || v === undefined ? null : v)
const attempt = (fn) => {
  try {
    return { result: fn() }
  } catch (e) {
    return { error: e.message }
  }
}
// A grid: every row input against every column input; results[r][c] is the answer.
const grid = (rows, cols, fn) => ({ rows, cols, results: rows.map((r) => cols.map((c) => fn(r, c))) })
const versions = {}
for (const p of ['negotiator', 'accepts', 'type-is', 'content-type', 'mime-types', 'mime-db', 'vary', 'express']) {
  // content-type does not export its package.json, so read it from the resolution paths.
  const dirs = (process.env.NODE_PATH || '').split(path.delimiter).concat(module.paths)
  const dir = dirs.find((d) => d && fs.existsSync(path.join(d, p, 'package.json')))
  versions[p] = JSON.parse(fs.readFileSync(path.join(dir, p, 'package.json'), 'utf8')).version
}

// ---------------------------------------------------------------- negotiator: media types
const mediaHeaders = [
  null, '', ' ', ',', ', ,', '*/*', '*', 'text/*', '*/html', 'text/html', 'TEXT/HTML', 'Text/Html;Q=0.5',
  'text/html;q=0', 'text/html;q=0.5, application/json', 'application/json;q=0.9, text/html;q=0.9',
  'text/*;q=0.5, text/html', 'text/html;level=1, text/html;q=0.5, */*;q=0.1',
  'text/plain; q=0.5, text/html, text/x-dvi; q=0.8, text/x-c',
  'text/*, text/plain;format=flowed, text/plain, */*',
  'text/*;q=0.3, text/html;q=0.7, text/html;level=1, text/html;level=2;q=0.4, */*;q=0.5',
  'application/json;charset=utf-8', 'application/json; charset=UTF-8', 'application/json;charset=*',
  'application/*;q=0.2, image/jpeg;q=0.8, text/html, text/plain', 'image/webp,*/*',
  'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8',
  'application/json, text/plain, */*', 'foo', 'foo, bar/baz', 'text/html;q=abc', 'text/html;q=',
  'text/html;q="0.5"', 'text/html;q=-1', 'text/html;q=1.5', 'text/html;q=Infinity, application/json;q=Infinity',
  'text/html;q= 0.5', 'text/html;Q=0.5, application/json;q=0.6', 'text/html ; q = 0.5 , application/json',
  '\ttext/html\t;\tq=0.4, text/plain', 'text/html;q=0.5;q=0.9', 'text/html;q=0.5, text/html;q=0.9',
  'text/html, text/html;q=0', 'text/html;q=0, text/html', '*/*;q=0, text/html', 'text/html;q=0.001',
  'text/html;q=1e-3, application/json;q=0.0005', 'text/html;q=.5, application/json;q=0.5',
  'text/html;q=0.5abc', 'text/html;foo="bar,baz", application/json', 'text/html;foo="bar',
  'text/html;;;q=0.5', 'text/html;=x;q=0.2', 'text/html;q', 'application/json;q=0.5;charset=utf-8',
  'text/html; charset="utf-8"', 'text/plain, text/html;q=0.8, TEXT/PLAIN;q=0.1', '*/*, text/*',
  '*/*;q=0.5, */*', 'text/*;q=0.8, */*;q=0.9', 'text/html;level=1', 'text/html;level=',
  'application/vnd.api+json', 'application/*+json', 'image/*;q=0.5, image/png', 'a/b, c/d, e/f',
  'text/html,', ',text/html', 'text/html;;', 'text/ html', 'text /html', '/', '*/', '/*',
  'text/html;q=0.5;level=1', 'text/html;level=1;q=0.5, text/html;q=0.7', 'text/plain;format=Flowed',
  'text/plain;format="flowed";q=0.5, text/plain;q=0.6', 'tèxt/html, text/html;q=0.9', '\u0130mage/png, image/png;q=0.5',
  'text/html;q=0.5,text/plain;q=0.5,application/json;q=0.5', 'application/json;q=1.0', 'text/html;q=0.30000000000000004, text/plain;q=0.3',
  'text/html;q=+0.5', 'text/html;q=00.5', 'text/html;q=5e-1', 'text/html;q=1e', '*/*;q=0.1, application/json;q=0'
]
const mediaAvailable = [
  ['text/html'], ['application/json'], ['text/html', 'application/json'], ['application/json', 'text/html'],
  ['text/plain', 'text/html', 'application/json'], ['text/html;level=1', 'text/html'],
  ['application/json;charset=utf-8', 'application/json'], ['application/json; charset=UTF-8'], ['TEXT/HTML'],
  ['text/html', 'text/html'], ['image/png', 'image/webp', 'image/jpeg'],
  ['application/xml', 'application/xhtml+xml', 'text/html'], ['foo', 'text/html', ''], ['text/*'], ['*/*'],
  ['text/plain; format=flowed', 'text/plain'], ['application/vnd.api+json', 'application/json'],
  ['text/html;q=0.1', 'text/plain'], [], [' text/html ', 'text/html;level="1"'], ['text/html;level']
]
const mediaTypes = grid(mediaHeaders, [null].concat(mediaAvailable), (accept, available) =>
  new Negotiator({ headers: { accept: u(accept) } }).mediaTypes(available ? available.slice() : undefined))

// ---------------------------------------------------------------- negotiator: charsets
const charsetHeaders = [
  null, '', '*', 'utf-8', 'UTF-8', 'utf-8, iso-8859-1;q=0.2, utf-7;q=0.5', '*;q=0.1, utf-8', 'utf-8;q=0',
  '*, utf-8;q=0', 'iso-8859-1;q=0.5, *;q=0.5', ', ,utf-8', 'utf-8;q=abc', 'utf-8;q=', 'utf-8 ; q=0.5',
  ' UTF-8 ', 'utf-8, utf-8;q=0.1', 'utf-8;q=0.1, utf-8', 'unicode-1-1;q=0.8', '*;q=0', 'foo bar',
  'utf-8;q=1.5, iso-8859-1;q=Infinity', 'utf-8;q=-0.5', 'utf-8;q=0.5, iso-8859-1;q=0.5', 'utf-8;Q=0.2, utf-7'
]
const charsetAvailable = [
  ['utf-8'], ['UTF-8'], ['iso-8859-1', 'utf-8'], ['utf-7', 'utf-8', 'iso-8859-1'], ['foo'], [''], [],
  ['utf-8', 'UTF-8'], ['*'], ['foo bar', 'utf-8']
]
const charsets = grid(charsetHeaders, [null].concat(charsetAvailable), (accept, available) =>
  new Negotiator({ headers: { 'accept-charset': u(accept) } }).charsets(available ? available.slice() : undefined))

// ---------------------------------------------------------------- negotiator: encodings
const encodingHeaders = [
  null, '', '*', 'gzip', 'gzip, deflate, br', 'gzip;q=0.8, deflate;q=0.9', 'br;q=1.0, gzip;q=0.8, *;q=0.1',
  'identity', 'identity;q=0', '*;q=0', 'gzip, identity;q=0', 'gzip;q=0, *', 'compress, gzip', 'gzip;q=0.5',
  'gzip;q=0', 'deflate, gzip;q=1.0, *;q=0.5', 'IDENTITY;q=0', 'Gzip', 'gzip;q=0.5, deflate;q=0.5',
  'gzip;q=abc', 'gzip;q=-1', 'br;q=0.3, gzip;q=0.3, identity;q=0.3', ' , gzip', 'gzip, ,deflate', 'x-gzip',
  'gzip;q=0.001', '*;q=0.2, gzip', 'gzip;q=0.4, deflate;q=0', 'gzip, deflate, br, zstd', 'br, gzip, identity;q=0.5'
]
const encodingAvailable = [
  ['gzip'], ['identity'], ['gzip', 'identity'], ['identity', 'gzip'], ['gzip', 'deflate', 'br'],
  ['br', 'gzip', 'deflate', 'identity'], ['deflate', 'gzip'], ['GZIP'], ['compress'], ['*'], [''], [],
  ['zstd', 'br', 'gzip']
]
const encodingPreferred = [null, ['br', 'gzip'], ['identity', 'deflate'], ['gzip', 'zstd', 'br']]
// Rows are (header, preferred) pairs.
const encodingRows = []
for (const accept of encodingHeaders) {
  for (const preferred of encodingPreferred) encodingRows.push({ accept, preferred })
}
const encodings = grid(encodingRows, [null].concat(encodingAvailable), (row, available) =>
  new Negotiator({ headers: { 'accept-encoding': u(row.accept) } })
    .encodings(available ? available.slice() : undefined, row.preferred ? { preferred: row.preferred } : undefined))

// ---------------------------------------------------------------- negotiator: languages
const languageHeaders = [
  null, '', '*', 'en', 'en-US', 'en-us', 'EN', 'fr-CA, fr;q=0.8, en;q=0.5', 'en-US, en;q=0.9, *;q=0.5',
  'da, en-gb;q=0.8, en;q=0.7', 'fr;q=0, *', '*;q=0, en', 'zh-Hant-TW, zh;q=0.9', 'en;q=0',
  'en-US;q=0.5, en-GB;q=0.5', ', ,en', 'en;q=abc', 'en ;q=0.5', 'en_US', 'x-pig-latin', '-', 'en-', '-US',
  'i-klingon', 'fr-CA;q=0.9, fr-FR;q=0.9, en', 'de-DE-1996, de;q=0.5'
]
const languageAvailable = [
  ['en'], ['en-US'], ['en-us'], ['fr'], ['fr-CA', 'fr'], ['fr', 'fr-CA'], ['en', 'fr', 'de'],
  ['en-GB', 'en-US'], ['zh-TW', 'zh'], ['EN'], ['en;q=0.5'], [''], [], ['*'], ['en-US', 'en'],
  ['de-DE', 'en-US', 'en'], ['-'], [' en '], ['zh-Hant', 'zh-Hant-TW'], ['de-DE-1996', 'de']
]
const languages = grid(languageHeaders, [null].concat(languageAvailable), (accept, available) =>
  new Negotiator({ headers: { 'accept-language': u(accept) } }).languages(available ? available.slice() : undefined))

// ---------------------------------------------------------------- accepts
const typeOffers = [
  ['json'], ['html'], ['json', 'html'], ['html', 'json'], ['text'], ['text/html', 'json'],
  ['json', 'application/json'], ['application/json', 'json'], ['png'], ['text/*'], ['xml', 'html'],
  ['bogusext', 'html'], ['bogusext'], ['txt'], ['svg'], ['application/json; charset=utf-8', 'json'],
  ['.json'], ['js'], ['mp4'], ['text/html;level=1', 'html'], ['HTML', 'JSON'], ['image/*']
]
const nonEmpty = (lists) => lists.filter((l) => l.length > 0)
const acceptsType = grid(mediaHeaders, typeOffers, (accept, offers) =>
  f(accepts({ headers: { accept: u(accept) } }).types(offers.slice())))
const acceptsCharset = grid(charsetHeaders, nonEmpty(charsetAvailable), (accept, offers) =>
  f(accepts({ headers: { 'accept-charset': u(accept) } }).charsets(offers.slice())))
const acceptsEncoding = grid(encodingHeaders, nonEmpty(encodingAvailable), (accept, offers) =>
  f(accepts({ headers: { 'accept-encoding': u(accept) } }).encodings(offers.slice())))
const acceptsLanguage = grid(languageHeaders, nonEmpty(languageAvailable), (accept, offers) =>
  f(accepts({ headers: { 'accept-language': u(accept) } }).languages(offers.slice())))

// ---------------------------------------------------------------- type-is
const contentTypes = [
  null, '', 'application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON', ' application/json ',
  '\tapplication/json\t;x=y', 'text/html', 'text/plain', 'text/plain;', 'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x', 'application/ld+json', 'application/vnd.api+json', 'image/svg+xml',
  'application/octet-stream', 'foo', 'foo/', '/bar', 'foo/bar/baz', 'text/html, application/json', 'text/ html',
  'text /html', 'a/b', 'a/b+c', '*/*', 'text/*', 'tëxt/html', 'x'.repeat(127) + '/y', 'x'.repeat(128) + '/y',
  'a/' + 'b'.repeat(127), 'a/' + 'b'.repeat(128), 'application/json ; charset=utf-8', 'application/JSON;charset=UTF-8',
  '\u212Aext/plain', '-a/b', 'a/.b', 'a/b.c', 'a!#$&^_-/b', 'application/xml', 'text/xml', 'multipart/mixed',
  'application/json+xml', 'application/+json', 'application/a+b+json'
]
const typeLists = [
  null, [], ['json'], ['application/json'], ['application/*'], ['*/json'], ['*/*'], ['+json'], ['*/*+json'],
  ['application/*+json'], ['urlencoded'], ['multipart'], ['multipart/*'], ['html'], ['text/*'], ['text'],
  ['text/plain'], ['html', 'json'], ['json', 'html'], ['jpeg', 'text/*'], ['Application/JSON'],
  ['application/json; charset=utf-8'], ['bogus'], ['+xml'], ['xml'], ['svg'], ['*/*+xml'], ['a/b+c', '*'],
  ['*'], [''], ['/'], ['json', '+json'], ['application/*+'], ['*+json'], ['*/+json'], ['a/*'], ['*/b'], ['a/b']
]
const typeIs = grid(contentTypes, typeLists, (ct, types) =>
  f(types === null ? typeis.is(u(ct)) : typeis.is(u(ct), types.slice())))
const lengths = [
  null, '', ' ', '0', '10', ' 10 ', 'abc', '1e3', '0x1A', '0o17', '0b101', '-1', '+5', 'Infinity', '-Infinity',
  'infinity', '1.5', '5.', '.5', '.', '1_000', '10abc', '\t12\n', '\u00a012', '0x', '0xg', '00012', '1e', '1e+',
  '1e+5', '1,2', '0X1f', '0B2', '+0x1', '\ufeff7', '\u200b7', '1 2', '- 1'
]
const hasBody = []
for (const cl of lengths) {
  for (const te of [null, '', 'chunked']) {
    const headers = {}
    if (cl !== null) headers['content-length'] = cl
    if (te !== null) headers['transfer-encoding'] = te
    hasBody.push({ contentLength: cl, transferEncoding: te, result: typeis.hasBody({ headers }) })
  }
}
const normalizeInputs = [
  'urlencoded', 'multipart', 'json', 'html', 'text', '+json', '+', 'application/json', 'Application/JSON', '',
  'bogus', 'JSON', '.json', 'x.json', 'a/b/c', '*/*', 'text/*', 'URLENCODED', 'form', 'svg', 'mp4', 'rtf', 'xml',
  'js', 'mjs', 'txt', 'md', 'wasm', 'jpg', 'exe', 'bin', 'dir/'
]
const normalize = normalizeInputs.map((type) => ({ type, result: f(typeis.normalize(type)) }))
const matchExpected = [
  'text/html', 'text/*', '*/html', '*/*', 'application/*+json', '*/*+json', 'application/*+', '*/*+',
  'text', 'text/html/x', 'TEXT/HTML', 'application/json', '*+json/x', 'a/*+b+c', '*/ld+json', '*/*+ld+json'
]
const matchActual = ['text/html', 'text/plain', 'application/json', 'application/ld+json', 'application/+json',
  'application/json+', 'Text/HTML', 'text', 'a/b/c', 'a/x+b+c', 'image/svg+xml', 'application/a+b+json']
const match = []
for (const expected of matchExpected) {
  for (const actual of matchActual) match.push({ expected, actual, result: typeis.match(expected, actual) })
}
match.push({ expected: null, actual: 'text/html', result: typeis.match(false, 'text/html') })

// ---------------------------------------------------------------- content-type
const ctHeaders = [
  'text/html', 'text/html; charset=utf-8', 'TEXT/HTML; CHARSET=UTF-8', 'text/html;charset="utf-8"',
  'text/html; charset="ut\\"f-8"', 'text/html; charset="utf-8', 'text/html; charset', 'text/html; charset=',
  'text/html; =utf-8', 'text/html; a=1; a=2', 'text/html; A=1; a=2', 'text/html; b=1; 1=2; 0=3; a=4',
  ' text/html ', 'text/html ;  foo = bar  ; baz="q" x ; z=1', '', ';', ';a=b', 'text/html;;', 'foo',
  'text/html, application/json', 'text/html; a="b;c"; d=e', 'text/html; a=b"c', 'text/html; a="\\\\"',
  'text/html; a="x\\"', 'text/html; key with space=val', 'text/html; a=b=c', 'text/html; q=0.5',
  'text/html; __proto__=x', 'text/html; constructor=y; toString=z', '\ttext/html\t', '\u0130MAGE/PNG',
  'text/html; a=\u00e9', 'text/html; 4294967294=x; 4294967295=y; 01=z; 10=w; 2=v', 'text/html; a="";b=""x',
  'text/html; a="b\\', 'text/html; a = "b" ; c', 'text/html;\ta\t=\tb\t', 'a/b; x="1,2"; y=3',
  '   ', 'text/html; ; ; a=b', 'text/html;=;=', 'text/html; a=1;A=2;b', 'multipart/form-data; boundary="--x y"'
]
const contentTypeParse = ctHeaders.map((header) => {
  const p = contentType.parse(header)
  return { header, type: p.type, parameters: Object.keys(p.parameters).map((k) => [k, p.parameters[k]]) }
})
const formatCases = [
  ['text/html', []], ['text/html', [['charset', 'utf-8']]], ['text/html', [['charset', 'UTF 8']]],
  ['text/html', [['a', '']]], ['text/html', [['a', 'quo"te']]], ['text/html', [['a', 'back\\slash']]],
  ['text/html', [['a', 'tab\there']]], ['text/html', [['a', 'ctl\u0001']]], ['text/html', [['a', '\u00ff']]],
  ['text/html', [['a', '\u0100']]], ['text/html', [['a', '\u007f']]], ['text/html', [['a', null]]],
  ['text/html', [['a b', 'c']]], ['text/html', [['', 'c']]], ['text/html', [['\u00e9', 'c']]],
  ['text', []], ['text/', []], ['/html', []], ['text/ html', []], ['text/html/x', []], ['', []],
  ['t\u00ebxt/html', []], ['TEXT/HTML', [['B', '1']]], ['text/html', [['b', '1'], ['1', '2'], ['0', '3']]],
  ['a/b', [['x', 'a,b'], ['y', 'a;b'], ['z', '=']]], ['*/*', [['q', '0.5']]], ['a/b', [['x', 'é']]]
]
const contentTypeFormat = formatCases.map(([type, params]) => {
  const parameters = {}
  for (const [k, v] of params) parameters[k] = u(v)
  return Object.assign({ type, parameters: params }, attempt(() => contentType.format({ type, parameters })))
})
const setCharsetCases = [
  ['text/html', 'utf-8'], ['text/html; charset=iso-8859-1', 'utf-8'], ['text/html; CHARSET=x', 'utf-8'],
  ['application/json', 'utf-8'], ['foo', 'utf-8'], ['', 'utf-8'], ['text/html', ''], [null, 'utf-8'],
  ['text/html', null], ['TEXT/HTML; a=b; 1=2', 'utf-8'], ['text/html; a="x y"', 'UTF-8'],
  ['text/html; charset="utf-8"; b=1', 'utf 8'], ['text/plain; charset', 'utf-8']
]
const setCharset = setCharsetCases.map(([type, charset]) =>
  Object.assign({ type, charset }, attempt(() => f(expressUtils.setCharset(u(type), u(charset))))))

// ---------------------------------------------------------------- vary
const varyHeaders = ['', '*', ' * ', 'Accept', 'accept', 'Accept, Accept-Encoding', 'Origin,Accept', ' ', ',',
  'Accept,', '*, Accept', 'Accept, *', 'ACCEPT-ENCODING', 'Cookie , Accept', 'Accept ,  Origin  ']
const varyFields = ['Accept', 'accept', 'ACCEPT', 'Accept-Encoding', 'Accept, Accept-Encoding', 'Origin', '*',
  'Accept, *', ' Accept ', 'Accept,,Origin', '', 'Acc ept', 'Accept:', 'Acc\u00e9pt', ['Accept', 'Origin'],
  ['accept'], [], ['*'], ['Accept, Origin'], [' Accept'], 'Accept,Accept', 'a,b,c,a', 'Accept,', ',Accept',
  "!#$%&'*+-.^_`|~09AZaz"]
// A cell is the new header value, or {"error": message}.
const varyCases = grid(varyHeaders, varyFields, (header, field) => {
  const r = attempt(() => vary.append(header, Array.isArray(field) ? field.slice() : field))
  return 'error' in r ? r : r.result
})

// ---------------------------------------------------------------- fuzz
// Seeded random headers and offers glued from pieces that stress the scanner (quotes, escapes,
// separators, white space, case, non-ASCII); rows are [header, offers, result].
let seed = 0x5eed
const rand = () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
const pick = (a) => a[Math.floor(rand() * a.length)]
const pieces = ['text', 'html', '/', '*', ';', ',', ' ', '\t', 'q', 'Q', '=', '0', '1', '.', '5', '"', '\\', 'a',
  '-', 'en', 'US', 'gzip', 'identity', 'level', 'json', 'application', 'e', '+', '\u0130', '\u00e9', ';q=', ', ',
  'text/html', '*/*', 'q=0', 'q=0.5', 'fr', 'CA', 'br', 'utf-8', 'charset', 'x']
const randomString = (max) => {
  let out = ''
  const n = 1 + Math.floor(rand() * max)
  for (let i = 0; i < n; i++) out += pick(pieces)
  return out
}
// Half of the headers are lists of plausible entries with parameters, the rest free-form.
const entryValues = ['text/html', 'text/*', '*/*', 'application/json', 'TEXT/Html', 'text/plain', 'a/b', 'gzip',
  'identity', '*', 'br', 'en', 'en-US', 'fr-ca', 'fr', 'utf-8', 'ISO-8859-1', '', 'text/html ', ' en']
const paramKeys = ['q', 'Q', ' q', 'q ', 'level', 'charset', 'a', '']
const paramValues = ['0', '1', '0.5', '0.25', '.3', '1.0', '0.001', 'abc', '-1', '', ' 0.7 ', '"0.4"', '"a\\"b"',
  '"x,y"', '"unterminated', '*', 'UTF-8', 'utf-8', '2e-1', 'Infinity']
const randomEntryList = () => {
  const n = 1 + Math.floor(rand() * 4)
  const entries = []
  for (let i = 0; i < n; i++) {
    let e = pick(entryValues)
    const params = Math.floor(rand() * 3)
    for (let j = 0; j < params; j++) e += pick([';', '; ', ' ;', ';\t']) + pick(paramKeys) + pick(['=', ' = ', '']) + pick(paramValues)
    entries.push(e)
  }
  return entries.join(pick([',', ', ', ' ,', ',,', ' , ']))
}
const randomHeader = () => (rand() < 0.5 ? randomEntryList() : randomString(14))
const randomOffers = (fixed) => {
  const out = []
  const n = Math.floor(rand() * 4)
  for (let i = 0; i < n; i++) out.push(rand() < 0.5 ? pick(fixed) : randomString(4))
  return out
}
const fuzzRows = (count, fixed, fn) => {
  const rows = []
  for (let i = 0; i < count; i++) {
    const header = randomHeader()
    const offers = randomOffers(fixed)
    rows.push([header, offers, fn(header, offers)])
  }
  return rows
}
const fuzz = {
  mediaTypes: fuzzRows(400, ['text/html', 'application/json', 'text/plain;level=1', '*/*', 'TEXT/HTML', 'text/*'],
    (h, o) => [new Negotiator({ headers: { accept: h } }).mediaTypes(), new Negotiator({ headers: { accept: h } }).mediaTypes(o)]),
  charsets: fuzzRows(200, ['utf-8', 'UTF-8', 'iso-8859-1', '*'],
    (h, o) => [new Negotiator({ headers: { 'accept-charset': h } }).charsets(), new Negotiator({ headers: { 'accept-charset': h } }).charsets(o)]),
  encodings: fuzzRows(300, ['gzip', 'identity', 'br', 'deflate', 'GZIP'],
    (h, o) => [new Negotiator({ headers: { 'accept-encoding': h } }).encodings(),
      new Negotiator({ headers: { 'accept-encoding': h } }).encodings(o),
      new Negotiator({ headers: { 'accept-encoding': h } }).encodings(o, { preferred: ['br', 'gzip'] })]),
  languages: fuzzRows(300, ['en', 'en-US', 'fr', 'fr-CA', 'EN', '*'],
    (h, o) => [new Negotiator({ headers: { 'accept-language': h } }).languages(), new Negotiator({ headers: { 'accept-language': h } }).languages(o)]),
  acceptsType: fuzzRows(300, ['json', 'html', 'text/html', 'text', 'application/json'],
    (h, o) => (o.length ? f(accepts({ headers: { accept: h } }).types(o.slice())) : null)),
  typeIs: fuzzRows(300, ['json', 'text/*', '+json', 'urlencoded', 'html', '*/*', 'application/*+json'],
    (h, o) => f(typeis.is(h, o.slice()))),
  contentTypeParse: fuzzRows(300, [], (h) => {
    const p = contentType.parse(h)
    return [p.type, Object.keys(p.parameters).map((k) => [k, p.parameters[k]])]
  })
}

const sections = {
  versions, mediaTypes, charsets, encodings, languages, acceptsType, acceptsCharset, acceptsEncoding,
  acceptsLanguage, typeIs, hasBody, normalize, match, contentTypeParse, contentTypeFormat, setCharset,
  vary: varyCases, fuzz
}
// One line per section entry or grid row keeps diffs readable.
const lines = []
for (const [name, value] of Object.entries(sections)) {
  let text
  if (Array.isArray(value)) {
    text = '[\n' + value.map((v) => JSON.stringify(v)).join(',\n') + '\n]'
  } else if (value.results) {
    text = '{"rows":' + JSON.stringify(value.rows) + ',\n"cols":' + JSON.stringify(value.cols) +
      ',\n"results":[\n' + value.results.map((r) => JSON.stringify(r)).join(',\n') + '\n]}'
  } else if (name === 'fuzz') {
    text = '{' + Object.entries(value).map(([k, rows]) =>
      JSON.stringify(k) + ':[\n' + rows.map((r) => JSON.stringify(r)).join(',\n') + '\n]').join(',\n') + '}'
  } else {
    text = JSON.stringify(value)
  }
  lines.push(JSON.stringify(name) + ':' + text)
}
fs.writeFileSync(path.join(outDir, 'negotiation.json'), '{' + lines.join(',\n') + '}\n')

// ---------------------------------------------------------------- mime-types
// Rows are [input, lookup, contentType, charset, extension], false written as null.
const mimeInputs = new Set()
for (const ext of Object.keys(mime.types)) mimeInputs.add(ext)
// Every type with extensions or a charset; of the rest, the text/* ones and every 8th other one.
Object.keys(db).forEach((type, i) => {
  const e = db[type]
  if ((e.extensions && e.extensions.length) || e.charset || type.startsWith('text/') || i % 8 === 0) {
    mimeInputs.add(type)
  }
})
const odd = [
  '', 'json', '.json', 'JSON', 'file.JSON', '/path/to/file.html', 'path.with.dots/file', 'file', '.bashrc',
  'dir/.bashrc', 'x/.json', 'file.', 'file..', '..', '.', '...', '/', '//', 'a/', 'json/', 'html/', '.html/',
  'a.b/', 'a/b.c/', 'file.tar.gz', 'C:\\dir\\file.txt', 'file.txt?x=1', 'file.txt#f', ' json', 'json ',
  '\uff4a\uff53\uff4f\uff4e', 'a..json', '..json', './json', 'dir/..json', 'a/b/c.md', 'a//b.md//', '.a.b',
  '..a', 'a.', 'x./', 'TEXT/HTML', 'text/html', ' text/html', 'text/html; charset=x', 'text/html;charset=x',
  'text/x-bogus', 'TEXT/X-BOGUS', 'text/', 'text', 'Text/plain', 'application/json ;x', '\u00a0application/json',
  'application/json\u2028', 'application/javascript', 'application/javascript; charset=foo',
  'application/json; CHARSET=x', 'image/svg+xml', 'application/octet-stream', 'charset/x', 'a/charset',
  'html', 'htm', 'js', 'mjs', 'css', 'txt', 'md', 'markdown', 'xml', 'rtf', 'mp4', 'mp3', 'wav', 'wasm', 'ts',
  'jpg', 'jpeg', 'png', 'gif', 'webp', 'avif', 'svg', 'ico', 'pdf', 'zip', 'gz', 'tar', 'exe', 'bin', 'map',
  'woff', 'woff2', 'ttf', 'otf', 'eot', 'csv', 'tsv', 'yaml', 'yml', 'toml', 'ini', 'sh', 'php', 'py', 'java',
  'class', 'jar', 'apk', 'dmg', 'iso', 'mov', 'avi', 'mkv', 'webm', 'ogg', 'oga', 'ogv', 'flac', 'aac', 'm4a',
  'xhtml', 'atom', 'rss', 'jsonld', 'geojson', 'webmanifest', 'appcache', 'vtt', 'srt', 'ics', 'vcf', 'eml',
  'msg', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'odt', 'epub', 'mobi', 'azw', 'heic', 'heif', 'jxl',
  'bmp', 'tif', 'tiff', 'psd', 'ai', 'eps', 'dwg', 'dxf', 'stl', 'obj', 'glb', 'gltf', 'usdz', 'mid', 'midi',
  'constructor', '__proto__', 'toString', 'hasOwnProperty', 'a/__proto__', 'x.__proto__'
]
for (const s of odd) mimeInputs.add(s)
for (const ext of ['json', 'html', 'txt', 'mp4', 'xml', 'rtf', 'js']) {
  mimeInputs.add('.' + ext)
  mimeInputs.add('file.' + ext.toUpperCase())
  mimeInputs.add('dir/sub/file.' + ext)
}
const rows = []
for (const s of mimeInputs) {
  rows.push([s, f(mime.lookup(s)), f(mime.contentType(s)), f(mime.charset(s)), f(mime.extension(s))])
}
fs.writeFileSync(path.join(outDir, 'mime-types.json'), '{"versions":' + JSON.stringify(versions) + ',"rows":[\n' +
  rows.map((r) => JSON.stringify(r)).join(',\n') + '\n]}\n')

const counts = {}
for (const [k, v] of Object.entries({ mediaTypes, charsets, encodings, languages, acceptsType, acceptsCharset,
  acceptsEncoding, acceptsLanguage, typeIs, hasBody, normalize, match, contentTypeParse, contentTypeFormat,
  setCharset, vary: varyCases, mimeRows: rows, ...Object.fromEntries(Object.entries(fuzz).map(([k, v]) => ['fuzz.' + k, v])) })) {
  counts[k] = v.results ? v.rows.length * v.cols.length : v.length
}
console.log(JSON.stringify(counts))
