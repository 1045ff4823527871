import type { MediaKind } from '@baanrian/db';

/** A file format we accept, as recognised from its first bytes. */
export interface MediaFormat {
  /** Short human label used in messages ("PDF", "MP4 video"): the same in every language. */
  label: string;
  kind: MediaKind;
  /** What we serve it as. */
  contentType: string;
  /** File name extensions that may carry it (lower case, no dot). */
  extensions: readonly string[];
  /** Content-Type headers an uploader may declare for it (besides application/octet-stream). */
  declaredTypes: readonly string[];
}

const format = (label: string, kind: MediaKind, contentType: string, extensions: string[], declaredTypes: string[] = []): MediaFormat => ({
  label,
  kind,
  contentType,
  extensions,
  declaredTypes: [contentType, ...declaredTypes],
});

export const FORMATS = {
  jpeg: format('JPEG', 'image', 'image/jpeg', ['jpg', 'jpeg', 'jfif', 'jpe'], ['image/jpg', 'image/pjpeg']),
  png: format('PNG', 'image', 'image/png', ['png']),
  webp: format('WebP', 'image', 'image/webp', ['webp']),
  gif: format('GIF', 'image', 'image/gif', ['gif']),
  mp4: format('MP4 video', 'video', 'video/mp4', ['mp4', 'm4v', 'mov'], ['video/quicktime', 'video/x-m4v']),
  m4a: format('M4A audio', 'audio', 'audio/mp4', ['m4a', 'm4b', 'mp4', 'aac'], ['audio/x-m4a', 'audio/m4a', 'audio/aac', 'video/mp4']),
  webm: format('WebM', 'video', 'video/webm', ['webm'], ['audio/webm']),
  mkv: format('Matroska video', 'video', 'video/x-matroska', ['mkv', 'mka'], ['video/matroska', 'audio/x-matroska']),
  mp3: format('MP3 audio', 'audio', 'audio/mpeg', ['mp3'], ['audio/mp3', 'audio/mpeg3', 'audio/x-mpeg-3']),
  ogg: format('Ogg audio', 'audio', 'audio/ogg', ['ogg', 'oga', 'opus'], ['audio/opus', 'application/ogg', 'audio/x-ogg']),
  ogv: format('Ogg video', 'video', 'video/ogg', ['ogv', 'ogg'], ['application/ogg']),
  wav: format('WAV audio', 'audio', 'audio/wav', ['wav'], ['audio/x-wav', 'audio/wave', 'audio/vnd.wave']),
  pdf: format('PDF', 'document', 'application/pdf', ['pdf'], ['application/x-pdf']),
  vtt: format('WebVTT captions', 'captions', 'text/vtt', ['vtt'], ['text/plain']),
} as const satisfies Record<string, MediaFormat>;

/** Bytes needed to recognise every format (a WebM DocType sits within the first few dozen). */
export const SNIFF_BYTES = 64;

const ascii = (bytes: Buffer, offset: number, text: string) => bytes.length >= offset + text.length && bytes.toString('latin1', offset, offset + text.length) === text;
const startsWith = (bytes: Buffer, ...values: number[]) => bytes.length >= values.length && values.every((v, i) => bytes[i] === v);

/** MPEG audio frame header: 11 sync bits, an MPEG version that exists, layer I-III (not AAC's 00). */
function isMpegAudioFrame(b: Buffer): boolean {
  return b.length >= 3 && b[0] === 0xff && (b[1] & 0xe0) === 0xe0 && (b[1] & 0x18) !== 0x08 && (b[1] & 0x06) !== 0 && (b[2] & 0xf0) !== 0xf0;
}

/** WebVTT: an optional UTF-8 BOM, then `WEBVTT` followed by a space, a tab, a line break or the end. */
function isWebVtt(b: Buffer): boolean {
  const start = startsWith(b, 0xef, 0xbb, 0xbf) ? 3 : 0;
  if (!ascii(b, start, 'WEBVTT')) return false;
  const next = b[start + 6];
  return next === undefined || next === 0x20 || next === 0x09 || next === 0x0a || next === 0x0d;
}

/**
 * Recognises a format from the first bytes (magic numbers), whatever the name or the declared
 * type say. `head` holds at least SNIFF_BYTES bytes, or the whole file when it is shorter.
 */
export function detectFormat(head: Buffer): MediaFormat | null {
  const b = head;
  if (startsWith(b, 0xff, 0xd8, 0xff)) return FORMATS.jpeg;
  if (startsWith(b, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return FORMATS.png;
  if (ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP')) return FORMATS.webp;
  if (ascii(b, 0, 'RIFF') && ascii(b, 8, 'WAVE')) return FORMATS.wav;
  if (ascii(b, 0, 'GIF87a') || ascii(b, 0, 'GIF89a')) return FORMATS.gif;
  if (ascii(b, 4, 'ftyp')) {
    const brand = b.toString('latin1', 8, 12);
    return ['M4A ', 'M4B ', 'M4P ', 'F4A ', 'F4B '].includes(brand) ? FORMATS.m4a : FORMATS.mp4;
  }
  if (startsWith(b, 0x1a, 0x45, 0xdf, 0xa3)) {
    // EBML: the DocType element names the flavour.
    return b.subarray(0, SNIFF_BYTES).includes('webm', 0, 'latin1') ? FORMATS.webm : b.subarray(0, SNIFF_BYTES).includes('matroska', 0, 'latin1') ? FORMATS.mkv : null;
  }
  if (ascii(b, 0, 'OggS')) return b.subarray(0, SNIFF_BYTES).includes('\x80theora', 0, 'latin1') ? FORMATS.ogv : FORMATS.ogg;
  if (ascii(b, 0, 'ID3') || isMpegAudioFrame(b)) return FORMATS.mp3;
  if (ascii(b, 0, '%PDF-')) return FORMATS.pdf;
  if (isWebVtt(b)) return FORMATS.vtt;
  return null;
}

/** The lower-case extension of a file name, or null. */
export function extensionOf(name: string): string | null {
  const match = /\.([A-Za-z0-9]{1,10})$/.exec(name);
  return match ? match[1].toLowerCase() : null;
}

/** What the uploader claimed (name and Content-Type) that the bytes contradict, or null when all agree. */
export function contradiction(detected: MediaFormat, declaredType: string | null, name: string | null): string | null {
  const ext = name ? extensionOf(name) : null;
  if (ext && !detected.extensions.includes(ext)) return `.${ext}`;
  if (declaredType && declaredType !== 'application/octet-stream' && !detected.declaredTypes.includes(declaredType)) return declaredType;
  return null;
}
