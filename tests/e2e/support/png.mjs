// A real PNG made in memory (no image tools needed): a pale page with dark lines, like a scan.
import { deflateSync, crc32 } from 'node:zlib';

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A `width` × `height` RGB PNG: a cream page with grey text-like bars and a blue stamp. */
export function scanPng(width = 480, height = 300) {
  const rows = [];
  for (let y = 0; y < height; y += 1) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x += 1) {
      const bar = Math.floor((y - 30) / 24);
      const line = y > 30 && (y - 30) % 24 < 6 && x > 30 && x < width - 30 - ((bar * 53) % 140);
      const stamp = (x - width + 90) ** 2 + (y - height + 70) ** 2 < 45 ** 2;
      const [r, g, b] = stamp ? [60, 90, 200] : line ? [90, 90, 90] : [250, 246, 232];
      row.set([r, g, b], 1 + x * 3);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
