// Evidence files for the upload bench: PNGs of a sane size (4000 × 3000) whose pixel data is
// random, so they are as large as asked and compress to nothing.
import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';

function pngChunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const head = Buffer.alloc(4);
  head.writeUInt32BE(data.length);
  const tail = Buffer.alloc(4);
  tail.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([head, body, tail]);
}

/** A PNG of `bytes` bytes or a little more, declaring width × height pixels. */
export function makeBenchPng(bytes: number, seed = 0, width = 4000, height = 3000): Uint8Array<ArrayBuffer> {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = 2;
  const data = randomBytes(Math.max(0, bytes - 57));
  data[0] = seed;
  return new Uint8Array(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', header), pngChunk('IDAT', data), pngChunk('IEND', Buffer.alloc(0))]));
}
