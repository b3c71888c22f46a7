#!/usr/bin/env node
// Records what Node's Buffer and StringDecoder do for a table of cases, as the expected results of
// dev.eddy.BufferTest and dev.eddy.StringDecoderTest.
//
// Regenerate (with Node 20, the version Eddy follows) from the repository root:
//
//   node eddy-core/src/test/node/buffer-fixtures.js > eddy-core/src/test/resources/buffer-fixtures.json
//
// The output is deterministic (the fuzz cases come from a seeded Mulberry32), so regenerating with
// the same Node version gives the same file; a diff after a Node upgrade shows what Node changed.
//
// Conventions of the JSON: bytes are lowercase hex strings; strings are JSON strings (lone
// surrogates appear as \udXXX escapes); an absent optional argument is absent from the case (or
// null); a call that throws records {error: {name, code, message}} instead of its result.
'use strict';

const { StringDecoder } = require('string_decoder');

const ENCODINGS = ['utf8', 'utf16le', 'latin1', 'ascii', 'hex', 'base64', 'base64url'];

// Mulberry32: small, seedable, the same generator as eddy-bench uses for its scenarios.
function mulberry32(seed) {
  return function next() {
    seed = (seed + 0x6D2B79F5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(20240611);
const randInt = (n) => Math.floor(random() * n);
const pick = (array) => array[randInt(array.length)];

const hex = (bytes) => Buffer.from(bytes).toString('hex');
const bytesOf = (h) => Buffer.from(h, 'hex');

function attempt(fn) {
  try {
    return { result: fn() };
  } catch (e) {
    return { error: { name: e.name, code: e.code, message: e.message } };
  }
}

// ------------------------------------------------------------------------------------------------
// Byte sequences to decode: UTF-8 edge cases (after Markus Kuhn's UTF-8 decoder stress test and the
// Unicode "maximal subpart" examples), then other encodings' concerns, then random bytes.

const decodeInputs = [
  '', '00', '41', '7f', '414243', '68656c6c6f20776f726c64',
  // valid 2, 3, 4-byte forms at their boundaries
  'c280', 'c3a9', 'dfbf', 'e0a080', 'e282ac', 'efbfbf', 'ed9fbf', 'ee8080', 'efbbbf41',
  'f0908080', 'f09f9880', 'f48fbfbf', 'f3bfbfbf',
  // overlong forms
  'c080', 'c0af', 'c1bf', 'e08080', 'e080af', 'e09fbf', 'f0808080', 'f08fbfbf', 'f880808080',
  'fc8080808080', 'c0', 'c1',
  // encoded surrogates
  'eda080', 'edadbf', 'edae80', 'edafbf', 'edb080', 'edbfbf', 'eda080edb080', 'edafbfedbfbf',
  // beyond U+10FFFF and invalid lead bytes
  'f4908080', 'f4bfbfbf', 'f5808080', 'f7bfbfbf', 'f8', 'fb', 'fc', 'fd', 'fe', 'ff', 'feff',
  'fffe', 'fe41ff42',
  // lone and extra continuation bytes
  '80', 'bf', '8080', '808080', '80bf80bf', 'c3a9a9', 'e282acac', 'f09f9880bf', '41804280',
  // truncated sequences: at the end, before ASCII, before another lead byte
  'c2', 'c3', 'e2', 'e282', 'f0', 'f09f', 'f09f98', 'f4', 'f48f', 'f48fbf', 'e0a0', 'eda0',
  'c241', 'e24142', 'e28241', 'f09f9841', 'f09f41', 'f041', 'c2c3a9', 'e282e282ac', 'f09f98f09f9880',
  'e0', 'e041', 'e080', 'e0a0c0', 'f0c080', 'f09fc3a9',
  // mixed valid and invalid
  '61c3a962e282ac63f09f988064', '61ff62fe63', 'c3a9ff', 'e282acff', 'ffc3a9', 'f09f9880ff41',
  '00ff00ff', '7f80', 'c2a0c2', 'efbfbd', 'efbfbdefbfbd',
  // odd lengths for utf16le, ASCII with high bits
  '4100', '410042', '3dd8', '3dd800de', '3dd8', '00dc3dd8', '00d841', 'e9', 'e941', 'e94180ff',
];
// A longer ASCII run with one multi-byte character at the end and one at the start, to cross the
// 8-byte steps of any word-at-a-time ASCII scan.
decodeInputs.push(hex(Buffer.from('abcdefghijklmnopqrstuvwxyz0123456789'.repeat(3) + 'é')));
decodeInputs.push(hex(Buffer.from('é' + 'abcdefghijklmnopqrstuvwxyz0123456789'.repeat(3))));
decodeInputs.push('41424344454647' + 'ff' + '4142434445464748' + 'c3');
for (let n = 1; n <= 17; n++) {
  decodeInputs.push('41'.repeat(n - 1) + 'c3a9');
  decodeInputs.push('41'.repeat(n - 1) + '80');
}
// Random bytes drawn mostly from the bytes that matter to a UTF-8 decoder.
const interestingBytes = [0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2,
  0xdf, 0xe0, 0xe1, 0xec, 0xed, 0xee, 0xef, 0xf0, 0xf1, 0xf3, 0xf4, 0xf5, 0xf8, 0xfe, 0xff];
for (let i = 0; i < 400; i++) {
  const length = randInt(13);
  const bytes = [];
  for (let j = 0; j < length; j++) {
    bytes.push(random() < 0.8 ? pick(interestingBytes) : randInt(256));
  }
  decodeInputs.push(hex(bytes));
}

const decode = decodeInputs.map((h) => {
  const out = {};
  for (const enc of ENCODINGS) out[enc] = bytesOf(h).toString(enc);
  return { hex: h, out };
});

// toString(encoding, start, end) with Node's clamping.
const decodeRange = [];
{
  const buf = Buffer.from('a€b😀c', 'utf8'); // 61 e282ac 62 f09f9880 63
  const positions = [-3, -1, 0, 1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 20];
  for (const enc of ['utf8', 'hex', 'latin1', 'utf16le', 'base64']) {
    for (const start of positions) {
      for (const end of positions) {
        decodeRange.push({ hex: hex(buf), enc, start, end, out: buf.toString(enc, start, end) });
      }
      decodeRange.push({ hex: hex(buf), enc, start, out: buf.toString(enc, start) });
    }
  }
}

// ------------------------------------------------------------------------------------------------
// Strings to encode.

const encodeInputs = [
  '', 'a', 'hello world', 'é', 'café', '€', '😀', 'a😀b', '\u0000', '\u007f', '\u0080', '\u00ff',
  '\u0100', '\u0141\u0142', '\u07ff', '\u0800', '\uffff', '\ufffd', '\ufeff', 'ÿþ',
  // lone and misordered surrogates
  '\ud800', '\udbff', '\udc00', '\udfff', 'a\ud800b', 'a\udc00b', '\udc00\ud800', '\ud800\ud800',
  '\ud83d\ude00\ude00', '\ud83d', '\ud83d\ud83d\ude00', 'x\ud83d',
  // hex
  '00', '0a', '0A', 'ff', 'FF', '00ff7F80', 'abc', 'abcd', 'a', '0g', 'g0', 'zz', '4142zz43',
  '41 42', ' 41', '41\n42', '\u0130\u0131', '\u0141\u0142', '4\u0131', '0x41', '-1', '١٢',
  // base64 and base64url, strict and lenient
  'QUJD', 'QUJDRA', 'QUJDRA==', 'QUJDRA=', 'QUJDREU=', 'QUJDREVG', 'QQ', 'QQ=', 'QQ==', 'Q', 'Q=',
  'QUI', 'QUI=', '=', '==', '===', '=QUJD', 'QQ==QUJD', 'QU=JD', 'QUJD=QUJD', 'QU JD', ' QUJD ',
  'QUJD\nRA==\n', 'QU\tJD\r\nRA', 'QU!JD', 'Q@U#J$D%', '-_-_', '+/+/', '-_+/', 'A-B_C+D/',
  '////', '____', '++++', '----', 'QUJD\u0000', 'Q\u0155JD', '\u013d', 'QQ\u013dQUJD', 'QU\u012bJ',
  'YWJj', 'YWJjZA', 'YWJjZGU', 'YWJjZGVm', '8J+YgA==', '8J-YgA', 'ÿ', '\u00ffQUJD',
  'SGVsbG8sIFdvcmxkIQ==', 'SGVsbG8sIFdvcmxkIQ', 'SGVs bG8s IFdv cmxk IQ==',
  // latin1 and ascii truncate to the low byte
  'ascii only', 'é\u0100\uffff', '\u0080\u009f\u00a0', 'ü€😀',
];
// Long strings take Node's non-pooled path.
const longInputs = [
  'abcdefghij'.repeat(500),
  '€uro'.repeat(1200),
  '😀'.repeat(1100),
  'QUJD'.repeat(1200) + '\n' + 'QUJD'.repeat(100) + '==',
  '0123456789abcdef'.repeat(300) + 'zz',
  'a?b'.repeat(2000) + '\ud800',
  'a?b'.repeat(2000),
];
encodeInputs.push(...longInputs);
// Mid-length strings (64 chars and more, pooled) with '?' and unpaired surrogates.
encodeInputs.push('x?'.repeat(40) + '\ud800' + '?', '€'.repeat(70) + '\udc00', 'q'.repeat(63) + '\udbff',
  '?'.repeat(64), 'a'.repeat(100) + '😀' + '\ud83d');
// Random strings over characters that stress every encoder.
const interestingChars = ['A', 'z', '0', '9', '+', '/', '-', '_', '=', ' ', '\n', '\t', '!', '\u0000',
  'é', '\u00ff', '\u0100', '\u0141', '\u013d', '\u012b', '€', '\ufffd', '\ud800', '\udbff', '\udc00',
  '\udfff', '😀', 'f', 'F', 'g'];
for (let i = 0; i < 300; i++) {
  const length = randInt(16);
  let s = '';
  for (let j = 0; j < length; j++) s += pick(interestingChars);
  encodeInputs.push(s);
}

// Outputs longer than 512 bytes are recorded as their SHA-256, to keep this file small.
const digest = (buf) => (buf.length > 512
  ? 'sha256:' + require('crypto').createHash('sha256').update(buf).digest('hex') : hex(buf));
const encode = encodeInputs.map((str) => {
  const out = {};
  const byteLength = {};
  for (const enc of ENCODINGS) {
    out[enc] = digest(Buffer.from(str, enc));
    byteLength[enc] = Buffer.byteLength(str, enc);
  }
  return { str, out, byteLength };
});

// ------------------------------------------------------------------------------------------------
// Encoding names.

const encodingNames = ['utf8', 'UTF8', 'utf-8', 'UTF-8', 'Utf-8', 'uTf8', 'ucs2', 'UCS2', 'ucs-2',
  'UCS-2', 'utf16le', 'UTF16LE', 'utf-16le', 'UTF-16LE', 'Utf-16Le', 'latin1', 'LATIN1', 'Latin1',
  'binary', 'BINARY', 'Binary', 'ascii', 'ASCII', 'Ascii', 'hex', 'HEX', 'Hex', 'base64', 'BASE64',
  'Base64', 'base64url', 'BASE64URL', 'Base64Url', '', ' utf8', 'utf8 ', 'utf16', 'utf-16',
  'utf32', 'latin-1', 'iso-8859-1', 'buffer', 'utf 8', 'utf_8', 'base-64', 'xyz', 'ba\u017fe64',
  '\u212aey', 'hex\u0000', 'UTF\u0130'];
const encodings = encodingNames.map((name) => {
  const r = attempt(() => Buffer.from('a').toString(name));
  return {
    name,
    isEncoding: Buffer.isEncoding(name),
    canonical: r.error ? null : new StringDecoder(name).encoding,
    error: r.error || null,
  };
});

// ------------------------------------------------------------------------------------------------
// StringDecoder: every split of multi-byte texts, single-byte feeding, and three-way splits.

const decoderTexts = [
  '61', 'c3a9', 'e282ac', 'f09f9880', '61c3a962e282ac63f09f988064', 'f09f9880f09f9880',
  'e282ace282ac', 'c3a9c3a9c3a9',
  // invalid and truncated UTF-8
  'e282', 'f09f98', 'c3', 'e2e282ac', 'f09fe282ac41', 'e28241', 'ff', 'fe80', '80', '8080c3a9',
  'eda080', 'eda080edb080', 'c080', 'f4908080', 'f09f98f09f9880', 'e0a0c0', 'c3a9ff', 'f0808080',
  '41e2', '41f09f', 'c2c2c2', 'e282acac', 'f8808080', 'bfbfbfbfbf', 'c3a9bfbfbfbf41',
  // UTF-16LE texts (also fed to the other decoders)
  '6100', '3dd800de', '61003dd800de6200', '3dd8', '00dc', '3dd83dd800de', 'ac20', '4100420043',
  // base64 groups
  '010203', '01020304', '0102030405', '010203040506', '00',
];
const stringDecoder = [];
for (const enc of ENCODINGS) {
  for (const text of decoderTexts) {
    const bytes = bytesOf(text);
    const chunkings = [];
    chunkings.push([bytes.length]);
    for (let p = 0; p <= bytes.length; p++) chunkings.push([p, bytes.length - p]);
    chunkings.push(new Array(bytes.length).fill(1));
    if (bytes.length <= 5) {
      for (let p = 1; p < bytes.length; p++) {
        for (let q = p + 1; q < bytes.length; q++) chunkings.push([p, q - p, bytes.length - q]);
      }
    }
    for (const sizes of chunkings) {
      const chunks = [];
      let at = 0;
      for (const size of sizes) {
        chunks.push(hex(bytes.subarray(at, at + size)));
        at += size;
      }
      // Two ways to finish: end() after the last write, and end(lastChunk) instead of it.
      const decoder = new StringDecoder(enc);
      const writes = chunks.map((c) => decoder.write(bytesOf(c)));
      const end = decoder.end();
      const decoder2 = new StringDecoder(enc);
      const writes2 = chunks.slice(0, -1).map((c) => decoder2.write(bytesOf(c)));
      const endWith = chunks.length ? decoder2.end(bytesOf(chunks[chunks.length - 1])) : decoder2.end();
      // Reuse after end(): the decoder starts afresh.
      const again = decoder.write(bytesOf(text)) + decoder.end();
      stringDecoder.push({ enc, chunks, writes, end, writes2, endWith, again });
    }
  }
}
// Random chunkings of random bytes.
for (let i = 0; i < 200; i++) {
  const enc = pick(ENCODINGS);
  const length = randInt(14);
  const bytes = [];
  for (let j = 0; j < length; j++) bytes.push(random() < 0.8 ? pick(interestingBytes) : randInt(256));
  const chunks = [];
  let at = 0;
  while (at < length) {
    const size = 1 + randInt(4);
    chunks.push(hex(bytes.slice(at, at + size)));
    at += size;
  }
  const decoder = new StringDecoder(enc);
  const writes = chunks.map((c) => decoder.write(bytesOf(c)));
  const end = decoder.end();
  const decoder2 = new StringDecoder(enc);
  const writes2 = chunks.slice(0, -1).map((c) => decoder2.write(bytesOf(c)));
  const endWith = chunks.length ? decoder2.end(bytesOf(chunks[chunks.length - 1])) : decoder2.end();
  const again = decoder.write(Buffer.from(bytes)) + decoder.end();
  stringDecoder.push({ enc, chunks, writes, end, writes2, endWith, again });
}

// ------------------------------------------------------------------------------------------------
// indexOf, lastIndexOf, includes.

// One entry per haystack; each case is [kind, needle, offset, encoding, indexOf, lastIndexOf] with
// null for an absent offset or encoding (includes is checked as indexOf !== -1, after Node).
const indexOf = [];
{
  const haystacks = [
    hex(Buffer.from('this is a buffer with a buffer in it')),
    hex(Buffer.from('aaaaaaaaaa')),
    hex(Buffer.from('abcabcabc')),
    hex(Buffer.from('a€b€c€')),
    hex(Buffer.from('abc', 'utf16le')),
    hex(Buffer.from('abcab', 'utf16le')) + '61',
    '00610062', '',
    hex(Buffer.from('AQIDBAUG', 'base64')),
  ];
  const stringNeedles = ['a', 'buffer', 'b', 'bc', 'abc', '', '€', '€c', 'x', 'aaaa', 'c€', 'é',
    'b\u0000', 'ab', 'ca', 'AQID', 'BAUG', '6263', '62', 'YmM', '\u00ff', '\u0161'];
  const bufferNeedles = ['61', '6263', '', '627566666572', '00', 'ff', '00ff', '6100', '0062',
    'e282ac', '61626364', '0506'];
  const numberNeedles = [0x61, 0x62, 0, 255, 256 + 0x61, -1, 0xe9];
  const offsets = [undefined, 0, 1, 2, 3, 9, 10, 11, 100, -1, -3, -10, -11, -100, 2147483647,
    -2147483648];
  const encodingOffsets = [undefined, 1, -3, 100, -100];
  for (const h of haystacks) {
    const buf = bytesOf(h);
    const cases = [];
    const record = (kind, needle, value, offset, enc) => {
      const args = [value];
      if (offset !== undefined || enc !== undefined) args.push(offset);
      if (enc !== undefined) args.push(enc);
      const first = buf.indexOf(...args);
      const last = buf.lastIndexOf(...args);
      if (buf.includes(...args) !== (first !== -1)) throw new Error('includes disagrees');
      cases.push([kind, needle, offset === undefined ? null : offset, enc || null, first, last]);
    };
    for (const offset of offsets) {
      for (const n of numberNeedles) record('number', n, n, offset);
      for (const n of bufferNeedles) record('buffer', n, bytesOf(n), offset);
      for (const n of stringNeedles) record('string', n, n, offset);
    }
    for (const offset of encodingOffsets) {
      for (const n of stringNeedles) {
        for (const enc of ENCODINGS) record('string', n, n, offset, enc);
      }
    }
    indexOf.push({ hex: h, cases });
  }
}

// ------------------------------------------------------------------------------------------------
// Numbers: reads at every offset (in range and not), writes of values in range and not.

const readMethods = ['readUInt8', 'readInt8', 'readUInt16LE', 'readUInt16BE', 'readInt16LE',
  'readInt16BE', 'readUInt32LE', 'readUInt32BE', 'readInt32LE', 'readInt32BE', 'readBigInt64LE',
  'readBigInt64BE', 'readBigUInt64LE', 'readBigUInt64BE', 'readFloatLE', 'readFloatBE',
  'readDoubleLE', 'readDoubleBE'];
const numberString = (v) => (Object.is(v, -0) ? '-0' : String(v));
// One entry per buffer; each case is [method, offset, result] or [method, offset, null, error].
const reads = [];
{
  const buffers = ['0102030405060708090a', 'ff', '80000000', 'ffffffffffffffff',
    '8000000000000000', '7fffffffffffffff', '000000000000f03f', '0000807f', '7fc00000', '000080bf',
    '0100000000000080', 'fedcba9876543210', '', '00000000000000', '010000000000f07f',
    '000000000000f8ff', '8001'];
  for (const h of buffers) {
    const buf = bytesOf(h);
    const cases = [];
    for (const method of readMethods) {
      const offsets = [...new Set([0, 1, 2, buf.length - 1, buf.length, buf.length + 1, -1])];
      for (const offset of offsets) {
        const r = attempt(() => buf[method](offset));
        cases.push(r.error ? [method, offset, null, r.error] : [method, offset, numberString(r.result)]);
      }
    }
    reads.push({ hex: h, cases });
  }
}
const writes = [];
{
  const values = {
    writeUInt8: [0, 1, 127, 128, 255, 256, -1, 1000],
    writeInt8: [0, 127, -128, 128, -129, -1, 255],
    writeUInt16LE: [0, 1, 0x1234, 0xffff, 0x10000, -1],
    writeUInt16BE: [0, 0x1234, 0xffff, 0x10000, -1],
    writeInt16LE: [0, -1, 0x7fff, -0x8000, 0x8000, -0x8001],
    writeInt16BE: [0, -1, 0x1234, -0x8000, 0x8000],
    writeUInt32LE: [0, 1, 0x12345678, 0xffffffff, 0x100000000, -1, 2 ** 40, -(2 ** 40)],
    writeUInt32BE: [0, 0x12345678, 0xffffffff, 0x100000000, -1],
    writeInt32LE: [0, -1, 0x7fffffff, -0x80000000, 0x12345678],
    writeInt32BE: [0, -1, 0x7fffffff, -0x80000000],
    writeBigInt64LE: [0n, -1n, 2n ** 63n - 1n, -(2n ** 63n), 0x0102030405060708n],
    writeBigInt64BE: [0n, -1n, 2n ** 63n - 1n, -(2n ** 63n), 0x0102030405060708n],
    writeBigUInt64LE: [0n, 1n, 2n ** 64n - 1n, 2n ** 64n, -1n, 2n ** 63n, 2n ** 70n, -(2n ** 40n), 2n ** 32n, 2n ** 32n + 1n],
    writeBigUInt64BE: [0n, 2n ** 64n - 1n, 2n ** 64n, -1n, 0x0102030405060708n],
    writeFloatLE: [0, -0, 1, -1.5, 3.4028234663852886e38, 1e39, -1e39, 1.401298464324817e-45, 1e-46,
      0.1, 16777217, NaN, Infinity, -Infinity],
    writeFloatBE: [0, 1, -1.5, 0.1, NaN, Infinity],
    writeDoubleLE: [0, -0, 1, -1.5, 0.1, Number.MAX_VALUE, Number.MIN_VALUE, NaN, Infinity, -Infinity],
    writeDoubleBE: [0, 1, 0.1, -2.5e-300, NaN],
  };
  // Each case is [method, size, value, offset, result, hex] or [method, size, value, offset, null, error].
  for (const method of Object.keys(values)) {
    for (const size of [8, 3, 0]) {
      for (const value of values[method]) {
        for (const offset of [...new Set([0, 1, size - 1, size, -1])]) {
          const buf = Buffer.alloc(size);
          const r = attempt(() => buf[method](value, offset));
          writes.push(r.error ? [method, size, numberString(value), offset, null, r.error]
            : [method, size, numberString(value), offset, r.result, hex(buf)]);
        }
      }
    }
  }
}

// ------------------------------------------------------------------------------------------------
// slice/subarray, compare/equals, copy, fill, concat, alloc.

const slice = [];
{
  const buf = Buffer.from('0123456789');
  const positions = [-20, -11, -10, -9, -5, -1, 0, 1, 5, 9, 10, 11, 20, 2147483647, -2147483648];
  for (const start of positions) {
    slice.push({ start, out: buf.slice(start).toString(), sub: buf.subarray(start).toString() });
    for (const end of positions) {
      slice.push({ start, end, out: buf.slice(start, end).toString(),
        sub: buf.subarray(start, end).toString() });
    }
  }
}

const compare = [];
{
  const inputs = ['', '00', '01', '0000', '0001', '0100', 'ff', 'ff00', '61626364', '6162636465',
    '61626365', '7f', '80'];
  for (const a of inputs) {
    for (const b of inputs) {
      compare.push({ a, b, compare: Buffer.compare(bytesOf(a), bytesOf(b)),
        equals: bytesOf(a).equals(bytesOf(b)) });
    }
  }
  const a = bytesOf('0102030405');
  const b = bytesOf('030405060708');
  const args = [[0, 6, 0, 5], [2, 3, 0, 1], [0, 3, 2, 5], [0, 2, 2, 4], [1, 1, 0, 0], [1, 1, 0, 1],
    [0, 1, 1, 1], [0, 0, 3, 3], [5, 6, 0, 5], [0, 7, 0, 5], [0, 6, 0, 6], [-1, 6, 0, 5],
    [0, 6, -1, 5], [0, -1, 0, 5], [0, 6, 0, -1], [10, 6, 0, 5], [0, 6, 10, 5], [10, 6, 10, 5],
    [3, 2, 0, 5], [0, 6, 4, 2], [2, 6, 2, 5], [0, 3, 2, 4], [6, 6, 5, 5]];
  for (const [ts, te, ss, se] of args) {
    const r = attempt(() => a.compare(b, ts, te, ss, se));
    compare.push({ a: hex(a), b: hex(b), args: [ts, te, ss, se], compare: r.result, error: r.error });
  }
}

const copy = [];
{
  const argLists = [[], [0], [2], [5], [6], [10], [-1], [0, 0], [0, 2], [0, 5], [0, 6], [0, -1],
    [1, 1, 3], [0, 0, 10], [0, 3, 1], [0, 0, 0], [0, 0, -1], [2, 1, 4], [4, 0, 5], [0, 4, 5],
    [0, 2, 2], [0, 0, 5], [3, 0, 2], [0, 1, 100]];
  for (const targetSize of [0, 3, 5, 8]) {
    for (const args of argLists) {
      const source = bytesOf('0102030405');
      const target = Buffer.alloc(targetSize, 0xee);
      const r = attempt(() => source.copy(target, ...args));
      copy.push({ source: hex(source), targetSize, args, result: r.result,
        target: r.error ? undefined : hex(target), error: r.error });
    }
  }
  // Overlapping copies within one buffer, through views that share memory.
  for (const [to, from, end] of [[0, 2, 6], [2, 0, 4], [1, 0, 7], [0, 1, 8], [3, 3, 6]]) {
    const whole = bytesOf('0001020304050607');
    const n = whole.copy(whole, to, from, end);
    copy.push({ overlap: true, source: '0001020304050607', args: [to, from, end], result: n,
      target: hex(whole) });
  }
}

const fill = [];
{
  const cases = [
    { value: { num: 0x61 } }, { value: { num: 0 } }, { value: { num: 256 + 7 } }, { value: { num: -1 } },
    { value: { num: 0x62 }, offset: 1 }, { value: { num: 0x62 }, offset: 1, end: 3 },
    { value: { num: 0x62 }, offset: 3, end: 1 }, { value: { num: 0x62 }, offset: 10 },
    { value: { num: 0x62 }, offset: -1 }, { value: { num: 0x62 }, offset: 0, end: 6 },
    { value: { num: 0x62 }, offset: 0, end: -1 }, { value: { num: 0x62 }, offset: 5, end: 5 },
    { value: { str: 'a' } }, { value: { str: 'ab' } }, { value: { str: 'abc' }, offset: 1 },
    { value: { str: '' } }, { value: { str: '€' } }, { value: { str: '😀' }, offset: 1, end: 4 },
    { value: { str: '\ud800' } }, { value: { str: 'é' } }, { value: { str: 'é' }, enc: 'latin1' },
    { value: { str: '\u0141' }, enc: 'latin1' }, { value: { str: '\u0141' }, enc: 'ascii' },
    { value: { str: 'ab' }, enc: 'utf16le' }, { value: { str: '\ud83d' }, enc: 'utf16le' },
    { value: { str: 'aabb' }, enc: 'hex' }, { value: { str: 'aabbc' }, enc: 'hex' },
    { value: { str: 'a' }, enc: 'hex' }, { value: { str: 'zz' }, enc: 'hex' },
    { value: { str: 'aazz' }, enc: 'hex' }, { value: { str: 'QUJD' }, enc: 'base64' },
    { value: { str: 'QQ' }, enc: 'base64' }, { value: { str: '=' }, enc: 'base64' },
    { value: { str: '-_' }, enc: 'base64url' }, { value: { str: 'it\'s' }, enc: 'hex' },
    { value: { str: 'a"b\'c' }, enc: 'hex' }, { value: { str: 'a"b\'c`' }, enc: 'hex' },
    { value: { str: '\n\t\u0001\u007f\u0085\\\ud800x\udc00' }, enc: 'hex' },
    { value: { str: '😀q' }, enc: 'hex' }, { value: { str: 'x'.repeat(200) }, enc: 'hex' },
    { value: { str: 'x'.repeat(100) + '\n' + 'y'.repeat(20) }, enc: 'hex' },
    { value: { str: 'x'.repeat(30) + '\n' + 'y'.repeat(50) + '\n' }, enc: 'hex' },
    { value: { str: 'x'.repeat(10) + '\ny\n' }, enc: 'hex' },
    { value: { str: 'x'.repeat(10) + '\n' + 'y'.repeat(70) }, enc: 'hex' },
    { value: { str: 'q'.repeat(12000) }, enc: 'hex' },
    { value: { str: 'ab' }, offset: 1, end: 4, enc: 'utf8' },
    { value: { str: 'ab' }, offset: -1, enc: 'utf8' },
    { value: { buf: '0102' } }, { value: { buf: '010203040506070809' } }, { value: { buf: '' } },
    { value: { buf: '0102' }, offset: 1, end: 4 }, { value: { buf: '' }, offset: 2, end: 2 },
  ];
  for (const size of [5, 0]) {
    for (const c of cases) {
      const buf = Buffer.alloc(size, 0xee);
      const v = c.value.num !== undefined ? c.value.num
        : c.value.str !== undefined ? c.value.str : bytesOf(c.value.buf);
      const args = [v];
      if (c.offset !== undefined) args.push(c.offset);
      if (c.end !== undefined) args.push(c.end);
      if (c.enc !== undefined) args.push(c.enc);
      const r = attempt(() => buf.fill(...args));
      fill.push({ size, ...c, hex: r.error ? undefined : hex(buf), error: r.error });
    }
  }
}

const concat = [];
for (const [list, total] of [[[], undefined], [['0102'], undefined], [['01', '', '0203'], undefined],
  [['0102', '0304'], 3], [['0102', '0304'], 6], [['0102'], 0], [['0102'], -1], [[], 3],
  [['01', '02', '03'], 2]]) {
  const r = attempt(() => Buffer.concat(list.map(bytesOf), total));
  concat.push({ list, total: total === undefined ? null : total,
    hex: r.error ? undefined : hex(r.result), error: r.error });
}

const alloc = [];
for (const c of [{ size: 0 }, { size: 3 }, { size: -1 }, { size: 4, fill: { num: 1 } },
  { size: 5, fill: { str: 'ab' } }, { size: 5, fill: { str: 'abc' }, enc: 'hex' },
  { size: 4, fill: { str: 'zz' }, enc: 'hex' }, { size: 0, fill: { str: 'zz' }, enc: 'hex' },
  { size: 3, fill: { str: '€' } }, { size: 6, fill: { str: 'QUJD' }, enc: 'base64' }]) {
  const fillValue = c.fill === undefined ? undefined : c.fill.num !== undefined ? c.fill.num : c.fill.str;
  const r = attempt(() => Buffer.alloc(c.size, fillValue, c.enc));
  const u = attempt(() => Buffer.allocUnsafe(c.size).length);
  alloc.push({ ...c, hex: r.error ? undefined : hex(r.result), error: r.error,
    unsafeError: u.error });
}

process.stdout.write(JSON.stringify({
  node: process.version,
  poolSize: Buffer.poolSize,
  decode, decodeRange, encode, encodings, stringDecoder, indexOf, reads, writes, slice, compare,
  copy, fill, concat, alloc,
}, null, 0).replace(/\},\{/g, '},\n{') + '\n');
