// Seeded random streams for the Monte Carlo simulation. A seed (any text) is hashed to four
// 32-bit words; iteration block b gets its own stream derived from those words and b, so the
// result depends on the seed and the block layout only, never on how many threads ran the
// blocks or in which order they finished.

/** murmur3's 32-bit finaliser: a bijective mix with full avalanche. */
export function mix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Four 32-bit words from a seed text (its UTF-16 code units, four differently keyed hashes). */
export function seedWords(seed: string): Uint32Array {
  const words = new Uint32Array(4);
  for (let w = 0; w < 4; w++) {
    let h = mix32(0x9e3779b9 * (w + 1) + seed.length);
    for (let i = 0; i < seed.length; i++) {
      h = mix32(h ^ Math.imul(seed.charCodeAt(i) + 1, 0x27d4eb2d));
    }
    words[w] = h;
  }
  return words;
}

/**
 * sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): 128 bits of state, passes
 * PractRand to terabytes, and is among the fastest generators in 32-bit JavaScript arithmetic.
 */
export class RandomStream {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** The stream of block `block` for the given seed words. */
  constructor(words: Uint32Array, block: number) {
    const k = mix32(block ^ 0x5bd1e995) ^ mix32(Math.floor(block / 4294967296) + 0x68e31da4);
    this.a = mix32(words[0]! ^ k);
    this.b = mix32(words[1]! + k);
    this.c = mix32(words[2]! ^ mix32(k + 0x1b873593));
    this.d = 1;
    for (let i = 0; i < 15; i++) this.nextUint32();
    this.d = (this.d ^ words[3]!) >>> 0;
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** The four state words (a, b, c, d), for a caller that inlines the generator. */
  state(): Int32Array {
    return Int32Array.of(this.a, this.b, this.c, this.d);
  }

  /** A uniform number in [0, 1) with 32 random bits. */
  next(): number {
    return this.nextUint32() / 4294967296;
  }
}
