/** Turn command-line flags into an estimator's options, using its `ParamSpec`s. */
import { readFileSync } from 'node:fs';
import { fail } from '../core/errors';
import { EstimatorSpec, ParamSpec } from '../estimators/spec';
import { ESTIMATORS } from '../estimators/registry';
import { flagOf, UsageError } from './parseArgs';

/** Flags every estimator parameter may use across estimators (for telling "wrong estimator" from "unknown flag"). */
export function allParameterFlags(): Set<string> {
  const out = new Set<string>();
  for (const e of ESTIMATORS) for (const p of e.params) out.add(flagOf(p.name));
  return out;
}

/** Boolean parameter flags across estimators (they take no value). */
export function booleanParameterFlags(): Set<string> {
  const out = new Set<string>();
  for (const e of ESTIMATORS) for (const p of e.params) if (p.kind === 'boolean') out.add(flagOf(p.name));
  return out;
}

function parseNumber(prefix: string, flag: string, raw: string, integer: boolean): number {
  const v = raw.trim() === '' ? NaN : Number(raw);
  if (!Number.isFinite(v) || (integer && !Number.isInteger(v))) {
    throw new UsageError(`${prefix}: --${flag} must be ${integer ? 'an integer' : 'a finite number'}; got "${raw}"`);
  }
  return v;
}

function parseValue(prefix: string, p: ParamSpec, raw: string | true): unknown {
  const flag = flagOf(p.name);
  if (p.kind === 'boolean') return raw === true ? true : raw === 'true';
  if (raw === true) throw new UsageError(`${prefix}: --${flag} needs a value`);
  switch (p.kind) {
    case 'number':
      return parseNumber(prefix, flag, raw, false);
    case 'integer':
      return parseNumber(prefix, flag, raw, true);
    case 'range': {
      const parts = raw.split(',');
      if (parts.length !== 2) throw new UsageError(`${prefix}: --${flag} must be LO,HI (two numbers separated by a comma); got "${raw}"`);
      return parts.map((part) => parseNumber(prefix, flag, part, false));
    }
    case 'choice':
      if (!p.choices!.includes(raw)) {
        throw new UsageError(`${prefix}: --${flag} must be one of ${p.choices!.join(', ')}; got "${raw}"`);
      }
      return raw;
    case 'json': {
      let text: string;
      try {
        text = readFileSync(raw, 'utf8');
      } catch (error) {
        fail('file_unreadable', { fn: prefix, param: `--${flag}`, expected: 'a readable JSON file', received: JSON.stringify(raw), detail: (error as NodeJS.ErrnoException).code });
      }
      try {
        return JSON.parse(text);
      } catch (error) {
        fail('file_malformed', { fn: prefix, param: `--${flag}`, expected: 'a JSON file', received: JSON.stringify(raw), detail: (error as Error).message });
      }
    }
    case 'sigma': {
      if (p.choices?.includes(raw)) return raw;
      const v = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(v)) {
        throw new UsageError(`${prefix}: --${flag} must be a number${p.choices?.length ? ` or one of ${p.choices.join(', ')}` : ''}; got "${raw}"`);
      }
      return v;
    }
  }
}

/**
 * Options for `spec` from `flags`, with every flag not in `commandFlags` checked against the estimator's
 * parameters. An unknown flag lists the valid ones.
 */
export function estimatorOptions(
  prefix: string,
  spec: EstimatorSpec,
  flags: Map<string, string | true>,
  commandFlags: readonly string[],
): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  const byFlag = new Map(spec.params.map((p) => [flagOf(p.name), p] as const));
  const known = allParameterFlags();
  for (const [flag, raw] of flags) {
    if (commandFlags.includes(flag)) continue;
    const p = byFlag.get(flag);
    if (!p) {
      const valid = [...byFlag.keys()].map((f) => `--${f}`).join(', ') || 'none';
      if (known.has(flag)) {
        throw new UsageError(`${prefix}: --${flag} is not a parameter of the ${spec.name} estimator; its parameters are ${valid}`);
      }
      throw new UsageError(
        `${prefix}: unknown flag --${flag}; valid flags are ${commandFlags.map((f) => `--${f}`).join(', ')} and the ${spec.name} parameters ${valid}`,
      );
    }
    options[p.name] = parseValue(prefix, p, raw);
  }
  return options;
}
