// Records what bcryptjs 3 (the pure-JS bcrypt most Express apps use; node's native `bcrypt`
// makes the same hashes) does with many passwords and salts, as the fixture
// eddy-security/src/test/resources/dev/eddy/security/passwords.json (replayed by PasswordsFixtureTest).
//
// Regenerate from the repository root:
//   NODE_PATH=/tmp/bcrypt-ref/node_modules node eddy-security/src/test/node/passwords.js
// (/tmp/bcrypt-ref: `npm install --prefix /tmp/bcrypt-ref bcryptjs`.)
//
// Check hashes made by Java the other way round (a JSON array of {password, hash}):
//   NODE_PATH=/tmp/bcrypt-ref/node_modules node eddy-security/src/test/node/passwords.js --verify hashes.json
//
// Every case fixes the salt, so the Java side must produce the very same hash string, which
// proves both directions: Java verifies node's hashes and node verifies Java's.
'use strict';

const fs = require('fs');
const path = require('path');
const bcrypt = require('bcryptjs');

if (process.argv[2] === '--verify') {
  const list = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
  let bad = 0;
  for (const { password, hash } of list) {
    const ok = bcrypt.compareSync(password, hash);
    if (!ok) bad++;
    console.log(ok ? 'ok  ' : 'FAIL', hash);
  }
  console.log(bad === 0 ? `all ${list.length} verify` : `${bad} of ${list.length} fail`);
  process.exit(bad === 0 ? 0 : 1);
}

const ALPHABET = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
let seed = 0x2545f491;
function rnd(n) {
  // xorshift32: deterministic salts so regenerating gives the same fixture
  seed ^= seed << 13; seed >>>= 0;
  seed ^= seed >>> 17;
  seed ^= seed << 5; seed >>>= 0;
  return seed % n;
}
function salt(version, cost, canonical = true) {
  let s = '';
  for (let i = 0; i < 22; i++) s += ALPHABET[rnd(64)];
  if (canonical) {
    // the 22nd character carries only 2 bits; keep the low 4 bits zero so it re-encodes as given
    s = s.slice(0, 21) + ALPHABET[ALPHABET.indexOf(s[21]) & 0x30];
  }
  return `$${version}$${String(cost).padStart(2, '0')}$${s}`;
}

const passwords = [
  '', 'a', 'ab', 'abc', 'password', 'Password1!', 'correct horse battery staple',
  'p@$$w0rd', ' leading space', 'trailing space ', 'tab\there', 'new\nline', 'quote"and\\backslash',
  'a\u0000b', '\u0000', 'nul at end\u0000',
  'pässwörd', 'ÄÖÜäöüß', 'naïve café', 'Ωμέγα', 'пароль', '日本語パスワード', '密码', '비밀번호',
  '🔑', '🔑🔒🔓', 'mixed 🔑 ünïcödé 密码', '\u00ff\u00fe\u00fd', '\u0080\u0081', '\u07ff\u0800', '\uffff',
  '\ud800', 'x\udc00y', '\ud83d', 'end\ud83d', '\udfff\ud800',
  'a'.repeat(70), 'a'.repeat(71), 'a'.repeat(72), 'a'.repeat(73), 'a'.repeat(100), 'a'.repeat(255), 'a'.repeat(256), 'a'.repeat(1000),
  'b'.repeat(71) + 'é', 'b'.repeat(70) + 'é', 'b'.repeat(71) + '€', 'b'.repeat(70) + '€', 'b'.repeat(69) + '€',
  'b'.repeat(69) + '🔑', 'b'.repeat(68) + '🔑', 'b'.repeat(70) + '🔑', 'é'.repeat(36), 'é'.repeat(37), '€'.repeat(24), '€'.repeat(25),
  '🔑'.repeat(18), '🔑'.repeat(19), 'x'.repeat(72) + 'tail differs', 'U*U', 'U*U*', 'U*U*U', '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789chars after 72',
];

function bcryptjsVersion() {
  let dir = path.dirname(require.resolve('bcryptjs'));
  while (!fs.existsSync(path.join(dir, 'package.json')) || JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).name !== 'bcryptjs') {
    dir = path.dirname(dir);
  }
  return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
}

const cases = [];
const versions = ['2a', '2b', '2y'];
// every password under two of the three versions
[0, 1].forEach((round) => passwords.forEach((pw, i) => {
  const version = versions[(i + round) % 3];
  const cost = i % 11 === 0 ? 5 : 4;
  const s = salt(version, cost);
  const hash = bcrypt.hashSync(pw, s);
  const wrong = pw.length === 0 ? 'x' : pw.slice(0, -1) + (pw.endsWith('x') ? 'y' : 'x');
  cases.push({ password: pw, salt: s, hash, wrong, wrongMatches: bcrypt.compareSync(wrong, hash),
    truncates: bcrypt.truncates(pw) });
}));
// salts whose last character has low bits set: both sides re-encode the 16 decoded bytes
for (let i = 0; i < 8; i++) {
  const s = salt(versions[i % 3], 4, false);
  const pw = 'salt-' + i;
  const hash = bcrypt.hashSync(pw, s);
  cases.push({ password: pw, salt: s, hash, wrong: pw + '!', wrongMatches: false, truncates: false });
}
// a few real costs, including the default 12 of Passwords
for (const [version, cost] of [['2b', 10], ['2a', 10], ['2b', 11], ['2b', 12]]) {
  const s = salt(version, cost);
  const pw = `cost ${cost} ${version} pässwörd`;
  cases.push({ password: pw, salt: s, hash: bcrypt.hashSync(pw, s), wrong: pw + '?', wrongMatches: false, truncates: false });
}

const out = path.join(__dirname, '..', 'resources', 'dev', 'eddy', 'security', 'passwords.json');
fs.writeFileSync(out, JSON.stringify({ library: 'bcryptjs ' + bcryptjsVersion(), cases }, null, 1) + '\n');
console.log(`wrote ${cases.length} cases to ${out}`);
