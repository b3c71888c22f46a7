// Records how jsonwebtoken 9 verifies a list of hand-made tokens (valid ones, attacks, edge cases)
// into eddy-security/src/test/resources/dev/eddy/security/jwt-verify.json; JwtVerifyFixtureTest
// replays every case against Eddy's Jwt.verify.
//
// Regenerate from the repository root:
//   (flock /tmp/npm.lock npm install --prefix /tmp/jwt-ref jsonwebtoken@9 express@5)
//   NODE_PATH=/tmp/jwt-ref/node_modules node eddy-security/src/test/node/jwt-verify.js
// Keys are generated anew on each run, so the fixture changes completely; that is expected.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const jwt = require('jsonwebtoken');

const T = 1700000000; // the verification clock (seconds)
const SECRET = 'eddy-fixture-secret-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJKL'; // 70 bytes
const OTHER_SECRET = 'another-fixture-secret-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFG';
const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const rsaOther = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec256 = crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const ec384 = crypto.generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
const pem = (k) => k.publicKey.export({ type: 'spki', format: 'pem' });
const keys = {
  secret: { type: 'secret', value: SECRET },
  otherSecret: { type: 'secret', value: OTHER_SECRET },
  rsa: { type: 'pem', value: pem(rsa) },
  rsaOther: { type: 'pem', value: pem(rsaOther) },
  ec256: { type: 'pem', value: pem(ec256) },
  ec384: { type: 'pem', value: pem(ec384) },
};
const verifyKey = {
  secret: SECRET, otherSecret: OTHER_SECRET, rsa: rsa.publicKey, rsaOther: rsaOther.publicKey,
  ec256: ec256.publicKey, ec384: ec384.publicKey,
};

const b64 = (x) => Buffer.from(x).toString('base64url');
const json = (o) => (typeof o === 'string' ? o : JSON.stringify(o));
const HASH = { '256': 'sha256', '384': 'sha384', '512': 'sha512' };

function signature(alg, input, key) {
  const h = HASH[alg.slice(2)];
  if (alg.startsWith('HS')) return crypto.createHmac(h, key).update(input).digest('base64url');
  if (alg.startsWith('RS')) return crypto.sign(h, Buffer.from(input), key).toString('base64url');
  if (alg.startsWith('PS')) {
    return crypto.sign(h, Buffer.from(input), {
      key, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: crypto.constants.RSA_PSS_SALTLEN_DIGEST,
    }).toString('base64url');
  }
  if (alg.startsWith('ES')) return crypto.sign(h, Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' }).toString('base64url');
  throw new Error(alg);
}

// a token from a header and payload (objects or raw JSON text), signed with alg and key
function token(header, payload, alg, key) {
  const input = b64(json(header)) + '.' + b64(json(payload));
  return input + '.' + (key === undefined ? '' : signature(alg, input, key));
}
const hs = (alg, payload, key = SECRET, extra = {}) => token({ alg, typ: 'JWT', ...extra }, payload, alg, key);

const cases = [];
function add(name, tok, key, options = {}, deviation = null) {
  cases.push({ name, token: tok, key, options, deviation });
}

const base = { sub: '42', name: 'Ada' };
// valid tokens with every algorithm
for (const a of ['HS256', 'HS384', 'HS512']) add(`valid ${a}`, hs(a, base), 'secret');
for (const a of ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512']) {
  add(`valid ${a}`, token({ alg: a, typ: 'JWT' }, base, a, rsa.privateKey), 'rsa');
}
add('valid ES256', token({ alg: 'ES256', typ: 'JWT' }, base, 'ES256', ec256.privateKey), 'ec256');
add('valid ES384', token({ alg: 'ES384', typ: 'JWT' }, base, 'ES384', ec384.privateKey), 'ec384');
add('jsonwebtoken.sign HS256', jwt.sign({ ...base, iat: T }, SECRET, { expiresIn: '1h' }), 'secret');
add('jsonwebtoken.sign RS256', jwt.sign({ ...base, iat: T }, rsa.privateKey, { algorithm: 'RS256' }), 'rsa');
add('no typ header', token({ alg: 'HS256' }, base, 'HS256', SECRET), 'secret');
add('typ jwt lowercase', token({ alg: 'HS256', typ: 'jwt' }, base, 'HS256', SECRET), 'secret');
add('header with kid', hs('HS256', base, SECRET, { kid: 'k1' }), 'secret');
add('header with crit (ignored by jsonwebtoken)', hs('HS256', base, SECRET, { crit: ['exp'], exp: 1 }), 'secret');
add('header with non-ASCII text', hs('HS256', base, SECRET, { x: 'é€😀' }), 'secret');

// payload values as JSON.parse reads them and res.json writes them
const payloads = {
  'empty object': {},
  'numbers': '{"a":1,"b":1.5,"c":1e21,"d":-0,"e":12345678901234567890,"f":9007199254740993,"g":1E-7,"h":0.1,"i":100e-2}',
  'integer-like keys reorder': '{"b":1,"2":2,"1":3,"a":4,"10":5,"01":6}',
  'duplicate keys': '{"a":1,"b":2,"a":3}',
  'proto key': '{"__proto__":{"x":1},"y":2}',
  'nested': { user: { id: 7, roles: ['a', 'b'], meta: { deep: [1, [2, [3]]] } }, ok: true, no: false, nil: null },
  'unicode': { s: 'héllo wörld ✓ 😀', esc: '"\\/\b\f\n\r\t\u0001\u2028' },
  'lone surrogate escape': '{"s":"\\ud800x"}',
  'whitespace json': ' { "a" : [ 1 , 2 ] } ',
  'big exponent': '{"a":1e400,"b":-1e400}',
  'exp far future float': { exp: 4102444800.5 },
  'exp huge': { exp: 1e300 },
  'iat only': { iat: T - 10 },
  'string sub and numeric aud': { sub: 1, aud: 2 },
};
for (const [name, p] of Object.entries(payloads)) add(`payload ${name}`, hs('HS256', p), 'secret');
// invalid UTF-8 inside the payload text: decoded with replacement characters
{
  const input = b64('{"alg":"HS256","typ":"JWT"}') + '.' + Buffer.concat([
    Buffer.from('{"s":"a'), Buffer.from([0xff, 0xc3, 0x28, 0xe2, 0x82, 0xf0, 0x9f, 0x98]), Buffer.from('z"}'),
  ]).toString('base64url');
  add('payload with invalid UTF-8', input + '.' + signature('HS256', input, SECRET), 'secret');
}

// time claims
const timeCases = [
  ['exp one second ago', { exp: T - 1 }, {}],
  ['exp now (expired: now >= exp)', { exp: T }, {}],
  ['exp in one second', { exp: T + 1 }, {}],
  ['exp half a second ahead', { exp: T + 0.5 }, {}],
  ['exp half a second ago', { exp: T - 0.5 }, {}],
  ['exp long ago', { exp: 1000 }, {}],
  ['exp zero', { exp: 0 }, {}],
  ['exp negative', { exp: -5 }, {}],
  ['exp as string', { exp: String(T + 100) }, {}],
  ['exp null', { exp: null }, {}],
  ['exp true', { exp: true }, {}],
  ['exp array', { exp: [T + 100] }, {}],
  ['exp within tolerance', { exp: T - 3 }, { clockTolerance: 5 }],
  ['exp at tolerance edge', { exp: T - 5 }, { clockTolerance: 5 }],
  ['exp beyond tolerance', { exp: T - 6 }, { clockTolerance: 5 }],
  ['nbf in one second', { nbf: T + 1 }, {}],
  ['nbf now', { nbf: T }, {}],
  ['nbf half a second ahead', { nbf: T + 0.5 }, {}],
  ['nbf in the past', { nbf: T - 100 }, {}],
  ['nbf as string', { nbf: String(T - 100) }, {}],
  ['nbf null', { nbf: null }, {}],
  ['nbf within tolerance', { nbf: T + 5 }, { clockTolerance: 5 }],
  ['nbf beyond tolerance', { nbf: T + 6 }, { clockTolerance: 5 }],
  ['nbf future and exp past (nbf is checked first)', { nbf: T + 100, exp: T - 100 }, {}],
  ['nbf invalid and exp past', { nbf: 'soon', exp: T - 100 }, {}],
  ['exp past and nbf past', { nbf: T - 200, exp: T - 100 }, {}],
  ['exp and nbf valid', { nbf: T - 10, exp: T + 10, iat: T - 10 }, {}],
  ['fractional tolerance', { exp: T - 1 }, { clockTolerance: 1.5 }],
];
for (const [name, p, o] of timeCases) add(name, hs('HS256', { ...base, ...p }), 'secret', o);
add('expired with a bad signature', hs('HS256', { exp: T - 100 }, OTHER_SECRET), 'secret');
add('expired RS256', token({ alg: 'RS256', typ: 'JWT' }, { exp: T - 1 }, 'RS256', rsa.privateKey), 'rsa');
add('not yet valid ES256', token({ alg: 'ES256', typ: 'JWT' }, { nbf: T + 60 }, 'ES256', ec256.privateKey), 'ec256');

// audience and issuer
const claimCases = [
  ['aud matches', { aud: 'api' }, { audience: 'api' }],
  ['aud in array', { aud: ['web', 'api'] }, { audience: 'api' }],
  ['aud one of several expected', { aud: 'web' }, { audience: ['api', 'web'] }],
  ['aud other', { aud: 'web' }, { audience: 'api' }],
  ['aud case differs', { aud: 'API' }, { audience: 'api' }],
  ['aud missing', {}, { audience: 'api' }],
  ['aud number', { aud: 1 }, { audience: '1' }],
  ['aud empty array', { aud: [] }, { audience: 'api' }],
  ['aud nested array', { aud: [['api']] }, { audience: 'api' }],
  ['aud not checked without option', { aud: 'web' }, {}],
  ['iss matches', { iss: 'https://auth.example.com' }, { issuer: 'https://auth.example.com' }],
  ['iss other', { iss: 'https://evil.example.com' }, { issuer: 'https://auth.example.com' }],
  ['iss missing', {}, { issuer: 'https://auth.example.com' }],
  ['iss trailing slash', { iss: 'https://auth.example.com/' }, { issuer: 'https://auth.example.com' }],
  ['iss in list', { iss: 'b' }, { issuer: ['a', 'b'] }],
  ['iss not in list', { iss: 'c' }, { issuer: ['a', 'b'] }],
  ['iss array claim', { iss: ['a'] }, { issuer: ['a', 'b'] }],
  ['iss and aud both fine', { iss: 'a', aud: 'api' }, { issuer: 'a', audience: 'api' }],
  ['aud bad and expired (expiry first)', { aud: 'web', exp: T - 1 }, { audience: 'api' }],
  ['iss bad and aud bad', { iss: 'x', aud: 'web' }, { issuer: 'a', audience: 'api' }],
];
for (const [name, p, o] of claimCases) add(name, hs('HS256', { ...base, ...p }), 'secret', o);

// algorithm attacks
const noneHeader = b64('{"alg":"none","typ":"JWT"}');
const body = b64(JSON.stringify(base));
add('alg none without signature', noneHeader + '.' + body + '.', 'secret');
add('alg none with a signature', noneHeader + '.' + body + '.' + signature('HS256', noneHeader + '.' + body, SECRET), 'secret');
add('alg None', b64('{"alg":"None"}') + '.' + body + '.', 'secret');
add('alg NONE with RSA key', b64('{"alg":"NONE"}') + '.' + body + '.', 'rsa');
add('alg none against RSA key', noneHeader + '.' + body + '.', 'rsa');
add('alg HS256 with empty signature', b64('{"alg":"HS256","typ":"JWT"}') + '.' + body + '.', 'secret');
add('alg missing', token({ typ: 'JWT' }, base, 'HS256', SECRET), 'secret');
add('alg lowercase hs256', token({ alg: 'hs256', typ: 'JWT' }, base, 'HS256', SECRET), 'secret');
add('alg as array', token({ alg: ['HS256'], typ: 'JWT' }, base, 'HS256', SECRET), 'secret');
add('alg unknown HS1', token({ alg: 'HS1', typ: 'JWT' }, base, 'HS256', SECRET), 'secret');
const pubPem = pem(rsa);
add('HS256 signed with the RSA public key PEM, verified with the RSA key (confusion)',
  token({ alg: 'HS256', typ: 'JWT' }, base, 'HS256', pubPem), 'rsa');
add('HS512 signed with the EC public key PEM, verified with the EC key (confusion)',
  token({ alg: 'HS512', typ: 'JWT' }, base, 'HS512', pem(ec256)), 'ec256');
add('RS256 token verified with a secret', token({ alg: 'RS256', typ: 'JWT' }, base, 'RS256', rsa.privateKey), 'secret');
add('ES256 token verified with an RSA key', token({ alg: 'ES256', typ: 'JWT' }, base, 'ES256', ec256.privateKey), 'rsa');
add('RS256 header on an ES256 signature, EC key', token({ alg: 'RS256', typ: 'JWT' }, base, 'ES256', ec256.privateKey), 'ec256');
add('ES384 header with a P-256 key', token({ alg: 'ES384', typ: 'JWT' }, base, 'ES384', ec256.privateKey), 'ec256');
add('ES256 token verified with a P-384 key', token({ alg: 'ES256', typ: 'JWT' }, base, 'ES256', ec256.privateKey), 'ec384');
add('ES256 signature in DER form', (() => {
  const input = b64('{"alg":"ES256","typ":"JWT"}') + '.' + body;
  return input + '.' + crypto.sign('sha256', Buffer.from(input), ec256.privateKey).toString('base64url');
})(), 'ec256');
add('PS256 header on an RS256 signature', token({ alg: 'PS256', typ: 'JWT' }, base, 'RS256', rsa.privateKey), 'rsa');

// wrong keys and tampering
add('wrong secret', hs('HS256', base, OTHER_SECRET), 'secret');
add('wrong RSA key', token({ alg: 'RS256', typ: 'JWT' }, base, 'RS256', rsaOther.privateKey), 'rsa');
{
  const good = hs('HS256', { sub: '42', role: 'user' });
  const [h, p, s] = good.split('.');
  const forged = b64(JSON.stringify({ sub: '42', role: 'admin' }));
  add('tampered payload', `${h}.${forged}.${s}`, 'secret');
  add('tampered header (HS384 claimed)', `${b64('{"alg":"HS384","typ":"JWT"}')}.${p}.${s}`, 'secret');
  add('signature from another token', `${h}.${p}.${hs('HS256', base).split('.')[2]}`, 'secret');
  const last = s[s.length - 1];
  const sibling = 'AEIMQUYcgkosw048'.includes(last) ? String.fromCharCode(last.charCodeAt(0) + 1) : last;
  add('HMAC signature with non-canonical trailing bits', `${h}.${p}.${s.slice(0, -1)}${sibling}`, 'secret');
  add('signature truncated', `${h}.${p}.${s.slice(0, -2)}`, 'secret');
  add('signature with an extra character', `${h}.${p}.${s}A`, 'secret');
  add('signature in standard base64', `${h}.${p}.${Buffer.from(s, 'base64url').toString('base64')}`, 'secret');
  add('payload with an extra sixth character (ignored when decoding)', (() => {
    const input = h + '.' + p + 'A';
    return input + '.' + signature('HS256', input, SECRET);
  })(), 'secret');
  add('payload with padding', (() => {
    const input = h + '.' + Buffer.from(JSON.stringify({ a: 1 })).toString('base64');
    return input + '.' + signature('HS256', input, SECRET);
  })(), 'secret');
  const rs = token({ alg: 'RS256', typ: 'JWT' }, base, 'RS256', rsa.privateKey);
  const rsSig = rs.split('.')[2];
  const rl = rsSig[rsSig.length - 1];
  const rsib = 'AQgw'.includes(rl) ? String.fromCharCode(rl.charCodeAt(0) + 1) : rl;
  add('RSA signature with non-canonical trailing bits', rs.slice(0, -1) + rsib, 'rsa');
  add('RSA signature flipped', rs.slice(0, -5) + (rs.slice(-5, -4) === 'A' ? 'B' : 'A') + rs.slice(-4), 'rsa');
}

// malformed
const malformed = {
  'empty': '',
  'one part': 'abc',
  'two parts': 'abc.def',
  'four parts': 'a.b.c.d',
  'only dots': '..',
  'empty header': '.' + body + '.sig',
  'empty payload': b64('{"alg":"HS256"}') + '..sig',
  'space inside': 'abc .def.ghi',
  'plus and slash': 'ab+c.de/f.ghi',
  'not base64 json header': 'bm90anNvbg.' + body + '.c2ln',
  'header null': b64('null') + '.' + body + '.c2ln',
  'header number': b64('1') + '.' + body + '.c2ln',
  'header array': b64('["HS256"]') + '.' + body + '.c2ln',
  'header string': b64('"HS256"') + '.' + body + '.c2ln',
  'header false': b64('false') + '.' + body + '.c2ln',
  'garbage': '!!!.???.***',
  'random words': 'hello.world.again',
  'a JSON object': '{"alg":"HS256"}',
  'non-ASCII': 'ü.ü.ü',
};
for (const [name, t] of Object.entries(malformed)) add(`malformed: ${name}`, t, 'secret');
add('payload not JSON, typ JWT', (() => {
  const input = b64('{"alg":"HS256","typ":"JWT"}') + '.' + b64('not json');
  return input + '.' + signature('HS256', input, SECRET);
})(), 'secret');

// deviations: jsonwebtoken returns a non-object payload as is; Eddy's claims are always an object
for (const [name, text] of [['plain text', 'hello'], ['a number', '123'], ['null', 'null'], ['an array', '[1,2]'], ['a JSON string', '"x"']]) {
  const input = b64('{"alg":"HS256"}') + '.' + b64(text);
  add(`payload is ${name} (no typ)`, input + '.' + signature('HS256', input, SECRET), 'secret', {},
    'jsonwebtoken returns a non-object payload; Eddy refuses it (claims are a JSON object)');
}
add('token longer than 8 KiB', hs('HS256', { ...base, pad: 'x'.repeat(7000) }), 'secret', {},
  'Eddy refuses tokens over 8192 characters before parsing them; jsonwebtoken has no limit');

// run jsonwebtoken
const out = [];
for (const c of cases) {
  const options = { clockTimestamp: T, ...c.options };
  let result;
  try {
    const payload = jwt.verify(c.token, verifyKey[c.key], options);
    result = { ok: true, payloadJson: JSON.stringify(payload) };
  } catch (e) {
    result = { ok: false, error: e.name, message: e.message };
  }
  out.push({ name: c.name, token: c.token, key: c.key, options: c.options, deviation: c.deviation, ...result });
}
const names = new Set();
for (const c of out) {
  if (names.has(c.name)) throw new Error('duplicate case name ' + c.name);
  names.add(c.name);
}
const file = path.join(__dirname, '../resources/dev/eddy/security/jwt-verify.json');
fs.writeFileSync(file, JSON.stringify({ generator: 'jsonwebtoken ' + require('jsonwebtoken/package.json').version,
  clock: T, keys, cases: out }, null, 1) + '\n');
const ok = out.filter((c) => c.ok).length;
console.log(`${out.length} cases (${ok} accepted, ${out.length - ok} refused) written to ${file}`);
