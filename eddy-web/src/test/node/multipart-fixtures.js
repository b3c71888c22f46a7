// Regenerate with (from the repo root):
//   NODE_PATH=/tmp/multer-ref/node_modules node eddy-web/src/test/node/multipart-fixtures.js
// after `npm install --prefix /tmp/multer-ref multer@2` (multer 2.5.0, busboy 1.6.0).
// Runs multer (memory storage) over hand-built multipart bodies and records req.body, the files
// or the error, into eddy-web/src/test/resources/dev/eddy/web/internal/multipart-fixtures.json.
// Every body is fed twice, whole and one byte at a time; cases whose outcome depends on the split
// (busboy quirks on malformed input) are marked splitVariant and the Java test skips them.
'use strict';
const fs = require('fs');
const path = require('path');
const { Readable } = require('stream');
const multer = require('multer');

const UNDEF = '\u0000undefined';

function part(headers, content) {
  return { headers, content: Buffer.isBuffer(content) ? content : Buffer.from(content, 'latin1') };
}
function field(name, value, extra) {
  return part([`Content-Disposition: form-data; name="${name}"`].concat(extra || []), value);
}
function file(name, filename, type, content) {
  const h = [`Content-Disposition: form-data; name="${name}"; filename="${filename}"`];
  if (type) h.push(`Content-Type: ${type}`);
  return part(h, content);
}
function form(boundary, parts, opts) {
  opts = opts || {};
  const out = [];
  if (opts.preamble !== undefined) out.push(Buffer.from(opts.preamble, 'latin1'));
  parts.forEach((p, i) => {
    out.push(Buffer.from((i === 0 && opts.preamble === undefined ? '' : '\r\n') + '--' + boundary + '\r\n', 'latin1'));
    out.push(Buffer.from(p.headers.map((h) => h + '\r\n').join('') + '\r\n', 'latin1'));
    out.push(p.content);
  });
  if (opts.close !== false) out.push(Buffer.from('\r\n--' + boundary + '--' + (opts.epilogue !== undefined ? opts.epilogue : '\r\n'), 'latin1'));
  return Buffer.concat(out);
}
const B = 'XyZzY';
const CT = 'multipart/form-data; boundary=' + B;

const cases = [];
function add(name, body, o) {
  o = o || {};
  cases.push({
    name,
    contentType: o.contentType !== undefined ? o.contentType : CT,
    body: Buffer.isBuffer(body) ? body : Buffer.from(body, 'latin1'),
    strategy: o.strategy || { kind: 'any' },
    limits: o.limits || {},
    filter: o.filter || null,
    paramCharset: o.paramCharset || null,
  });
}

// ---- plain fields and files
add('one field', form(B, [field('a', 'hello')]));
add('two fields', form(B, [field('a', '1'), field('b', '2')]));
add('repeated field', form(B, [field('a', '1'), field('a', '2'), field('a', '3')]));
add('empty field value', form(B, [field('a', '')]));
add('field value with CRLF', form(B, [field('a', 'line1\r\nline2\r\n')]));
add('field value with dashes', form(B, [field('a', '--XyZzY no CRLF before')]));
add('field value almost a delimiter', form(B, [field('a', 'x\r\n--XyZz')]));
add('field value ending in CR', form(B, [field('a', 'x\r')]));
add('field value ending in CRLF-', form(B, [field('a', 'x\r\n-')]));
add('field value is CRLF--', form(B, [field('a', '\r\n--')]));
add('utf-8 field value', form(B, [field('a', Buffer.from('héllo wörld €', 'utf8'))]));
add('invalid utf-8 field value', form(B, [field('a', Buffer.from([0x61, 0xff, 0xc3, 0x28, 0xe2, 0x82, 0x62, 0xf0, 0x9f, 0x98]))]));
add('latin1 charset field', form(B, [field('a', Buffer.from([0x63, 0x61, 0x66, 0xe9]), ['Content-Type: text/plain; charset=ISO-8859-1'])]));
add('windows-1252 charset field', form(B, [field('a', Buffer.from([0x80, 0xe9]), ['Content-Type: text/plain; charset=windows-1252'])]));
add('utf16le charset field', form(B, [field('a', Buffer.from('hi€', 'utf16le'), ['Content-Type: text/plain; charset=utf-16le'])]));
add('utf16le odd length', form(B, [field('a', Buffer.from([0x68, 0x00, 0x69]), ['Content-Type: text/plain; charset=ucs2'])]));
add('base64 charset field', form(B, [field('a', Buffer.from([1, 2, 3, 250]), ['Content-Type: text/plain; charset=base64'])]));
add('unknown charset field', form(B, [field('a', 'abc', ['Content-Type: text/plain; charset=iso-8859-2']), field('b', 'x')]));
add('field with json content type', form(B, [field('a', '{"x":1}', ['Content-Type: application/json'])]));
add('file', form(B, [file('f', 'a.txt', 'text/plain', 'file body')]));
add('file png', form(B, [file('f', 'a.png', 'image/PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0xff]))]));
add('file without content type', form(B, [file('f', 'a.bin', null, 'x')]));
add('file with content type params', form(B, [file('f', 'a.txt', 'text/plain; charset=utf-8', 'x')]));
add('file with malformed content type', form(B, [file('f', 'a.txt', 'text/', 'x')]));
add('empty file', form(B, [file('f', 'empty.txt', 'text/plain', '')]));
add('file containing CRLF--', form(B, [file('f', 'a.txt', 'text/plain', '\r\n--\r\n--XyZz\r\n')]));
add('fields and files mixed', form(B, [field('title', 'T'), file('f', 'a.txt', 'text/plain', 'A'), field('tags', 'x'), file('g', 'b.txt', 'text/plain', 'B'), field('tags', 'y')]));
add('two files same field', form(B, [file('f', '1.txt', 'text/plain', '1'), file('f', '2.txt', 'text/plain', '22')]));
const big = Buffer.alloc(100000);
for (let i = 0; i < big.length; i++) big[i] = (i * 7 + (i >> 8)) & 0xff;
add('100 KB binary file', form(B, [file('f', 'big.bin', 'application/octet-stream', big)]));
add('octet-stream without filename', form(B, [part(['Content-Disposition: form-data; name="f"', 'Content-Type: application/octet-stream'], 'data'), field('a', '1')]));
add('empty filename without type', form(B, [file('f', '', null, 'data')]));
add('empty filename octet-stream', form(B, [file('f', '', 'application/octet-stream', '')]));
add('Content-Transfer-Encoding', form(B, [part(['Content-Disposition: form-data; name="f"; filename="a.txt"', 'Content-Transfer-Encoding: BASE64'], 'aGk=')]));
add('field with Content-Transfer-Encoding', form(B, [part(['Content-Disposition: form-data; name="a"', 'Content-Transfer-Encoding: 8bit'], 'v')]));

// ---- file names
add('windows path filename', form(B, [file('f', 'C:\\\\dir\\\\a.txt', 'text/plain', 'x')]));
add('unix path filename', form(B, [file('f', '/etc/passwd', 'text/plain', 'x')]));
add('dotdot filename', form(B, [file('f', '../..', 'text/plain', 'x')]));
add('dot filename', form(B, [file('f', '.', 'text/plain', 'x')]));
add('trailing slash filename', form(B, [file('f', 'dir/', 'text/plain', 'x')]));
add('filename with escaped quote', form(B, [part(['Content-Disposition: form-data; name="f"; filename="a\\"b.txt"'], 'x')]));
add('filename with escaped backslash', form(B, [part(['Content-Disposition: form-data; name="f"; filename="a\\\\b.txt"'], 'x')]));
add('filename with escaped letter', form(B, [part(['Content-Disposition: form-data; name="f"; filename="a\\b.txt"'], 'x')]));
add('unquoted filename', form(B, [part(['Content-Disposition: form-data; name=f; filename=a.txt'], 'x')]));
add('filename with %22 %0A %0d', form(B, [file('f', 'a%22b%0Ac%0dd%20e.txt', 'text/plain', 'x')]));
add('name with %22 and %0a', form(B, [field('a%22b%0a', 'v')]));
add('raw utf-8 filename latin1 default', form(B, [file('f', Buffer.from('résumé €.txt', 'utf8').toString('latin1'), 'text/plain', 'x')]));
add('raw utf-8 filename utf8 param charset', form(B, [file('f', Buffer.from('résumé €.txt', 'utf8').toString('latin1'), 'text/plain', 'x')]), { paramCharset: 'utf8' });
add('raw utf-8 field name', form(B, [field(Buffer.from('naïve', 'utf8').toString('latin1'), 'v')]));
add('raw utf-8 field name utf8 param charset', form(B, [field(Buffer.from('naïve', 'utf8').toString('latin1'), 'v')]), { paramCharset: 'utf8' });
add('filename* utf-8', form(B, [part(["Content-Disposition: form-data; name=\"f\"; filename*=UTF-8''%E2%82%AC%20rates.txt"], 'x')]));
add('filename* ascii only', form(B, [part(["Content-Disposition: form-data; name=\"f\"; filename*=utf-8''plain.txt"], 'x')]));
add('filename* latin1', form(B, [part(["Content-Disposition: form-data; name=\"f\"; filename*=iso-8859-1'en'%E9t%E9.txt"], 'x')]));
add('filename* wins over filename', form(B, [part(["Content-Disposition: form-data; name=\"f\"; filename=\"plain.txt\"; filename*=UTF-8''fancy.txt"], 'x')]));
add('filename* before filename', form(B, [part(["Content-Disposition: form-data; name=\"f\"; filename*=UTF-8''fancy.txt; filename=\"plain.txt\""], 'x')]));
add('filename* unknown charset', form(B, [part(["Content-Disposition: form-data; name=\"f\"; filename*=iso-8859-2''a.txt"], 'x'), field('b', '1')]));
add('filename* bad percent', form(B, [part(["Content-Disposition: form-data; name=\"f\"; filename*=UTF-8''a%ZZ.txt"], 'x'), field('b', '1')]));
add('filename* no quotes', form(B, [part(["Content-Disposition: form-data; name=\"f\"; filename*=a.txt"], 'x'), field('b', '1')]));
add('filename* with path', form(B, [part(["Content-Disposition: form-data; name=\"f\"; filename*=UTF-8''dir%2Fa.txt"], 'x')]));
add('name* extended', form(B, [part(["Content-Disposition: form-data; name*=UTF-8''na%C3%AFve"], 'x')]));
add('duplicate name param first wins', form(B, [part(['Content-Disposition: form-data; name="a"; name="b"'], 'x')]));
add('uppercase disposition', form(B, [part(['CONTENT-DISPOSITION: FORM-DATA; NAME="a"; FILENAME="A.TXT"'], 'x')]));
add('disposition extra spaces', form(B, [part(['Content-Disposition:   form-data ;  name="a"  ;filename="b.txt"  '], 'x')]));
add('disposition tab ows', form(B, [part(['Content-Disposition:\tform-data;\tname="a"'], 'x')]));
add('disposition attachment skipped', form(B, [part(['Content-Disposition: attachment; name="a"'], 'x'), field('b', '1')]));
add('no disposition skipped', form(B, [part(['Content-Type: text/plain'], 'x'), field('b', '1')]));
add('malformed disposition skipped', form(B, [part(['Content-Disposition: form-data; name='], 'x'), field('b', '1')]));
add('disposition trailing semicolon', form(B, [part(['Content-Disposition: form-data; name="a";'], 'x'), field('b', '1')]));
add('disposition unterminated quote', form(B, [part(['Content-Disposition: form-data; name="a'], 'x'), field('b', '1')]));
add('disposition control char in quotes', form(B, [part(['Content-Disposition: form-data; name="a\x01"'], 'x'), field('b', '1')]));
add('disposition param without equals', form(B, [part(['Content-Disposition: form-data; name'], 'x'), field('b', '1')]));
add('missing field name', form(B, [part(['Content-Disposition: form-data'], 'x')]));
add('empty field name', form(B, [field('', 'x')]));
add('missing file field name', form(B, [part(['Content-Disposition: form-data; filename="a.txt"'], 'x')]));
add('file with empty name param', form(B, [part(['Content-Disposition: form-data; name=""; filename="a.txt"'], 'x')]));

// ---- append-field names
add('nested object', form(B, [field('user[name]', 'ann'), field('user[age]', '7')]));
add('deep nesting', form(B, [field('a[b][c][d]', '1')]));
add('array append', form(B, [field('tags[]', 'x'), field('tags[]', 'y')]));
add('array index', form(B, [field('list[0]', 'a'), field('list[1]', 'b')]));
add('sparse array index', form(B, [field('list[2]', 'c')]));
add('array of objects', form(B, [field('items[0][name]', 'a'), field('items[1][name]', 'b'), field('items[0][qty]', '2')]));
add('scalar then object', form(B, [field('a', '1'), field('a[b]', '2')]));
add('object then scalar', form(B, [field('a[b]', '2'), field('a', '1')]));
add('array then object key', form(B, [field('a[0]', 'x'), field('a[k]', 'y')]));
add('scalar then append', form(B, [field('a', '1'), field('a[]', '2')]));
add('append then scalar', form(B, [field('a[]', '1'), field('a', '2')]));
add('append in middle is literal', form(B, [field('a[][b]', '1')]));
add('leading bracket literal', form(B, [field('[a]', '1')]));
add('unclosed bracket literal', form(B, [field('a[b', '1')]));
add('suffix after bracket literal', form(B, [field('a[b]c', '1')]));
add('empty brackets only', form(B, [field('[]', '1')]));
add('proto-like name', form(B, [field('__proto__', '1'), field('constructor[x]', '2')]));
add('numeric key object', form(B, [field('a[b]', '1'), field('a[0]', '2')]));

// ---- framing
add('preamble', form(B, [field('a', '1')], { preamble: 'This is a preamble\r\n' }));
add('preamble containing boundary text', form(B, [field('a', '1')], { preamble: 'x--XyZzY\r\n' }));
add('CRLF preamble', form(B, [field('a', '1')], { preamble: '\r\n' }));
add('epilogue', form(B, [field('a', '1')], { epilogue: '\r\nthis is the epilogue\r\n--XyZzY\r\nmore' }));
add('no CRLF after close', form(B, [field('a', '1')], { epilogue: '' }));
add('garbage after close', form(B, [field('a', '1')], { epilogue: 'garbage' }));
add('missing close delimiter', form(B, [field('a', '1')], { close: false }));
add('truncated in file', Buffer.concat([form(B, [file('f', 'a.txt', 'text/plain', 'abc')], { close: false })]));
add('truncated in headers', Buffer.from('--XyZzY\r\nContent-Disposition: form-data; name="a"\r\n', 'latin1'));
add('truncated after boundary', Buffer.from('--XyZzY', 'latin1'));
add('truncated close', Buffer.from('--XyZzY\r\nContent-Disposition: form-data; name="a"\r\n\r\nv\r\n--XyZzY-', 'latin1'));
add('empty body', Buffer.alloc(0));
add('only close delimiter', Buffer.from('--XyZzY--\r\n', 'latin1'));
add('only preamble', Buffer.from('just text', 'latin1'));
add('LF line endings', Buffer.from('--XyZzY\nContent-Disposition: form-data; name="a"\n\nv\n--XyZzY--\n', 'latin1'));
add('transport padding after boundary', Buffer.from('--XyZzY  \r\nContent-Disposition: form-data; name="a"\r\n\r\nv\r\n--XyZzY--\r\n', 'latin1'));
add('garbage after boundary then valid part', Buffer.from('--XyZzYjunk\r\nstuff\r\n--XyZzY\r\nContent-Disposition: form-data; name="a"\r\n\r\nv\r\n--XyZzY--', 'latin1'));
add('single dash after boundary', Buffer.from('--XyZzY-x\r\n--XyZzY\r\nContent-Disposition: form-data; name="a"\r\n\r\nv\r\n--XyZzY--', 'latin1'));
add('CR without LF after boundary', Buffer.from('--XyZzY\rx\r\n--XyZzY\r\nContent-Disposition: form-data; name="a"\r\n\r\nv\r\n--XyZzY--', 'latin1'));
add('boundary prefix of longer boundary', Buffer.from('--XyZzY\r\nContent-Disposition: form-data; name="a"\r\n\r\nv\r\n--XyZzYY\r\nContent-Disposition: form-data; name="b"\r\n\r\nw\r\n--XyZzY--', 'latin1'));
add('part without headers', Buffer.from('--XyZzY\r\n\r\nv\r\n--XyZzY--', 'latin1'));
add('header without colon', form(B, [part(['Content-Disposition form-data'], 'x')]));
add('header with empty name', form(B, [part([': form-data; name="a"'], 'x')]));
add('header name with space', form(B, [part(['Content Disposition: form-data; name="a"'], 'x')]));
add('header with control char', form(B, [part(['Content-Disposition: form-data; name="a"\x01'], 'x')]));
add('header with DEL', form(B, [part(['Content-Disposition: form-data; name="a"\x7f'], 'x')]));
add('header with high bytes', form(B, [part(['Content-Disposition: form-data; name="a\xe9"'], 'x')]));
add('header CR without LF', Buffer.from('--XyZzY\r\nContent-Disposition: form-data; name="a"\rX\r\n\r\nv\r\n--XyZzY--', 'latin1'));
add('header value empty', form(B, [part(['X-Empty:', 'Content-Disposition: form-data; name="a"'], 'x')]));
add('folded header', form(B, [part(['Content-Disposition: form-data;', ' name="a"'], 'x')]));
add('folded header tab', form(B, [part(['Content-Disposition: form-data;', '\tname="a"; filename="f.txt"'], 'x')]));
add('duplicate content-disposition first wins', form(B, [part(['Content-Disposition: form-data; name="first"', 'Content-Disposition: form-data; name="second"'], 'x')]));
add('header just below 16KB', form(B, [part(['X-Pad: ' + 'p'.repeat(16200), 'Content-Disposition: form-data; name="a"'], 'x')]));
add('header over 16KB', form(B, [part(['X-Pad: ' + 'p'.repeat(16400), 'Content-Disposition: form-data; name="a"'], 'x')]));
const pairs = [];
for (let i = 0; i < 1999; i++) pairs.push('a:b');
add('content-disposition as pair 2000 dropped', form(B, [part(pairs.concat(['Content-Disposition: form-data; name="a"']), 'x'), field('b', '1')]));
add('content-disposition as pair 1999 kept', form(B, [part(pairs.slice(1).concat(['Content-Disposition: form-data; name="a"']), 'x'), field('b', '1')]));

// ---- request content type
add('quoted boundary', form('a b:c', [field('a', '1')]), { contentType: 'multipart/form-data; boundary="a b:c"' });
add('boundary param uppercase', form(B, [field('a', '1')]), { contentType: 'multipart/form-data; BOUNDARY=' + B });
add('type uppercase', form(B, [field('a', '1')]), { contentType: 'Multipart/Form-Data; boundary=' + B });
add('boundary then charset', form(B, [field('a', '1')]), { contentType: 'multipart/form-data; boundary=' + B + '; charset=utf-8' });
add('charset then boundary', form(B, [field('a', '1')]), { contentType: 'multipart/form-data; charset=utf-8; boundary=' + B });
add('duplicate boundary first wins', form(B, [field('a', '1')]), { contentType: 'multipart/form-data; boundary=' + B + '; boundary=other' });
add('long boundary', form('-'.repeat(20) + 'x'.repeat(50), [field('a', '1')]), { contentType: 'multipart/form-data; boundary=' + '-'.repeat(20) + 'x'.repeat(50) });
add('empty quoted boundary', Buffer.from('--\r\nContent-Disposition: form-data; name="a"\r\n\r\nv\r\n----', 'latin1'), { contentType: 'multipart/form-data; boundary=""' });
add('missing boundary', form(B, [field('a', '1')]), { contentType: 'multipart/form-data' });
add('malformed content type params', form(B, [field('a', '1')]), { contentType: 'multipart/form-data; boundary' });
add('multipart/mixed', form(B, [field('a', '1')]), { contentType: 'multipart/mixed; boundary=' + B });
add('not multipart', 'a=1', { contentType: 'application/x-www-form-urlencoded' });
add('text/plain', 'hello', { contentType: 'text/plain' });

// ---- limits
const five = form(B, [file('f', 'a.txt', 'text/plain', '12345')]);
add('fileSize exact', five, { limits: { fileSize: 5 } });
add('fileSize over', five, { limits: { fileSize: 4 } });
add('fileSize zero with empty file', form(B, [file('f', 'a.txt', 'text/plain', '')]), { limits: { fileSize: 0 } });
add('fileSize zero', five, { limits: { fileSize: 0 } });
add('fileSize over in second file', form(B, [file('f', 'a.txt', 'text/plain', '123'), file('f', 'b.txt', 'text/plain', '123456')]), { limits: { fileSize: 5 } });
add('fileSize does not limit fields', form(B, [field('a', '1234567890')]), { limits: { fileSize: 3 } });
add('files exact', form(B, [file('f', 'a.txt', null, 'a'), file('f', 'b.txt', null, 'b')]), { limits: { files: 2 } });
add('files over', form(B, [file('f', 'a.txt', null, 'a'), file('f', 'b.txt', null, 'b'), file('f', 'c.txt', null, 'c')]), { limits: { files: 2 } });
add('files zero', form(B, [field('a', '1'), file('f', 'a.txt', null, 'a')]), { limits: { files: 0 } });
add('files counts nameless octet-stream', form(B, [part(['Content-Disposition: form-data; name="f"', 'Content-Type: application/octet-stream'], 'd'), file('f', 'b.txt', null, 'b')]), { limits: { files: 1 } });
add('fields exact', form(B, [field('a', '1'), field('b', '2')]), { limits: { fields: 2 } });
add('fields over', form(B, [field('a', '1'), field('b', '2'), field('c', '3')]), { limits: { fields: 2 } });
add('fields zero', form(B, [field('a', '1')]), { limits: { fields: 0 } });
add('fields limit ignores files', form(B, [field('a', '1'), file('f', 'a.txt', null, 'a')]), { limits: { fields: 1 } });
add('parts exact', form(B, [field('a', '1'), file('f', 'a.txt', null, 'a')]), { limits: { parts: 2 } });
add('parts over', form(B, [field('a', '1'), file('f', 'a.txt', null, 'a'), field('b', '2')]), { limits: { parts: 2 } });
add('parts counts skipped parts', form(B, [part(['X-No: disposition'], 'x'), field('b', '2')]), { limits: { parts: 1 } });
add('parts zero', form(B, [field('a', '1')]), { limits: { parts: 0 } });
add('fieldSize exact', form(B, [field('a', '12345')]), { limits: { fieldSize: 5 } });
add('fieldSize over', form(B, [field('a', '123456')]), { limits: { fieldSize: 5 } });
add('fieldSize zero empty value', form(B, [field('a', '')]), { limits: { fieldSize: 0 } });
add('fieldSize default 1MB over', form(B, [field('a', 'x'.repeat(1024 * 1024 + 1))]));
add('fieldSize default 1MB exact', form(B, [field('a', 'y'.repeat(1024 * 1024))]));
add('fieldSize does not limit files', form(B, [file('f', 'a.txt', null, '1234567890')]), { limits: { fieldSize: 3 } });
add('fieldNameSize exact', form(B, [field('abcde', '1')]), { limits: { fieldNameSize: 5 } });
add('fieldNameSize over', form(B, [field('abcdef', '1')]), { limits: { fieldNameSize: 5 } });
add('fieldNameSize over on file', form(B, [file('abcdef', 'a.txt', null, '1')]), { limits: { fieldNameSize: 5 } });
add('fieldNameSize counts escapes raw', form(B, [field('a%22', '1')]), { limits: { fieldNameSize: 3 } });
add('fieldNameSize unset allows long names', form(B, [field('n'.repeat(500), '1')]));
add('fieldSize error before parts error', form(B, [field('a', '123456'), field('b', '1')]), { limits: { fieldSize: 5, parts: 1 } });
add('fileSize error while over parts', form(B, [field('a', '1'), file('f', 'a.txt', null, '123456')]), { limits: { fileSize: 5, parts: 1 } });

// ---- strategies and filters
const avatar = form(B, [field('name', 'n'), file('avatar', 'me.png', 'image/png', 'PNG')]);
add('single ok', avatar, { strategy: { kind: 'single', name: 'avatar' } });
add('single no file', form(B, [field('name', 'n')]), { strategy: { kind: 'single', name: 'avatar' } });
add('single wrong field', form(B, [file('other', 'me.png', 'image/png', 'PNG')]), { strategy: { kind: 'single', name: 'avatar' } });
add('single two files', form(B, [file('avatar', 'a.png', 'image/png', 'A'), file('avatar', 'b.png', 'image/png', 'B')]), { strategy: { kind: 'single', name: 'avatar' } });
add('single nameless octet-stream ignored', form(B, [part(['Content-Disposition: form-data; name="x"', 'Content-Type: application/octet-stream'], 'd')]), { strategy: { kind: 'single', name: 'avatar' } });
add('array ok', form(B, [file('photos', 'a.jpg', 'image/jpeg', 'A'), file('photos', 'b.jpg', 'image/jpeg', 'B')]), { strategy: { kind: 'array', name: 'photos', maxCount: 2 } });
add('array over max', form(B, [file('photos', 'a.jpg', 'image/jpeg', 'A'), file('photos', 'b.jpg', 'image/jpeg', 'B'), file('photos', 'c.jpg', 'image/jpeg', 'C')]), { strategy: { kind: 'array', name: 'photos', maxCount: 2 } });
add('array without max', form(B, [file('photos', 'a.jpg', 'image/jpeg', 'A'), file('photos', 'b.jpg', 'image/jpeg', 'B'), file('photos', 'c.jpg', 'image/jpeg', 'C')]), { strategy: { kind: 'array', name: 'photos' } });
add('array wrong field', form(B, [file('photo', 'a.jpg', 'image/jpeg', 'A')]), { strategy: { kind: 'array', name: 'photos', maxCount: 5 } });
add('array no files', form(B, [field('a', '1')]), { strategy: { kind: 'array', name: 'photos', maxCount: 5 } });
add('fields ok', form(B, [file('gallery', 'g1.jpg', 'image/jpeg', 'G1'), file('avatar', 'a.png', 'image/png', 'A'), file('gallery', 'g2.jpg', 'image/jpeg', 'G2')]), { strategy: { kind: 'fields', fields: [['avatar', 1], ['gallery', 3]] } });
add('fields over count', form(B, [file('avatar', 'a.png', 'image/png', 'A'), file('avatar', 'b.png', 'image/png', 'B')]), { strategy: { kind: 'fields', fields: [['avatar', 1], ['gallery', 3]] } });
add('fields unknown', form(B, [file('other', 'a.png', 'image/png', 'A')]), { strategy: { kind: 'fields', fields: [['avatar', 1], ['gallery', 3]] } });
add('fields none sent', form(B, [field('a', '1')]), { strategy: { kind: 'fields', fields: [['avatar', 1], ['gallery', 3]] } });
add('none ok', form(B, [field('a', '1'), field('b', '2')]), { strategy: { kind: 'none' } });
add('none with file', form(B, [field('a', '1'), file('f', 'a.txt', null, 'x')]), { strategy: { kind: 'none' } });
add('none with empty filename file', form(B, [field('a', '1'), file('f', '', 'application/octet-stream', '')]), { strategy: { kind: 'none' } });
add('any', form(B, [file('x', 'a.txt', null, 'a'), file('y', 'b.txt', null, 'b')]), { strategy: { kind: 'any' } });
add('filter rejects text', form(B, [file('f', 'a.txt', 'text/plain', 'aaa'), file('f', 'b.png', 'image/png', 'bbb')]), { filter: 'noText' });
add('filter rejects all', form(B, [file('f', 'a.txt', 'text/plain', 'aaa'), field('a', '1')]), { filter: 'none' });
add('filter rejected file does not use a slot', form(B, [file('avatar', 'a.txt', 'text/plain', 'aaa'), file('avatar', 'b.png', 'image/png', 'bbb')]), { strategy: { kind: 'single', name: 'avatar' }, filter: 'noText' });
add('filter rejected file ignores fileSize', form(B, [file('f', 'a.txt', 'text/plain', 'aaaaaaaaaa'), file('f', 'b.png', 'image/png', 'b')]), { filter: 'noText', limits: { fileSize: 3 } });
add('unexpected checked before filter', form(B, [file('zzz', 'a.txt', 'text/plain', 'aaa')]), { strategy: { kind: 'single', name: 'avatar' }, filter: 'noText' });

// ---------------------------------------------------------------------------------------------

const filters = {
  noText: (req, file, cb) => cb(null, file.mimetype !== 'text/plain'),
  none: (req, file, cb) => cb(null, false),
};

function describeFile(f) {
  return { fieldname: f.fieldname, originalname: f.originalname, encoding: f.encoding, mimetype: f.mimetype, size: f.size, buffer: f.buffer.toString('base64') };
}

function run(c, oneByte) {
  return new Promise((resolve) => {
    const req = new Readable({ read() {} });
    req.headers = { 'content-type': c.contentType, 'content-length': String(c.body.length) };
    const opts = { storage: multer.memoryStorage(), limits: c.limits };
    if (c.filter) opts.fileFilter = filters[c.filter];
    if (c.paramCharset) opts.defParamCharset = c.paramCharset;
    const m = multer(opts);
    const s = c.strategy;
    const mw = s.kind === 'single' ? m.single(s.name)
      : s.kind === 'array' ? m.array(s.name, s.maxCount)
        : s.kind === 'fields' ? m.fields(s.fields.map(([name, maxCount]) => ({ name, maxCount })))
          : s.kind === 'none' ? m.none() : m.any();
    mw(req, {}, (err) => {
      const out = {};
      if (err) {
        out.error = { code: err.code || null, message: err.message };
        if (err.field) out.error.field = err.field;
      } else if (req.body === undefined) {
        out.skipped = true;
      } else {
        out.body = req.body;
        if (req.file) out.file = describeFile(req.file);
        if (Array.isArray(req.files)) out.files = req.files.map(describeFile);
        else if (req.files) {
          out.filesByField = {};
          for (const k of Object.keys(req.files)) out.filesByField[k] = req.files[k].map(describeFile);
        }
      }
      resolve(JSON.stringify(out, (k, v) => (v === undefined ? UNDEF : v)));
    });
    if (oneByte) {
      for (let i = 0; i < c.body.length; i++) req.push(c.body.subarray(i, i + 1));
    } else if (c.body.length) {
      req.push(c.body);
    }
    req.push(null);
  });
}

const REPEAT = '\u0000repeat:';
// Runs of 1000+ equal bytes are stored as {repeat, count} so the 1 MB cases stay small.
function segments(buf) {
  const out = [];
  let start = 0;
  let i = 0;
  while (i < buf.length) {
    let j = i;
    while (j < buf.length && buf[j] === buf[i]) j++;
    if (j - i >= 1000) {
      if (i > start) out.push({ base64: buf.subarray(start, i).toString('base64') });
      out.push({ repeat: buf[i], count: j - i });
      start = j;
    }
    i = j;
  }
  if (start < buf.length || out.length === 0) out.push({ base64: buf.subarray(start).toString('base64') });
  return out;
}

(async () => {
  const out = [];
  for (const c of cases) {
    const whole = await run(c, false);
    // the one-byte feed is slow for the 1 MB bodies; they hold nothing split-sensitive
    const bytewise = c.body.length > 200000 ? whole : await run(c, true);
    out.push({
      name: c.name,
      contentType: c.contentType,
      body: segments(c.body),
      strategy: c.strategy,
      limits: c.limits,
      filter: c.filter,
      paramCharset: c.paramCharset,
      splitVariant: whole !== bytewise,
      expected: JSON.parse(whole, (k, v) => (typeof v === 'string' && v.length >= 1000 && /^(.)\1*$/s.test(v) ? REPEAT + v[0] + ':' + v.length : v)),
    });
  }
  const file = path.join(__dirname, '..', 'resources', 'dev', 'eddy', 'web', 'internal', 'multipart-fixtures.json');
  fs.writeFileSync(file, JSON.stringify({ generator: 'multer@2.5.0 busboy@1.6.0', undefinedMarker: UNDEF, repeatMarker: REPEAT, cases: out }, null, 1) + '\n');
  console.log(`${out.length} cases, ${out.filter((c) => c.splitVariant).length} split-variant`);
})();
