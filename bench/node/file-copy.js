'use strict';
// Node's side of bench/bin/file-copy: copies IN to OUT through createReadStream -> a
// pass-through Transform -> createWriteStream with pipeline(), default highWaterMarks
// (64 KiB reads), and prints `node_file_copy_bytes_per_sec N`.
const fs = require('node:fs');
const { Transform, pipeline } = require('node:stream');
const [inPath, outPath] = process.argv.slice(2);
const size = fs.statSync(inPath).size;
const t0 = performance.now();
pipeline(
  fs.createReadStream(inPath),
  new Transform({ transform(c, enc, cb) { cb(null, c); } }),
  fs.createWriteStream(outPath),
  (err) => {
    if (err) throw err;
    const ms = performance.now() - t0;
    if (fs.statSync(outPath).size !== size) throw new Error('copy is incomplete');
    console.log(`node_file_copy_bytes_per_sec ${Math.round(size / (ms / 1000))}`);
  });
