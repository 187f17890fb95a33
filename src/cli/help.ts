/** `infoplane --help` and `infoplane COMMAND --help`, generated from the estimator registry. */
import { DIVERGENCES, ESTIMATORS } from '../estimators/registry';
import { describeDefault, Param } from '../estimators/specs/params';
import { EstimatorSpec } from '../estimators/specs/spec';
import { CliCommand } from './command';
import { flagOf } from './parseArgs';

/** How a parameter's value is written after its flag in help: ` N`, ` LO,HI`, ` upper|lower`. */
function valueHint(p: Param): string {
  switch (p.kind) {
    case 'boolean':
      return '';
    case 'range':
      return ' LO,HI';
    case 'json':
      return ' FILE';
    case 'choice':
      return ` ${p.choices!.join('|')}`;
    case 'integer':
      return ' N';
    default:
      return ' X';
  }
}

/** Help lines of one parameter: the flag, its value, the description and the default (from the declaration). */
export function parameterHelpLine(name: string, p: Param): string {
  return `      --${flagOf(name)}${valueHint(p)}`.padEnd(33) + ` ${p.description} (default ${describeDefault(p)})`;
}

/** Help lines of one estimator: name, summary, operations, parameters. */
export function estimatorHelp(e: EstimatorSpec): string[] {
  const lines = [`  ${e.name.padEnd(18)} ${e.summary}`, `  ${''.padEnd(18)} commands: ${e.operations.join(', ')}`];
  for (const [name, p] of Object.entries(e.params)) lines.push(parameterHelpLine(name, p));
  return lines;
}

function estimatorTable(): string {
  return ESTIMATORS.flatMap(estimatorHelp).join('\n');
}

const COMMON = `Common flags:
  --estimator NAME        which estimator (see below); required
  --units bits|nats       units of the result (default bits)
  --json                  print one JSON object instead of text
  --help                  this help
  --allow-slow            run a call predicted to take over 10 minutes (it is refused, with advice, otherwise)

Warnings (saturated, out-of-range, sparse-bins, kde-regime, ties, flat-spectrum, subsampled...) about the result
are printed one per line on stderr, or listed in "warnings" with --json.`;

const FILES = `Files are .csv (optional header; comma or whitespace separated), .npy (NumPy, versions 1-3, C order,
1-D or 2-D, float/int/uint/bool) or .json (an array of numbers or of rows). Rows are samples.`;

export function mainHelp(commands: readonly CliCommand[]): string {
  const usage = commands.map((c) => `  ${c.usage}`).join('\n');
  const list = commands.map((c) => `  ${c.name.padEnd(9)} ${c.summary}`).join('\n');
  return `infoplane: mutual-information analysis of neural networks

Usage:
${usage}
  infoplane COMMAND --help
  infoplane --version

Commands:
${list}

${FILES}

Estimators and their parameters:
${estimatorTable()}

Exit codes: 0 success, 1 bad data (unreadable file, NaN, mismatched lengths...), 2 usage error.
`;
}

const COMMAND_TEXT: Record<string, string> = {
  point: `Usage: infoplane point --input X --activations T --labels Y --estimator NAME [--PARAM VALUE ...] [--units bits|nats] [--baseline-shuffles R [--baseline-seed S]] [--bootstrap B [--bootstrap-seed S]] [--per-class] [--json]

Prints I(X;T) and I(T;Y) of the layer whose activations are in T, for inputs X and integer class labels Y
(one label per row, or a one-hot matrix), and I(X;T|Y) where the estimator gives it. With --json:
{"estimator", "units", "ixt", "ity", "ixtGivenY"?, "perClass"?, "params", "baseline"?, "bootstrap"?, "warnings"}, where
params holds every parameter used, defaults included, and perClass (binning, adaptive-binning, kde, adaptive-kde,
dsmi) lists per class {label, n, weight, hTgivenY: H(T|Y=c), ityTerm: its term of I(T;Y), ixtGivenY?, hTrandom?}.

  --input X               network inputs, one row per sample (only equality of rows matters for binning)
  --activations T         the layer's activations, one row per sample
  --labels Y              integer class labels
  --baseline-shuffles R   also estimate I(T;Y) with the labels permuted R times (the bias floor): mean, sd, range
  --baseline-seed S       seed of the permutations (default 0)
  --bootstrap B           also give 95% percentile intervals of I(X;T), I(T;Y) (and I(X;T|Y)) from B resamples of
                          the samples ("bootstrap" in --json); for k-NN estimators prefer their own standardError
  --bootstrap-seed S      seed of the resamples (default 0)
  --per-class             (text output) also print the per-class table: H(T|Y=c), the class's term of I(T;Y)
                          (the terms sum to I(T;Y)) and I(X;T|Y=c); --json always carries "perClass"`,
  mi: `Usage: infoplane mi X Y --estimator NAME [--labels] [--PARAM VALUE ...] [--units bits|nats] [--baseline-shuffles R [--baseline-seed S]] [--bootstrap B [--bootstrap-seed S]] [--json]

Prints the mutual information I(X;Y). With --labels, Y holds integer class labels. With --json:
{"estimator", "units", "value", "params", "baseline"?, "bootstrap"?, "warnings"}.

  --labels                Y holds integer class labels (one per row, or one-hot)
  --baseline-shuffles R   also estimate I(X;Y) with the rows of Y permuted R times (the bias floor)
  --baseline-seed S       seed of the permutations (default 0)
  --bootstrap B           also give a 95% percentile interval of I(X;Y) from B resamples of the rows
  --bootstrap-seed S      seed of the resamples (default 0)`,
  entropy: `Usage: infoplane entropy X --estimator NAME [--PARAM VALUE ...] [--units bits|nats] [--json]

Prints the entropy H(X). With --json: {"estimator", "units", "value", "params"}.`,
  divergence: `Usage: infoplane divergence X Y1 Y2 --estimator cs [--sigma S] [--units bits|nats] [--json]

Prints the conditional Cauchy-Schwarz divergence between p(y1|x) and p(y2|x) (Yu et al. 2024, the regression
loss of the Cauchy-Schwarz information bottleneck), with one Gaussian bandwidth for all four Gram matrices.
With --json: {"estimator", "units", "value", "params"}.`,
};

export function commandHelp(command: string): string {
  const text = COMMAND_TEXT[command];
  if (command === 'divergence') return `${text}\n\nDivergence estimators and their parameters:\n${DIVERGENCES.flatMap(estimatorHelp).join('\n')}\n`;
  return `${text}\n\n${COMMON}\n\n${FILES}\n\nEstimators and their parameters:\n${estimatorTable()}\n`;
}
