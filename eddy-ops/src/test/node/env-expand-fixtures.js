// Records what dotenv-expand 12 makes of dotenv 16's parse() output, for EnvExpansionFixtureTest.
// Regenerate from the repository root with:
//   NODE_PATH=/tmp/dotenv-ref/node_modules node eddy-ops/src/test/node/env-expand-fixtures.js
// (install the reference with `npm install --prefix /tmp/dotenv-ref dotenv@16 dotenv-expand@12`).
// Each case records two runs:
//   expanded: expand({ parsed, processEnv: {...env} }), the package used directly;
//   flow:     dotenv.populate(processEnv, parsed) then expand(), what dotenv.config() followed by
//             expand() does to process.env (file values visible before they are expanded).
// Some inputs make dotenv-expand loop forever; they run in a child process with a time limit and
// are recorded as { hangs: true }.
'use strict'

const fs = require('fs')
const path = require('path')
const { spawnSync } = require('child_process')
const dotenv = require('dotenv')
const { expand } = require('dotenv-expand')

function run (c) {
  const parsed = dotenv.parse(c.input)
  expand({ parsed, processEnv: { ...c.env } })
  const flowParsed = dotenv.parse(c.input)
  const flowEnv = { ...c.env }
  dotenv.populate(flowEnv, flowParsed)
  expand({ parsed: flowParsed, processEnv: flowEnv })
  return { expanded: Object.entries(parsed), flow: Object.entries(flowEnv) }
}

if (process.argv[2] === '--child') {
  const cases = JSON.parse(fs.readFileSync(0, 'utf8'))
  for (const c of cases) fs.writeSync(1, JSON.stringify(run(c)) + '\n')
  process.exit(0)
}

const OUT = path.join(__dirname, '../resources/dev/eddy/ops/env-expand-fixtures.json')
const cases = []
function add (input, env) { cases.push({ input, env: env || {} }) }

// Hand-picked cases.
add('A=1\nB=${A}')
add('A=1\nB=$A')
add('A=1\nB=${A}x$A')
add('B=${A}\nA=1')
add('B=$A', { A: 'env' })
add('A=file\nB=$A', { A: 'env' })
add('A=file', { A: 'env' })
add('A=file', { A: '' })
add('A=file\nB=$A', { A: '' })
add('A=$B', { A: '$B', B: 'b' })
add('A=x', { A: 'x' })
add('A=${X:-dflt}')
add('A=${X-dflt}')
add('A=${X:+alt}')
add('A=${X+alt}')
add('A=${X:-dflt}', { X: 'set' })
add('A=${X:+alt}', { X: 'set' })
add('A=${X+alt}', { X: '' })
add('A=${X:-}', { X: '' })
add('A=${X-d}', { X: '' })
add('A=${X:-a:-b}')
add('A=${X:-a-b}')
add('A=${X-a:-b}')
add('A=${X+a-b}', { X: '1' })
add('A=${X:-${Y}}', { Y: 'y' })
add('A=${X:-$Y}', { Y: 'y' })
add('A=${X:-$Y}')
add('A=\\$X', { X: 'x' })
add('A=\\${X}', { X: 'x' })
add('A=\\${X} ${X}', { X: 'x' })
add('A=${X} \\${X}', { X: 'x' })
add('A=\\\\${X}', { X: 'x' })
add('A=$$')
add('A=$')
add('A=${}')
add('A=${ X }', { ' X ': 'sp' })
add('A=${X{}')
add('A=${X}}', { X: 'x' })
add('A=$1')
add('A=$_', { _: 'u' })
add('A=$X1_y', { X1_y: 'v' })
add('A=$X-1', { X: 'x' })
add('A=$X.y', { X: 'x' })
add('A=$nullable')
add('A=$annulled')
add('A=${null}', { '': 'empty-name' })
add('A=$nullable', { '': 'empty-name' })
add('A=${nul}')
add('A=$NULL', { NULL: 'N' })
add('A=${X}', { X: '$$' })
add('A=${X}', { X: 'a$&b' })
add('A=pre${X}post', { X: '[$`]' })
add('A=pre${X}post', { X: "[$']" })
add('A=${X}', { X: '$1$<n>$0' })
add('A=$A')
add('A=${A}')
add('A=x$A')
add('A=a\nA=$A')
add('A=a\nB=$B$A')
add('A=$B\nB=$A')
add('A=$B', { B: '$A' })
add('A=$B', { B: '$C', C: '$D', D: 'd' })
add('A=$B', { B: '$B' })
add('A=$B', { B: '${B}' })
add('A=x$B', { B: 'y' })
add('A=1\nB=$A$A$A')
add('A="double $X"', { X: 'x' })
add("A='single $X'", { X: 'x' })
add('A=`back $X`', { X: 'x' })
add('A=$X', { X: 'has\nnewline' })
add('A=1\nB=${A:-z}\nC=${B:+set}\nD=${NOPE:-${A}}')
add('HOST=localhost\nPORT=5432\nURL=postgres://${HOST}:${PORT}/db')
add('URL=postgres://${HOST}:${PORT}/db\nHOST=localhost\nPORT=5432')
add('PASS=p\\$ss\nURL=x:${PASS}@h')
add('A=1\n1=$A\nB=$1')
add('2=$1\n1=one')
add('A=$B\nB=b', { B: 'env' })
add('A=${B:-$C}\nC=c')
add('A=x\nB=${A}${A}\nC=${B}${B}')
add('A=$$X', { X: 'x' })
add('A=\\$$X', { X: 'x' })
add('A=${X}', { X: '\\$Y', Y: 'y' })
add('A=$X', { X: 'x' }) // file value differs from env value
add('X=file\nA=$X', { X: 'env' })
add('A=${A:-d}')
add('A=${A:-d}', { A: '${A:-d}' })
add('A=$B\nB=${A}')
add('A=b\nB=${A}$B')
add('A=x\nB=$A-$A', {})
add('A=a:-b\nB=${A}')
add('A=${X:-}')
add('A=${:-d}')
add('A=${-d}')
add('A=${X:}', { 'X:': 'colon' })
add('A=${X:=d}')
add('A=${X:?err}')
add('A=$X', { X: 'x$&y' }) // $& puts the reference back: dotenv-expand never stops
add('C=x$&y\nD=${C}')
add('A=$B', { B: 'x$B' })
add('A=y$B', { B: 'x$B' })

// Deterministic fuzz.
let seed = 0x1234567
function rnd (n) {
  seed ^= seed << 13; seed >>>= 0
  seed ^= seed >>> 17
  seed ^= seed << 5; seed >>>= 0
  return seed % n
}
const atoms = ['$', '$', '${', '}', '{', 'A', 'B', 'C', 'X', ':-', '-', ':+', '+', '\\', '\\$', 'null', '_', '1', ' ', 'x', '$A', '${B}', '${X:-', '$$', '$&', 'a']
const envValues = ['', 'e', 'env value', '$A', '${B}', 'x$X', '\\$A', '$$', 'null', 'a-b']
for (let i = 0; i < 400; i++) {
  let input = ''
  const keys = ['A', 'B', 'C', 'D']
  const lines = 1 + rnd(4)
  for (let l = 0; l < lines; l++) {
    input += keys[rnd(keys.length)] + '="'
    const len = rnd(7)
    for (let j = 0; j < len; j++) input += atoms[rnd(atoms.length)]
    input += '"\n'
  }
  const env = {}
  for (const k of ['A', 'B', 'X']) if (rnd(3) === 0) env[k] = envValues[rnd(envValues.length)]
  add(input.replace(/"\$/g, '"$'), env)
}

// Run everything in children; one that does not answer in time marks its case as hanging.
let i = 0
while (i < cases.length) {
  const rest = cases.slice(i)
  const r = spawnSync(process.execPath, [__filename, '--child'], {
    input: JSON.stringify(rest), timeout: 5000, maxBuffer: 64 << 20, env: process.env
  })
  const lines = r.stdout.toString().split('\n').filter(Boolean)
  lines.forEach((line, k) => Object.assign(cases[i + k], JSON.parse(line)))
  i += lines.length
  if (i < cases.length && (r.status !== 0 || r.signal)) {
    cases[i].hangs = true
    i++
  }
}
for (const c of cases) c.env = Object.entries(c.env)
fs.writeFileSync(OUT, JSON.stringify({ dotenvExpand: require('dotenv-expand/package.json').version, cases }, null, 1) + '\n')
console.log(`${cases.length} cases (${cases.filter((c) => c.hangs).length} hang) -> ${OUT}`)
