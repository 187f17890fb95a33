/*
 * Data in and out: parsing the shipped CSV data sets and .npy round trips of activation-sized matrices.
 * Target: readCsv of ib12.csv (4096 x 13) in a few ms.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { readCsv } = require('../../dist/io/readCsv');
const { readNpy } = require('../../dist/io/readNpy');
const { writeNpy } = require('../../dist/io/writeNpy');
const { loadIb12 } = require('../../dist/datasets/loadIb12');

const root = path.join(__dirname, '../..');
const csv = (name) => () => ({ text: fs.readFileSync(path.join(root, 'datasets', name, `${name}.csv`), 'utf8') });

function matrix(n, d) {
  const data = new Float64Array(n * d);
  for (let i = 0; i < data.length; i++) data[i] = Math.tanh(Math.sin(i * 0.7071) * 3);
  return { data, n, d };
}

module.exports = [
  { name: 'readCsv ib12.csv', n: 4096, d: 13, setup: csv('ib12'), run: (c) => readCsv(c.text) },
  { name: 'readCsv digits.csv', n: 1797, d: 65, setup: csv('digits'), run: (c) => readCsv(c.text) },
  { name: 'loadIb12 (file read + parse)', n: 4096, d: 12, setup: () => ({}), run: () => loadIb12() },
  { name: 'writeNpy float64', n: 10000, d: 64, setup: () => ({ x: matrix(10000, 64) }), run: (c) => writeNpy(c.x) },
  { name: 'writeNpy float32', n: 10000, d: 64, setup: () => ({ x: matrix(10000, 64) }), run: (c) => writeNpy(c.x, { dtype: 'float32' }) },
  { name: 'readNpy float64', n: 10000, d: 64, setup: () => ({ b: writeNpy(matrix(10000, 64)) }), run: (c) => readNpy(c.b) },
  {
    name: 'readNpy float32',
    n: 10000,
    d: 64,
    setup: () => ({ b: writeNpy(matrix(10000, 64), { dtype: 'float32' }) }),
    run: (c) => readNpy(c.b),
  },
];
