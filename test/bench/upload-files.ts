// Evidence files for the upload bench: PNGs of a sane size (4000 × 3000) whose pixel data is
// random, so they are as large as asked and compress to nothing.
import { randomBytes } from 'node:crypto';
import { assemblePng } from '../../src/services/demo-evidence.js';

/** A PNG of `bytes` bytes or a little more, declaring width × height pixels. */
export function makeBenchPng(bytes: number, seed = 0, width = 4000, height = 3000): Uint8Array<ArrayBuffer> {
  // 57 bytes of signature, IHDR and the chunks' framing around the image data.
  const data = randomBytes(Math.max(0, bytes - 57));
  data[0] = seed;
  return new Uint8Array(assemblePng(width, height, data));
}
