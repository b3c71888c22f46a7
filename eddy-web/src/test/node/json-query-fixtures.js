// Fixtures for JsNumber, JsJson, QueryString, Statuses, EncodeUrl and EscapeHtml, produced by the
// real implementations Express 5.3.0 relies on (Node 20's Number#toString, JSON.stringify,
// JSON.parse and querystring, body-parser 2.4.0's urlencoded parser, statuses, encodeurl,
// escape-html).
//
// Regenerate from the repository root:
//   NODE_PATH=/tmp/express-ref/node_modules node eddy-web/src/test/node/json-query-fixtures.js
// (/tmp/express-ref holds `npm ci` of shared/express-parity/ref). Inputs come from a seeded
// generator, so a rerun with the same Node and packages gives the same files.
'use strict'

const fs = require('node:fs')
const path = require('node:path')
const querystring = require('node:querystring')
const { Readable } = require('node:stream')
const bodyParser = require('body-parser')
const statuses = require('statuses')
const encodeUrl = require('encodeurl')
const escapeHtml = require('escape-html')

const OUT = path.join(__dirname, '..', 'resources', 'dev', 'eddy', 'web', 'internal')

// mulberry32: small, seedable, good enough to spread inputs.
function rng (seed) {
  let a = seed >>> 0
  return function () {
    a = (a + 0x6D2B79F5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
const rand = rng(20240102)
const int = (n) => Math.floor(rand() * n)
const pick = (xs) => xs[int(xs.length)]

function write (name, data) {
  fs.writeFileSync(path.join(OUT, name), JSON.stringify(data, null, 1) + '\n')
  console.log(name, Array.isArray(data) ? data.length : Object.keys(data).length)
}

// ---------------------------------------------------------------------------------------------
// Numbers: [bits as 16 hex digits, String(x)]

const view = new DataView(new ArrayBuffer(8))
function bitsOf (x) {
  view.setFloat64(0, x)
  return view.getBigUint64(0).toString(16).padStart(16, '0')
}
function fromBits (hex) {
  view.setBigUint64(0, BigInt('0x' + hex))
  return view.getFloat64(0)
}
function nextUp (x, steps) {
  view.setFloat64(0, x)
  let b = view.getBigUint64(0)
  b = b + BigInt(steps)
  view.setBigUint64(0, b)
  return view.getFloat64(0)
}
function randomBitsDouble () {
  let hex = ''
  for (let i = 0; i < 16; i++) hex += int(16).toString(16)
  return fromBits(hex)
}

const numbers = new Set()
const addNumber = (x) => numbers.add(bitsOf(x))
for (const x of [0, -0, 1, -1, 0.1, 0.2, 0.30000000000000004, 1.5, 123.456, 1e21, 1e-7, 1e-6,
  0.000001, 0.0000001, 123e-20, 1.2345678901234568e+29, 5e-324, -5e-324, 1.7976931348623157e308,
  2.2250738585072014e-308, 2.225073858507201e-308, NaN, Infinity, -Infinity, 2 ** 53, 2 ** 53 + 2,
  2 ** 53 - 1, -(2 ** 53), 2 ** 63, 2 ** 64, 1e16, 1e17, 123456789012345680000, 9.5e-323, 1e23,
  4.35, 0.1 + 0.7, 100, 1e15, 1e20, 999999999999999900000, 1 / 3, 2 / 3, Math.PI, Math.E]) {
  addNumber(x)
}
for (let e = -330; e <= 310; e++) {
  const p = Number('1e' + e)
  addNumber(p)
  addNumber(-p)
  addNumber(nextUp(p, 1))
  addNumber(nextUp(p, -1))
  addNumber(Number('5e' + e))
  addNumber(Number('1.25e' + e))
}
for (const b of [1e-7, 1e-6, 1e21, 1e20]) {
  for (let s = -3; s <= 3; s++) addNumber(nextUp(b, s))
}
for (let i = -5; i <= 5; i++) {
  addNumber(2 ** 53 + i)
  addNumber(-(2 ** 53) + i)
  addNumber(2 ** 31 + i)
  addNumber(2 ** 32 + i)
}
for (let i = 1; i <= 64; i++) addNumber(fromBits(i.toString(16).padStart(16, '0')))
while (numbers.size < 6000) {
  const r = int(5)
  if (r === 0) addNumber(randomBitsDouble())
  else if (r === 1) addNumber((rand() - 0.5) * 10 ** (int(60) - 30))
  else if (r === 2) addNumber(Math.round((rand() - 0.5) * 10 ** int(20)) / 10 ** int(8))
  else if (r === 3) addNumber(Number((rand() * 10).toPrecision(1 + int(17)) + 'e' + (int(640) - 325)))
  else addNumber(int(2 ** 30) * 2 ** int(40))
}
write('json-query-numbers.json', [...numbers].map((hex) => [hex, String(fromBits(hex))]))

// ---------------------------------------------------------------------------------------------
// Values as tagged JSON, so Java can rebuild exactly the value JavaScript had:
//   null / true / false / "string" as themselves; {"n": bits} a number; {"i": "digits"} a safe
//   integer to give Java as a Long; {"o": [[key, value], ...]} an object in its key order;
//   {"a": [...]} an array; {"u": 0} undefined; {"d": ms} a Date.

function tag (v) {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v
  if (v === undefined) return { u: 0 }
  if (typeof v === 'number') return { n: bitsOf(v) }
  if (v instanceof Date) return { d: v.getTime() }
  if (v instanceof LongInt) return { i: String(v.value) }
  if (Array.isArray(v)) return { a: v.map(tag) }
  return { o: Object.keys(v).map((k) => [k, tag(v[k])]) }
}
// A number that Java gets as a Long; it serializes as the plain number.
class LongInt {
  constructor (value) { this.value = value }
  toJSON () { return this.value }
}

const STRING_PARTS = ['a', 'b', 'Zoë', '"', '\\', '/', '<', '>', '&', '\'', ' ', '\t', '\n', '\r',
  '\b', '\f', '\u0000', '\u0001', '\u001f', '\u0020', '\u007f', '\u0080', '\u00ff', '\u2028',
  '\u2029', '\ufeff', '\ufffd', '日本語', '✓', '😀', '\ud83d', '\ude00', '\udbff\udfff', '\ud800',
  '\udfff', '\\u0041', '%', 'é', '💩x', '\u200b']
function randomString () {
  const n = int(6)
  let s = ''
  for (let i = 0; i < n; i++) s += pick(STRING_PARTS)
  return s
}
const NUMBER_POOL = [0, -0, 1, -1, 0.5, 1e21, 1e-7, 123.456, NaN, Infinity, -Infinity, 2 ** 53,
  12345678901, 1.2345678901234568e+29, 5e-324, 0.1, 1e300, -1e-300]
function randomNumber () {
  const r = int(3)
  if (r === 0) return pick(NUMBER_POOL)
  if (r === 1) return randomBitsDouble()
  return int(2000) - 1000
}
const KEYS = ['a', 'b', 'id', 'name', '', ' ', '1', '10', '2', '01', '-1', '4294967294',
  '4294967295', '__proto__', 'toString', 'é', '😀', '\u0000', '"', 'a"b', '<x>', 'long key']
function randomValue (depth) {
  const r = int(depth > 3 ? 6 : 9)
  switch (r) {
    case 0: return null
    case 1: return rand() < 0.5
    case 2: case 3: return randomString()
    case 4: return randomNumber()
    case 5: return rand() < 0.2 ? undefined : new LongInt(int(2 ** 40) - 2 ** 39)
    case 6: case 7: {
      const o = {}
      const n = int(5)
      for (let i = 0; i < n; i++) {
        const k = pick(KEYS)
        // Defining __proto__ as data keeps it an own key, as JSON.parse would make it.
        Object.defineProperty(o, k, { value: randomValue(depth + 1), enumerable: true, configurable: true, writable: true })
      }
      return o
    }
    default: {
      const n = int(5)
      const a = []
      for (let i = 0; i < n; i++) a.push(randomValue(depth + 1))
      return a
    }
  }
}

const PARITY = { user: { id: 7, name: 'Zoë "Z" <admin>', roles: ['admin', 'dev'], manager: null }, flags: { active: true, deleted: false }, stats: { ratio: 0.25, negative: -3, big: 12345678901 }, empty: { object: {}, array: [] }, path: 'a/b\\c', unicode: '日本語 ✓' }

function allChars () {
  let s = ''
  for (let c = 0; c < 0x80; c++) s += String.fromCharCode(c)
  return s
}

const stringifyValues = [
  PARITY, null, true, false, 0, -0, 'x', '', [], {}, [[]], [{}], { a: [] }, { a: {} },
  allChars(), { [allChars()]: allChars() }, '\ud800', '\udc00', '\ud83d\ude00', '\ude00\ud83d',
  'a\ud800b\udc00c', ['\ud83d', '\ude00'], NaN, Infinity, -Infinity, 1e21, 1e-7, 5e-324,
  [undefined, null, undefined], { a: undefined, b: 1, c: undefined }, { a: undefined },
  [new Date(0), new Date(-1), new Date(1704164645678), new Date(8.64e15), new Date(-8.64e15),
    new Date(253402300799999), new Date(253402300800000), new Date(-62167219200000),
    new Date(-62167219200001), new Date(-2208988800000), new Date(951782400000)],
  { nested: { deeper: { deepest: [1, [2, [3, [4, {}]]]] } } },
  'x'.repeat(5000) + '😀' + 'y'.repeat(3000), '😀'.repeat(3000), '\ud83d'.repeat(100),
  '<script>alert("x&y")</script>', { '<': '>', '&': '&amp;' },
  undefined
]
for (let i = 0; i < 400; i++) stringifyValues.push(randomValue(0))
const SPACES = [0, 1, 2, 3, 4, 10, 11, -1]
const stringify = []
stringifyValues.forEach((v, i) => {
  const spaces = i < 10 ? SPACES : [pick(SPACES), pick(SPACES)]
  for (const sp of spaces) {
    const json = JSON.stringify(v, null, sp)
    const escaped = typeof json === 'string'
      ? json.replace(/[<>&]/g, (c) => '\\u00' + c.charCodeAt(0).toString(16))
      : null
    stringify.push({ value: tag(v), spaces: sp, json: json === undefined ? null : json, escaped })
  }
})
write('json-query-stringify.json', stringify)

// ---------------------------------------------------------------------------------------------
// JSON.parse: {text, value} or {text, error}; {bytes, ...} cases go through Buffer#toString.

function parseCase (text) {
  try {
    const value = JSON.parse(text)
    return { text, value: tag(value), json: JSON.stringify(value) }
  } catch (e) {
    return { text, error: e.message }
  }
}

const validTexts = [
  JSON.stringify(PARITY), JSON.stringify(PARITY, null, 2), '1.0', '1e2', '-0', '-0.0', '0',
  '9007199254740993', '9007199254740992', '-9007199254740992', '9007199254740994', '1e400',
  '-1e400', '0.1', '1E+2', '1e-2', '123456789012345678901234567890', '2147483647', '2147483648',
  '-2147483648', '-2147483649', '4294967296', '1.5e300', '5e-324', '1e-400', '-1e-400',
  '100000000000000000000', '1000000000000000000000', '12345678901', '999999999999999',
  '9999999999999999', '0.000001', '1.7976931348623157e308', '1.7976931348623159e308',
  ' \t\n\r 1 \t\n\r ', '"\\u0000\\u001f\\u007f\\ud800\\udc00\\ud83d\\ude00\\uD83D\\uDE00"',
  '"\\/\\"\\\\\\b\\f\\n\\r\\t"', '"日本語 ✓ 😀"', '"\ud800"', '""', '[]', '{}', '[[],{}]',
  '{"a":1,"b":2,"a":3}', '{"b":1,"a":2,"1":3,"0":4}', '{"10":1,"2":2,"a":3,"1":4,"01":5}',
  '{"4294967294":1,"4294967295":2,"0":3}', '{"-1":1,"1.5":2,"1e3":3}',
  '{"__proto__":{"x":1},"constructor":2}', '{"":1," ":2}', '{"a":{"a":{"a":{}}}}',
  '[1,-1,1.5,-1.5,1e21,true,false,null,"x"]', '{"a" : 1 , "b" :[ 1 , 2 ] }',
  // Deeper nesting is a Java unit test: the tagged form would exceed Jackson's reading depth.
  '['.repeat(100) + ']'.repeat(100), '{"x":' + '{"x":'.repeat(100) + '1' + '}'.repeat(101),
  '"' + 'x'.repeat(10000) + '"', '{"\\u0031":1,"\\u00302":2,"0":3}', '{"a\\u0000b":1}',
  'true', 'false', 'null', '"\\u00e9"', '[0,-0,0.0,-0.0]'
]
for (let i = 0; i < 150; i++) validTexts.push(JSON.stringify(randomValue(0), null, pick([0, 2, '\t'])) || 'null')

const invalidTexts = [
  '', ' ', '\t\n', '{', '}', '[', ']', '{"a":1,}', '[1,]', '[1 2]', '{"a" 1}', '{"a":}', '{a:1}',
  "{'a':1}", 'abc', 'tru', 'truex', 'true x', 'trUe', 'tr ue', 't"', 'nul', 'nulll', 'n', 'f',
  'fals', 'falsy', 'undefined', 'NaN', 'Infinity', '-Infinity', '[object Object]', '"abc',
  '"a\u0001"', '"\\x"', '"\\u12"', '"\\u12G4"', '"\\u"', '"\\', '"\\u123', '"\\é"', '"\\€"',
  '"\\😀"', '-', '-a', '--1', '+1', '.5', '1.', '1.e3', '1e', '1e+', '1e-', '1E', '01', '00', '-01',
  '-00', '0x10', '1 2', '{"a":1}}', '[1]]', '{"a":1 "b":2}', '{"a":1,"b"}', '{"a":1,"b" 2}',
  '{"a":1,"b""c"}', '{"a":1,"b":}', '{"a":1,,}', '[1,,2]', '[,1]', '{,}', '"\n"', '"\t"',
  '\u2028', '\ufeff{}', '{"a":1}x', '[1] x', '  x  ', '#', '##########', 'é', '日本', '😀',
  'x'.repeat(50), 'x'.repeat(20), 'x'.repeat(21), 'x'.repeat(22),
  '{"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa":1,}',
  '[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,x]',
  '{"a":1,"b":2,"c":3,"d":4,"e":5,"f":6,"g":7,"h":8,"i":9,"j":x}',
  '[1,2,3,4,5,6,7,8,9,x,1,2,3,4,5,6,7,8,9,10]', '[1,2,3,4,5,6,7,8,x,1,2,3,4,5,6,7,8,9,10]',
  '[1,2,3,4,5,6,7,8,9,1,x,2,3,4,5,6,7,8,9,10]', '[1,2,3,4,5,6,7,8,9,1,2,3,4,5,6,7,8,9,10,x]',
  '[1,2,3,4,5,6,7,8,9,1,2,3,4,5,6,7,8,9,x,1]', '[1,2,3,4,5,6,7,8,9,1,2,3,4,5,6,7,8,x,1,1]',
  '[1,2,3,4,5,6,7,8,9,1,2,3,4,5,6,7,8,9,1,x,1]', '{"a":\u2028}', '[1,\u00a0]', '[1,\u0000]',
  '{"a":tru}', '{"a":nul,"b":1}', '[-]', '[1e]', '[1.]', '[01]', '[-01]', '[1-2]', '[1+2]',
  '{"a":-}', '"\\uD83D\\uDE0"', '[true false]', '{"a":[}', '{"a":{]}', '[{]', '[{"a"]',
  '{"a":1]', '[1}', '{1:2}', '{"a":1,1:2}', '{"a":1,"b":2', '["a" "b"]', '["a":1]',
  '{"a":1 , }', '[\n1\n,\n]', '{\n"a"\n:\n}', '\n\n\nx', '[null, nulL]', '[1, 2, 3, ]'
]
// Single-character edits of valid texts give errors of every kind at every place.
const EDIT_CHARS = [',', ':', '{', '}', '[', ']', '"', '\\', ' ', 'a', 'x', '0', '-', '.', 'e',
  'E', '+', 't', 'n', 'f', 'u', '\u0000', '\n', 'é', '😀', '\ud83d', '/']
const seeds = [JSON.stringify(PARITY), '{"a":[1,2.5,-3e2,true,false,null,"s\\n\\u00e9"],"b":{}}',
  '[{"x":1},{"y":[null]},"\\ud83d\\ude00"]', '{"key":"value","n":-0.5e-3}', '[0,1,12,123.5]']
for (let i = 0; i < 1200; i++) {
  const s = pick(seeds)
  const at = int(s.length + 1)
  const op = int(3)
  let t
  if (op === 0) t = s.slice(0, at) + s.slice(at + 1)
  else if (op === 1) t = s.slice(0, at) + pick(EDIT_CHARS) + s.slice(at)
  else t = s.slice(0, at) + pick(EDIT_CHARS) + s.slice(at + 1)
  invalidTexts.push(t)
}
for (let i = 0; i < 100; i++) invalidTexts.push(pick(seeds).slice(0, int(40)))

const parse = []
const seenTexts = new Set()
for (const t of [...validTexts, ...invalidTexts]) {
  if (seenTexts.has(t)) continue
  seenTexts.add(t)
  parse.push(parseCase(t))
}
// Bytes: UTF-8 decoding as Buffer#toString does it, then JSON.parse.
const BYTE_SEQS = [[0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF], [0xED, 0x9F, 0xBF], [0xF0, 0x80, 0x80],
  [0xE0, 0x80, 0x80], [0xC0, 0x80], [0xC1, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF],
  [0xE2, 0x82], [0xE2, 0x82, 0xAC], [0xF0, 0x9F, 0x98], [0xF0, 0x9F, 0x98, 0x80], [0xFF], [0xFE],
  [0x80], [0xBF], [0xC2], [0xE0, 0xA0], [0xF5, 0x80, 0x80, 0x80], [0xEF, 0xBB, 0xBF], [0x41],
  [0xC3, 0xA9], [0x22], [0x5C]]
for (let i = 0; i < 250; i++) {
  const bytes = [0x22]
  const n = 1 + int(4)
  for (let k = 0; k < n; k++) {
    if (rand() < 0.7) bytes.push(...pick(BYTE_SEQS))
    else bytes.push(int(256))
  }
  if (rand() < 0.9) bytes.push(0x22)
  const text = Buffer.from(bytes).toString('utf8')
  const c = parseCase(text)
  delete c.text
  parse.push({ bytes: Buffer.from(bytes).toString('hex'), ...c })
}
for (const b of [[0xEF, 0xBB, 0xBF, 0x7B, 0x7D], [0x7B, 0x22, 0xED, 0xA0, 0x80, 0x22, 0x3A, 0x31, 0x7D]]) {
  const c = parseCase(Buffer.from(b).toString('utf8'))
  delete c.text
  parse.push({ bytes: Buffer.from(b).toString('hex'), ...c })
}
write('json-query-parse.json', parse)

// ---------------------------------------------------------------------------------------------
// querystring.parse (req.query with Express 5's "simple" parser): [query, result]

const QS_PARTS = ['a', 'b', 'c', '=', '=', '&', '&', '+', '%', '%2', '%20', '%41', '%2B', '%26',
  '%3D', '%zz', '%G1', '%C3%A9', '%C3', '%E2%82', '%E2%82%AC', '%F0%9F%98%80', '%FF', '%ED%A0%80',
  '%c3%a9', 'é', '日', '😀', '\ud83d', '[', ']', '[]', 'a[b]', '%5B', '__proto__', 'constructor',
  'toString', '0', '1', '10', '2', '01', ' ', '%%', '%25', '%0', '%00', '%7F', '%80', '?', '#', ';']
function randomQuery (parts, max) {
  const n = 1 + int(max)
  let s = ''
  for (let i = 0; i < n; i++) s += pick(parts)
  return s
}
const queries = [
  '', 'a', 'a=', '=', '==', '=a', '&', '&&', '&a', 'a&', 'a=1', 'a=1&b=2', 'a=1&a=2', 'a=1&a=2&a=3',
  'a&a', 'a=&a=', 'a=1&&b=2', '&&&a=1&&&', 'a==b', 'a=b=c', '+', '+=+', 'a+b=c+d', 'a%20b=c%20d',
  'a%2Bb=c%2Bd', '%', '%=%', '%zz=%zz', 'a=%', 'a=%2', 'a=%41%', 'a=100%', 'a=100%25',
  '%41%42=%43', '%41%42=é%', '%41%42=é', 'é=é', 'é=é%zz', 'é%zz=x', '%E9=%E9', '%C3%A9=%C3%A9',
  '%E2%82%AC=%E2%82', '%F0%9F%98%80=%F0%9F%98', '%ED%A0%80=x', 'x=%ED%A0%80', '%FF%FE=%FF',
  'a=%C3', 'a=%C3%', 'a=%C3%A', 'a=%%C3%A9', 'a=%25C3%A9', 'a[b]=1', 'a[]=1&a[]=2', 'a.b=1',
  '__proto__=1', '__proto__[x]=1', 'constructor=1', 'toString=1&toString=2', 'hasOwnProperty=x',
  'b=1&a=2&1=3&0=4', '10=a&2=b&1=c&01=d&-1=e', '4294967294=a&4294967295=b&0=c',
  'a=1;b=2', 'a=1#frag', '?a=1', 'a=\ud83d', '\ude00=x', 'a=😀&😀=a', 'a=%F0%9F%98%80%zz',
  'key=%E6%97%A5%E6%9C%AC', '%e6%97%a5=1', 'a=+%2B+', 'a=%2', 'a=%%41', 'a=%4%41', 'a=%x41',
  'a%=b', 'a%2=b', 'a%20=b', '%20=%20', 'a b=c d', 'a\tb=c\nd', 'a=1&b', 'a=1&=b', 'a=1&=',
  '=1&=2', 'a=&b=&a=', 'x=1&x&x=', 'x=%zz%41&y=%41%zz', 'é%41=1', '%41é%zz=1'
]
for (let i = 0; i < 350; i++) queries.push(randomQuery(QS_PARTS, 12))
const many = []
for (let i = 0; i < 1005; i++) many.push('k' + i + '=' + i)
queries.push(many.join('&'), '&'.repeat(999) + 'a=1', '&'.repeat(1000) + 'a=1', 'a=1&'.repeat(999) + 'z=2',
  'a=1&'.repeat(1000) + 'z=2', many.slice(0, 1000).join('&'), many.slice(0, 999).join('&') + '&&z=1')
// Results as [key, value] entries in the object's order: Jackson refuses some lone surrogates in
// field names.
const entries = (o) => Object.keys(o).map((k) => [k, o[k]])
const qsCases = [...new Set(queries)].map((q) => [q, entries(querystring.parse(q))])
write('json-query-querystring.json', qsCases)

// ---------------------------------------------------------------------------------------------
// body-parser urlencoded({extended: false}): {body, charset, limit, result | error}

const FORM_PARTS = [...QS_PARTS, '[0]', '[1]', '[5]', '[a]', '[]', ']=', '%5D', '%5b', '%5d',
  '[__proto__]', '[toString]', '[=]', 'a[]', '[0]=', '[]=', '[a]=', '&[]=x', '&[0]=y', '&a=',
  '&[a]=', '[a', 'a]', '%5Ba%5D']
const LATIN1_PARTS = ['a', 'b', '=', '&', '+', '%', '%41', '%E9', '%e9', '%FF', '%zz', '%C3%A9',
  'é', 'ÿ', '\u0080', '[a]', '[]', '%5B', 'x']
const formInputs = []
for (const body of ['', 'a', 'a=1', 'a=1&a=2', 'a=1&b=2&a=3', '[]=1', '[]=1&[]=2', '[0]=a&0=b',
  '0=b&[0]=a', '[5]=x', '[5]=x&b=1&c=2&d=3&e=4&f=5', 'a=1&[a]=2', '[a]=1&a=2', 'a=1&[a]=',
  'a=&[a]=1', 'a=1&a=2&[a]=3&[a]=4', 'a=1&[a]=x&[a]=y&[a]=z', 'a=1&a=2&[a]=x&[a]=y&[a]=z',
  '__proto__=1', '[__proto__]=1', 'toString=1', '[toString]=2', 'constructor=x',
  'a]=b=c', 'a=b]=c', 'a[]=1&a[]=2', 'a[b]=1', 'a[b][c]=1', '%5Ba%5D=1', '%5ba%5d=1',
  '%255Ba%255D=1', 'a=%5B%zz', '%%5B=1', '[=1', ']=1', '[]', '[]&[]', '=x', '=x&=y', '&', '&&',
  'a=%C3%A9', 'a=%C3', 'a=%zz%41', 'a+b=c+d', 'a%2Bb=1', 'x=1&x&x=', '[0]=a&[1]=b&[0]=c',
  '1=a&[1]=b&[]=c&0=d', '[]=a&[]=&[]=b', '[9007199254740993]=x', '[9007199254740994]=x',
  '[-0]=x', '[01]=x', '[-1]=x', '[1e3]=x', '[ 1]=x', '[4294967295]=x', '[123456789012]=x']) {
  formInputs.push({ body, charset: 'utf-8', limit: 1000 })
}
for (let i = 0; i < 300; i++) formInputs.push({ body: randomQuery(FORM_PARTS, 10), charset: 'utf-8', limit: 1000 })
for (let i = 0; i < 80; i++) formInputs.push({ body: randomQuery(LATIN1_PARTS, 10), charset: 'iso-8859-1', limit: 1000 })
for (const body of ['a=%E9&%FF=%C3%A9', 'é=ÿ', 'a=%41%zz', 'a=%u00e9', 'a+b=%2B']) {
  formInputs.push({ body, charset: 'iso-8859-1', limit: 1000 })
}
for (const [body, limit] of [['a=1', 1], ['a=1&b=2', 1], ['a=1&b=2', 2], ['a=1&b=2&c=3', 2],
  ['&', 1], ['&', 2], ['', 1], ['a&&', 3], ['a&&', 2], [many.slice(0, 1000).join('&'), 1000],
  [many.slice(0, 1001).join('&'), 1000], ['[0]=a&[1]=b&[2]=c', 3], ['[5]=x&[5]=y', 2],
  ['[]=a&[]=b&[]=c', 3], ['a=1&a=2&a=3', 3]]) {
  formInputs.push({ body, charset: 'utf-8', limit })
}

function runForm (input) {
  if (input.charset === 'utf-8') {
    // The parser sees the body decoded from UTF-8 bytes, so lone surrogates arrive as U+FFFD.
    input = { ...input, body: Buffer.from(input.body, 'utf8').toString('utf8') }
  }
  return new Promise((resolve) => {
    const parser = bodyParser.urlencoded({ extended: false, parameterLimit: input.limit })
    const buf = Buffer.from(input.body, input.charset === 'utf-8' ? 'utf8' : 'latin1')
    const req = Readable.from(buf.length ? [buf] : [])
    req.headers = {
      'content-type': 'application/x-www-form-urlencoded; charset=' + input.charset,
      'content-length': String(buf.length)
    }
    req.method = 'POST'
    parser(req, {}, (err) => {
      if (err) resolve({ ...input, error: { status: err.status, message: err.message, type: err.type } })
      else resolve({ ...input, result: entries(req.body) })
    })
  })
}

async function forms () {
  const out = []
  const seen = new Set()
  for (const input of formInputs) {
    const id = JSON.stringify(input)
    if (seen.has(id)) continue
    seen.add(id)
    out.push(await runForm(input))
  }
  write('json-query-form.json', out)
}

// ---------------------------------------------------------------------------------------------
// statuses, encodeurl, escape-html

const messages = {}
for (let c = 0; c < 1000; c++) {
  if (Object.prototype.hasOwnProperty.call(statuses.message, c)) messages[c] = statuses.message[c]
}
write('json-query-statuses.json', {
  message: messages,
  codes: statuses.codes,
  redirect: Object.keys(statuses.redirect).map(Number),
  empty: Object.keys(statuses.empty).map(Number),
  retry: Object.keys(statuses.retry).map(Number),
  byMessage: Object.fromEntries(['not found', 'NOT FOUND', 'I\'m a teapot', 'ok', 'Payload Too Large',
    'nope', ''].map((m) => {
    try { return [m, statuses(m)] } catch (e) { return [m, -1] }
  }))
})

const URL_PARTS = ['a', '/', '?', '#', '&', '=', '%', '%2', '%20', '%2g', '%zz', '%%', '%AF', '%af',
  ' ', '"', '<', '>', '`', '{', '}', '|', '\\', '^', '[', ']', '\'', '(', ')', '*', '!', '$', ',',
  ';', ':', '@', '~', '-', '.', '_', '+', '\u0000', '\u001f', '\u007f', '\u0080', 'é', '日',
  '😀', '\ud83d', '\ude00', '\ufffd', '\t', '\n', 'http://', 'x.y', '%F0%9F%98%80']
const urls = ['', '/', 'http://localhost/foo bar', '/foo%20bar', '/foo%2', '/%', '/%%', '%%41',
  '/foo?a=<b>&c="d"', '/\ud83d\ude00', '/\ud83d', '/\ude00x', '/\ude00\ud83d', 'http://[::1]:80/',
  '/a`b{c}d|e\\f^g', '/%zz%ZZ%5a', 'ftp://u:p@h/p;q?r#s', '/日本語', '/\u0000\u007f', '%', '%2',
  '%20%', '/a%ggb', '/\ufffd']
for (let i = 0; i < 250; i++) urls.push(randomQuery(URL_PARTS, 10))
write('json-query-encodeurl.json', [...new Set(urls)].map((u) => [u, encodeUrl(u)]))

const HTML_PARTS = ['a', '&', '<', '>', '"', '\'', '&amp;', '`', '=', ' ', 'é', '😀', '\ud83d', '/',
  '&#39;', '\n']
const htmls = ['', 'plain', '<script>alert("x")</script>', 'Tom & Jerry\'s', '&&&', '<<>>', '"\'"']
for (let i = 0; i < 150; i++) htmls.push(randomQuery(HTML_PARTS, 10))
write('json-query-escapehtml.json', [...new Set(htmls)].map((h) => [h, escapeHtml(h)]))

forms().catch((e) => {
  console.error(e)
  process.exit(1)
})
