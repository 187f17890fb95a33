/** Turn command-line flags into an estimator's options, from its spec's parameter declarations. */
import { EstimatorSpec, Operation, paramNames } from '../estimators/specs/spec';
import { ESTIMATORS } from '../estimators/registry';
import { parseFlagValue } from './flags';
import { flagOf, UsageError } from './parseArgs';

/** Flags every estimator parameter may use across estimators (for telling "wrong estimator" from "unknown flag"). */
export function allParameterFlags(): Set<string> {
  const out = new Set<string>();
  for (const e of ESTIMATORS) for (const name of Object.keys(e.params)) out.add(flagOf(name));
  return out;
}

/** Boolean parameter flags across estimators (they take no value). */
export function booleanParameterFlags(): Set<string> {
  const out = new Set<string>();
  for (const e of ESTIMATORS) for (const [name, p] of Object.entries(e.params)) if (p.kind === 'boolean') out.add(flagOf(name));
  return out;
}

/**
 * Options for `spec` from `flags`, with every flag not in `commandFlags` checked against the parameters the
 * estimator takes for `operation`. An unknown flag lists the valid ones.
 */
export function estimatorOptions(
  prefix: string,
  spec: EstimatorSpec,
  flags: Map<string, string | true>,
  commandFlags: readonly string[],
  operation?: Operation,
): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  const names = paramNames(spec, operation);
  const byFlag = new Map(names.map((name) => [flagOf(name), name] as const));
  const known = allParameterFlags();
  for (const [flag, raw] of flags) {
    if (commandFlags.includes(flag)) continue;
    const name = byFlag.get(flag);
    if (name === undefined) {
      const valid = [...byFlag.keys()].map((f) => `--${f}`).join(', ') || 'none';
      if (Object.keys(spec.params).some((p) => flagOf(p) === flag)) {
        throw new UsageError(`${prefix}: --${flag} is not a parameter of the ${spec.name} estimator's ${operation} operation; its parameters there are ${valid}`);
      }
      if (known.has(flag)) {
        throw new UsageError(`${prefix}: --${flag} is not a parameter of the ${spec.name} estimator; its parameters are ${valid}`);
      }
      throw new UsageError(
        `${prefix}: unknown flag --${flag}; valid flags are ${commandFlags.map((f) => `--${f}`).join(', ')} and the ${spec.name} parameters ${valid}`,
      );
    }
    options[name] = parseFlagValue(prefix, flag, spec.params[name], raw);
  }
  return options;
}

/**
 * Options for several estimators from one set of flags (`estimate`, `plan`): each parameter flag goes to every
 * listed estimator that declares it for `operation`; a flag none of them declares is an error naming which do.
 */
export function optionsForEstimators(
  prefix: string,
  specs: readonly EstimatorSpec[],
  flags: Map<string, string | true>,
  commandFlags: readonly string[],
  operation: (spec: EstimatorSpec) => Operation,
): Record<string, unknown>[] {
  const out = specs.map(() => ({}) as Record<string, unknown>);
  for (const [flag, raw] of flags) {
    if (commandFlags.includes(flag)) continue;
    let taken = false;
    specs.forEach((spec, i) => {
      const name = paramNames(spec, operation(spec)).find((p) => flagOf(p) === flag);
      if (name === undefined) return;
      out[i][name] = parseFlagValue(prefix, flag, spec.params[name], raw);
      taken = true;
    });
    if (!taken) {
      const owners = ESTIMATORS.filter((e) => Object.keys(e.params).some((p) => flagOf(p) === flag)).map((e) => e.name);
      if (owners.length) throw new UsageError(`${prefix}: --${flag} is a parameter of ${owners.join(', ')}, none of the listed estimators (${specs.map((s) => s.name).join(', ')})`);
      throw new UsageError(`${prefix}: unknown flag --${flag}; valid flags are ${commandFlags.map((f) => `--${f}`).join(', ')} and the listed estimators' parameters`);
    }
  }
  return out;
}
