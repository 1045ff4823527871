import { inflateSync } from 'node:zlib';
import { signaturePng } from './certificate.fixtures';
import { opaqueOnWhite } from './certificate.images';

/** IHDR colour type and the unfiltered RGB rows of a PNG written by opaqueOnWhite (filter 0, one IDAT). */
function readRgb(png: Buffer): { colorType: number; width: number; rows: Buffer } {
  const width = png.readUInt32BE(16);
  const idatLength = png.readUInt32BE(33);
  return { colorType: png[25], width, rows: inflateSync(png.subarray(41, 41 + idatLength)) };
}

describe('opaqueOnWhite', () => {
  it('flattens a transparent signature onto white and keeps the ink', () => {
    const { colorType, width, rows } = readRgb(opaqueOnWhite(signaturePng(3, 300, 90)));
    expect(colorType).toBe(2);
    // Top-left corner was transparent: now white.
    expect([...rows.subarray(1, 4)]).toEqual([255, 255, 255]);
    // The stroke's ink colour (20, 40, 120) is there somewhere.
    const pixels = Array.from({ length: rows.length / (width * 3 + 1) }, (_, y) => rows.subarray(y * (width * 3 + 1) + 1, (y + 1) * (width * 3 + 1)));
    expect(pixels.some((row) => row.includes(Buffer.from([20, 40, 120])))).toBe(true);
  });

  it('converts an image once and leaves what it cannot read to pdfkit', () => {
    const signature = signaturePng(4);
    expect(opaqueOnWhite(signature)).toBe(opaqueOnWhite(Buffer.from(signature)));
    const notPng = Buffer.from('<svg/>');
    expect(opaqueOnWhite(notPng)).toBe(notPng);
  });
});
