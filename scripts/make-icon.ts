// Writes build/icon.png: a 512x512 warm ember disc with a soft glow, on transparency.
// Node built-ins only (zlib for the PNG's deflate stream). Run: npx tsx scripts/make-icon.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 512;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(typed.length + 8);
  out.writeUInt32BE(data.length, 0);
  typed.copy(out, 4);
  out.writeUInt32BE(crc32(typed), typed.length + 4);
  return out;
}

const mix = (a: number, b: number, t: number): number => Math.round(a + (b - a) * t);
const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));

function pixel(x: number, y: number): [number, number, number, number] {
  const cx = SIZE / 2;
  const r = SIZE * 0.46;
  // Sample the pixel centre; a one-pixel ramp at the rim anti-aliases the edge.
  const d = Math.hypot(x + 0.5 - cx, y + 0.5 - cx);
  const alpha = clamp01(r - d + 0.5);
  if (alpha === 0) return [0, 0, 0, 0];
  // Glow centred a little low, like embers: pale gold inside, terracotta at the rim.
  const glow = clamp01(Math.hypot(x - cx, y - cx * 1.15) / r);
  const t = glow * glow;
  return [mix(255, 196, t), mix(200, 82, t), mix(92, 44, t), Math.round(alpha * 255)];
}

function encodePng(): Buffer {
  const raw = Buffer.alloc((SIZE * 4 + 1) * SIZE);
  for (let y = 0; y < SIZE; y++) {
    const row = y * (SIZE * 4 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < SIZE; x++) {
      const [r, g, b, a] = pixel(x, y);
      raw.set([r, g, b, a], row + 1 + x * 4);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, deflate, no filter method, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'build', 'icon.png');
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, encodePng());
console.log(`wrote ${out}`);
