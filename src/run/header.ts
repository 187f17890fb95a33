/** Building run headers: the fields every producer fills the same way (id, time, format, versions). */
import { runtimeVersions } from '../core/platform';
import { VERSION } from '../version';
import { RUN_FORMAT, RUN_FORMAT_VERSION, RunHeader } from './types';

/** The header fields a producer supplies; the rest is filled by `createRunHeader`. */
export type RunHeaderFields = Omit<RunHeader, 'type' | 'format' | 'version' | 'runId' | 'created' | 'versions'> &
  Partial<Pick<RunHeader, 'runId' | 'created' | 'versions'>>;

/** A fresh run id: UTC time to the second and 6 random hex digits, e.g. `20260101T120000Z-a1b2c3`. */
export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  // Web Crypto (global in Node >= 19 and in browsers), so that headers are made the same way in both
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(3));
  return `${stamp}-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * Complete a run header: `type`, `format`, `version`, a new `runId`, the creation time and the versions of
 * infoplane and node (merged with `fields.versions`, e.g. the tfjs backend's).
 * @example
 * createRunHeader({model: {layers: []}, dataset: 'ib12', probeSize: 4096, estimators: [], units: 'bits'}).format; // => 'infoplane-run'
 */
export function createRunHeader(fields: RunHeaderFields): RunHeader {
  const { runId = newRunId(), created = new Date().toISOString(), versions = {}, ...rest } = fields;
  return {
    type: 'header',
    format: RUN_FORMAT,
    version: RUN_FORMAT_VERSION,
    runId,
    created,
    ...rest,
    versions: { infoplane: VERSION, ...runtimeVersions(), ...versions },
  };
}
