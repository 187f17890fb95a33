/**
 * Every estimator reachable by name (from the command line and the recorder), in the order `--help` lists them.
 */
import { fail } from '../core/errors';
import { adaptiveBinningSpec, binningSpec } from './binningSpecs';
import { adaptiveKdeSpec } from './adaptiveKde';
import { csNormalizedSpec, csSpec } from './cauchySchwarz';
import { dseSpec, dsmiSpec } from './dse';
import { kdeSpec } from './kde';
import { ksgSpec } from './ksg';
import { renyiSpec } from './renyi';
import { EstimatorSpec } from './spec';

export const ESTIMATORS: readonly EstimatorSpec[] = [binningSpec, adaptiveBinningSpec, kdeSpec, adaptiveKdeSpec, csSpec, csNormalizedSpec, dseSpec, dsmiSpec, renyiSpec, ksgSpec];

/** The names of the registered estimators. */
export function estimatorNames(): string[] {
  return ESTIMATORS.map((e) => e.name);
}

/** Look an estimator up by name; an unknown name is an error that lists the valid ones. */
export function estimatorSpec(name: unknown, fn = 'estimator'): EstimatorSpec {
  const spec = ESTIMATORS.find((e) => e.name === name);
  if (!spec) {
    fail('invalid_option', {
      fn,
      param: 'estimator',
      expected: `one of ${estimatorNames().join(', ')}`,
      received: typeof name === 'string' ? JSON.stringify(name) : String(name),
    });
  }
  return spec;
}
