/**
 * Seeded pseudo-random numbers (xoshiro128**, seeded through splitmix32), so that every random choice in
 * infoplane (subsampling, network initialisation in demos) is reproducible from a `seed` option.
 */

// Module-level aliases: under Jest every lookup of the global `Math` goes through the sandbox's global object
// and costs ~200 ns, which made drawing a million normals take seconds in tests. Same numbers either way.
const { imul, sqrt, log, sin, cos, floor, PI } = Math;

/** A generator of uniform numbers in [0, 1). */
export interface Random {
  (): number;
  /** An integer uniform in [0, n). */
  int(n: number): number;
  /** A standard normal variate (Box-Muller). */
  normal(): number;
}

function splitmix32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x9e3779b9) >>> 0;
    let z = a;
    z = imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** Create a generator from an integer seed. The same seed always gives the same sequence. */
export function randomSource(seed = 0): Random {
  const sm = splitmix32(seed);
  let s0 = sm(), s1 = sm(), s2 = sm(), s3 = sm();
  const nextU32 = (): number => {
    const result = imul(rotl(imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  };
  const uniform = (() => {
    // 53 random bits -> [0, 1)
    const hi = nextU32() >>> 5;
    const lo = nextU32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }) as Random;
  uniform.int = (n: number) => floor(uniform() * n);
  let spare: number | null = null;
  uniform.normal = () => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    let u = 0;
    while (u === 0) u = uniform();
    const v = uniform();
    const r = sqrt(-2 * log(u));
    spare = r * sin(2 * PI * v);
    return r * cos(2 * PI * v);
  };
  return uniform;
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** `k` distinct indices drawn uniformly from [0, n), in ascending order (partial Fisher-Yates). */
export function sampleIndices(n: number, k: number, random: Random): Int32Array {
  const pool = new Int32Array(n);
  for (let i = 0; i < n; i++) pool[i] = i;
  for (let i = 0; i < k; i++) {
    const j = i + random.int(n - i);
    const tmp = pool[i];
    pool[i] = pool[j];
    pool[j] = tmp;
  }
  return pool.slice(0, k).sort();
}

/** A uniformly random permutation of 0..n-1 (Fisher-Yates from the top, one `random.int` per position). */
export function permutation(n: number, random: Random): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = random.int(i + 1);
    const tmp = p[i];
    p[i] = p[j];
    p[j] = tmp;
  }
  return p;
}
