// Records what dotenv 16's parse() returns for many .env texts, for EnvFileFixtureTest.
// Regenerate from the repository root with:
//   NODE_PATH=/tmp/dotenv-ref/node_modules node eddy-ops/src/test/node/env-parse-fixtures.js
// (install the reference with `npm install --prefix /tmp/dotenv-ref dotenv@16 dotenv-expand@12`).
'use strict'

const fs = require('fs')
const path = require('path')
const dotenv = require('dotenv')

const OUT = path.join(__dirname, '../resources/dev/eddy/ops/env-parse-fixtures.json')

const inputs = [
  // plain assignments and separators
  'A=1', 'A = 1', 'A =1', 'A= 1', 'A=  spaced out  ', 'A:1', 'A: 1', 'A:  1', 'A :1', 'A : 1',
  'A:\t1', 'A:\n1', 'A=\n1', 'A=', 'A= ', 'A=\n', 'A', '=1', ' =1', 'A B=1', 'A-B=1', 'a.b=1',
  'A_1=x', '1=one', '01=x', '10=x\n2=y\n1=z', '4294967294=a\n4294967295=b\n3=c', 'KEY-with.dots_and-1=v',
  'A==1', 'A=1=2', 'A=:1', 'A::1', 'A: :1', '__proto__=x\nB=1', 'constructor=x', 'toString=1',
  'A=1\nA=2', 'A=1\nB=2\nA=3', 'A=é', 'ÄB=1', 'A=\u00a0x\u00a0', '\u00a0A=1', '\ufeffA=1', 'A=\ufeffx',
  // export
  'export A=1', 'export  A=1', 'export\tA=1', 'exportA=1', 'export=1', 'export = 1', 'export A', 'export',
  'export export=1', 'export export A=1', 'export\nA=1', ' export A=1', 'export A: 1', 'EXPORT A=1',
  // comments
  '# c', '#A=1', ' # A=1', 'A=1 # c', 'A=1# c', 'A=1#c', 'A=#c', 'A= #c', 'A=a #b #c', 'A="a" # c',
  'A="a"# c', 'A="a #b"', "A='a #b'", 'A=`a #b`', 'A="a" b', "A='a' b", 'A=`a` b', 'A="a"  ', 'A="a"\t# c',
  // quotes
  'A="a"', "A='a'", 'A=`a`', 'A=""', "A=''", 'A=``', 'A="', "A='", 'A=`', 'A="a', "A='a", 'A=`a',
  'A=a"', 'A="a"b"', "A='a'b'", 'A="\'a\'"', "A='\"a\"'", 'A=`"a" \'b\'`', 'A=" a "', "A=' a '",
  'A=  "a"  ', 'A=\t"a"', 'A="a\\"b"', "A='a\\'b'", 'A=`a\\`b`', 'A="a\\"', 'A="a\\\\"', 'A="\\"',
  'A="a\\"b', 'A="a\\"b\\"c"', 'A="a\\"b" c', 'A="x\\"y" # c', 'A="\\\\"', "A='\\'", "A='\\''",
  'A="a"b', 'A="a""b"', "A='a''b'", 'A="a" "b"',
  // escapes
  'A="a\\nb"', "A='a\\nb'", 'A=`a\\nb`', 'A=a\\nb', 'A="a\\rb"', 'A="a\\tb"', 'A="a\\\\nb"', 'A="\\n"',
  'A="\\n\\r\\n"', 'A=a"\\n"', 'A="a\\n', 'A="x"y\\n"', 'A=\\"a\\"',
  // multi-line
  'A="a\nb"', "A='a\nb'", 'A=`a\nb`', 'A="a\nb\nc"\nB=2', 'A="a\n\nb"', 'A="\n"', 'A="a\nB=2',
  'A="a\nB=2\nC="c"', 'A="a\nB="b"', 'A="a\nb" c\nD=1', 'A="line1\nline2" # c\nB=x', 'A=\n"q"',
  'A=\n\n"q"', 'A=\n  "q" # c', 'A=\n"q" x', "A=\n'q'", 'A=\n`q`', 'A: \n"q"', 'A="a\n\\"b\n"',
  'A=`a\n"b"\n\'c\'`', "A='a\nb'c'\nD=1", 'A=-----BEGIN-----\nabc\n-----END-----', 'A="-----BEGIN-----\nabc\n-----END-----"',
  // line endings and blank lines
  'A=1\r\nB=2', 'A=1\rB=2', 'A=1\r\n\r\nB=2', 'A="a\r\nb"', 'A=1\n\n\nB=2', '\n\nA=1\n\n', '  A=1',
  '\tA=1', 'A=1\n  B=2', 'A=1\u2028B=2', 'A=x\u2028y', 'A="x\u2028y"', 'A=1\u2029B=2', 'A=\'a\'\u2028\'b\'',
  'A=x\u2028\'b\'', 'A=x\u2028"b"', 'A="a"\u2028"b"', 'A=#\u2028B=2', 'A=1 #c\u2028B=2', 'A=\u2028B=1',
  'A=\u000bx', 'A=x\u000b', 'A=\fx\f',
  // whole files
  'A=1\nB=2\nC=3', 'garbage\nA=1\nmore garbage\nB=2', 'A=1\nnot valid\n=x\nB=2',
  '# comment\nDB_HOST=localhost\nDB_PORT=5432 # port\nDB_PASS="p#ss word"\nexport SECRET=\'s3cr3t\'\nEMPTY=\nMULTI="one\ntwo"\n',
  'PRIVATE_KEY="-----BEGIN RSA PRIVATE KEY-----\nMIIB\nabc==\n-----END RSA PRIVATE KEY-----"\nNEXT=1',
  'A=${B}\nB=$C', 'URL=http://x.y/#frag', 'URL="http://x.y/#frag"', 'JSON={"a":1}', 'JSON=\'{"a":"b"}\'',
  'A=a b c', 'A=a  b', 'A=\\#', 'A="\\#"', 'A=1\\', 'A=\'', 'A="""', "A='''", 'A=```', 'A=" "', 'A="  "  ',
  'A=a\'b', 'A=\'a"b\'', 'A=""a""', 'A="a\nb\\"\nc"', 'A="\\\\"\\"', 'A="\\"\\"', 'A="a"\n"b"',
  'A="a\nB="b"\nC=c"', 'A=" \n "', 'A="#"', "A='#'#", 'A=`#`#x', 'A==', 'A= = ', 'A=\t', 'A=\t\t# c'
]

// Deterministic fuzz over the characters the grammar cares about.
let seed = 0x2545f491
function rnd (n) {
  seed ^= seed << 13; seed >>>= 0
  seed ^= seed >>> 17
  seed ^= seed << 5; seed >>>= 0
  return seed % n
}
const atoms = ['A', 'B', 'k', '1', '_', '.', '-', '=', ':', ' ', ' ', '\t', '\n', '\n', '\r\n', '\r', '#',
  '"', '"', "'", "'", '`', '\\', '\\"', "\\'", 'export ', 'x', 'y z', '\\n', '\u2028', '\u00a0', '$', 'A=', 'B: ']
for (let i = 0; i < 400; i++) {
  const len = 1 + rnd(14)
  let s = ''
  for (let j = 0; j < len; j++) s += atoms[rnd(atoms.length)]
  inputs.push(s)
}
// Assignment-shaped fuzz, where the quote handling matters most.
const vals = ['"', "'", '`', '\\', '\\"', "\\'", '\\`', 'a', ' ', '#', '\n', 'b c', '\\n', '=']
for (let i = 0; i < 300; i++) {
  let s = ''
  const lines = 1 + rnd(3)
  for (let l = 0; l < lines; l++) {
    s += ['K', 'export K', ' K', 'K2'][rnd(4)] + ['=', ' = ', ': ', '='][rnd(4)]
    const len = rnd(8)
    for (let j = 0; j < len; j++) s += vals[rnd(vals.length)]
    s += ['\n', '\n', '\r\n', ' # c\n', ''][rnd(5)]
  }
  inputs.push(s)
}

const cases = inputs.map((input) => ({ input, entries: Object.entries(dotenv.parse(input)) }))
fs.writeFileSync(OUT, JSON.stringify({ dotenv: require('dotenv/package.json').version, cases }, null, 1) + '\n')
console.log(`${cases.length} cases -> ${OUT}`)
