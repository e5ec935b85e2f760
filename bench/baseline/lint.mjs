// bpmnlint baseline for bench/bpmn_toolkit.py.
//
// Reads a JSON array of file paths from stdin, lints each file with bpmnlint's
// `bpmnlint:recommended` configuration (a fresh Linter per file, like the reference run
// that produced corpus/miwg-bpmnlint-expected.json) and prints one JSON object on stdout:
//   { files, seconds, files_per_second, p50_ms, p95_ms, [results] }
// With `--results` the per-file findings are included as
//   { path: { rule: [[id, category, message], ...] } } (`__import_error__` when unreadable).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

import { BpmnModdle } from 'bpmn-moddle';

const require = createRequire(import.meta.url);
const { Linter } = require('bpmnlint');
const NodeResolver = require('bpmnlint/lib/resolver/node-resolver');

const withResults = process.argv.includes('--results');
const files = JSON.parse(readFileSync(0, 'utf8'));
const resolver = new NodeResolver();
const config = { extends: 'bpmnlint:recommended' };

const durations = [];
const results = {};
const started = performance.now();

for (const path of files) {
  const t0 = performance.now();
  const xml = readFileSync(path, 'utf8');
  let out;
  try {
    const { rootElement } = await new BpmnModdle().fromXML(xml);
    const reports = await new Linter({ config, resolver }).lint(rootElement);
    out = {};
    for (const [rule, list] of Object.entries(reports)) {
      out[rule] = list.map((r) => [r.id, r.category, r.message]);
    }
  } catch (err) {
    out = { __import_error__: String(err && err.message) };
  }
  durations.push(performance.now() - t0);
  if (withResults) {
    results[path] = out;
  }
}

const seconds = (performance.now() - started) / 1000;
const sorted = [...durations].sort((a, b) => a - b);
const pct = (p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : 0);

const summary = {
  tool: 'bpmnlint',
  node: process.version,
  files: files.length,
  seconds,
  files_per_second: seconds > 0 ? files.length / seconds : null,
  p50_ms: pct(0.5),
  p95_ms: pct(0.95),
};
if (withResults) {
  summary.results = results;
}
process.stdout.write(JSON.stringify(summary) + '\n');
