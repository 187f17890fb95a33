/** `infoplane --help` and `infoplane COMMAND --help`, generated from the estimator registry. */
import { ESTIMATORS } from '../estimators/registry';
import { CliCommand } from './command';
import { flagOf } from './parseArgs';

function estimatorTable(): string {
  const lines: string[] = [];
  for (const e of ESTIMATORS) {
    const ops = [e.point && 'point', e.mi && 'mi', e.entropy && 'entropy'].filter(Boolean).join(', ');
    lines.push(`  ${e.name.padEnd(18)} ${e.summary}`);
    lines.push(`  ${''.padEnd(18)} commands: ${ops}`);
    for (const p of e.params) {
      const value = p.kind === 'boolean' ? '' : p.kind === 'range' ? ' LO,HI' : p.kind === 'json' ? ' FILE' : p.kind === 'choice' ? ` ${p.choices!.join('|')}` : p.kind === 'integer' ? ' N' : ' X';
      lines.push(`      --${flagOf(p.name)}${value}`.padEnd(33) + ' ' + p.description);
    }
  }
  return lines.join('\n');
}

const COMMON = `Common flags:
  --estimator NAME        which estimator (see below); required
  --units bits|nats       units of the result (default bits)
  --json                  print one JSON object instead of text
  --help                  this help`;

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
  point: `Usage: infoplane point --input X --activations T --labels Y --estimator NAME [--PARAM VALUE ...] [--units bits|nats] [--json]

Prints I(X;T) and I(T;Y) of the layer whose activations are in T, for inputs X and integer class labels Y
(one label per row, or a one-hot matrix). With --json: {"estimator", "units", "ixt", "ity", "params"}, where
params holds every parameter used, defaults included.

  --input X               network inputs, one row per sample (only equality of rows matters for binning)
  --activations T         the layer's activations, one row per sample
  --labels Y              integer class labels`,
  mi: `Usage: infoplane mi X Y --estimator NAME [--labels] [--PARAM VALUE ...] [--units bits|nats] [--json]

Prints the mutual information I(X;Y). With --labels, Y holds integer class labels. With --json:
{"estimator", "units", "value", "params"}.

  --labels                Y holds integer class labels (one per row, or one-hot)`,
  entropy: `Usage: infoplane entropy X --estimator NAME [--PARAM VALUE ...] [--units bits|nats] [--json]

Prints the entropy H(X). With --json: {"estimator", "units", "value", "params"}.`,
  divergence: `Usage: infoplane divergence X Y1 Y2 --estimator cs [--sigma S] [--units bits|nats] [--json]

Prints the conditional Cauchy-Schwarz divergence between p(y1|x) and p(y2|x) (Yu et al. 2024, the regression
loss of the Cauchy-Schwarz information bottleneck), with one Gaussian bandwidth for all four Gram matrices.
With --json: {"estimator", "units", "value", "params"}.

  --sigma S               kernel bandwidth (default 1)`,
};

export function commandHelp(command: string): string {
  const text = COMMAND_TEXT[command];
  if (command === 'divergence') return `${text}\n`;
  return `${text}\n\n${COMMON}\n\n${FILES}\n\nEstimators and their parameters:\n${estimatorTable()}\n`;
}
