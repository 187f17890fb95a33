/** The README's estimator table, generated from the registered specs (a test keeps the README equal to it). */
import { describeDefault } from './params';
import { EstimatorSpec, Operation } from './spec';

const OPERATIONS: readonly Operation[] = ['point', 'mi', 'entropy', 'divergence'];

/** Markdown cell text: pipes escaped. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** One parameter as `name` (default), the default in the words help uses. */
function parameterCell(spec: EstimatorSpec): string {
  const parts = Object.entries(spec.params).map(([name, p]) => `\`${name}\` (${describeDefault(p)})`);
  return parts.length ? parts.join(', ') : '-';
}

/**
 * A Markdown table of `estimators`: CLI name, the public functions of its operations, what it measures,
 * its parameters with their defaults, its reference and its cost.
 */
export function estimatorMarkdownTable(estimators: readonly EstimatorSpec[]): string {
  const rows = [
    '| CLI name | function(s) (operations) | measures | parameters (defaults) | reference | cost |',
    '|---|---|---|---|---|---|',
  ];
  for (const e of estimators) {
    const functions = OPERATIONS.filter((op) => e[op] !== undefined)
      .map((op) => `\`${e[op]!.name}\` (${op})`)
      .join(', ');
    rows.push(`| \`${e.name}\` | ${functions} | ${cell(e.summary)} | ${cell(parameterCell(e))} | ${cell(e.reference)} | ${cell(e.cost)} |`);
  }
  return rows.join('\n');
}
