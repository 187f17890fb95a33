#!/usr/bin/env node
// Rewrite the README's estimator table (between the estimators:begin/end markers) from the estimator specs.
// Run after `npm run build`: `npm run docs:tables`. test/estimatorTables.test.ts fails when the README differs.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { ESTIMATORS } = require('../dist/estimators/registry');
const { estimatorMarkdownTable } = require('../dist/estimators/specs/markdownTable');

const file = path.join(__dirname, '..', 'README.md');
const text = fs.readFileSync(file, 'utf8');
const begin = text.indexOf('<!-- estimators:begin');
const end = text.indexOf('<!-- estimators:end -->');
if (begin < 0 || end < begin) {
  process.stderr.write('estimator-tables: README.md has no estimators:begin/end markers\n');
  process.exit(1);
}
const open = text.indexOf('\n', begin) + 1;
fs.writeFileSync(file, `${text.slice(0, open)}${estimatorMarkdownTable(ESTIMATORS)}\n${text.slice(end)}`);
process.stdout.write('README.md: estimator table regenerated\n');
