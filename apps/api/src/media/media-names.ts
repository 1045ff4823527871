/**
 * File names are kept only to suggest a name when someone downloads the file: they never name
 * anything in the storage (keys are generated). Still, they go into a response header, so they are
 * cleaned: no directories, no control characters, no quotes, NFC, at most 150 characters.
 */
export function sanitizeFileName(raw: string | null | undefined, fallback: string): string {
  let name = raw ?? '';
  // The portal sends `X-Filename` percent-encoded (headers carry no Thai); a plain name works too.
  try {
    name = decodeURIComponent(name);
  } catch {
    // Not percent-encoded: take it as it is.
  }
  name = name.normalize('NFC');
  // "../../etc/passwd", "C:\\x\\y.pdf": only the last segment is a name.
  name = name.split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  name = name.replace(/[\u0000-\u001f\u007f-\u009f"<>|*?:;]/g, '').replace(/\s+/g, ' ').trim();
  name = name.replace(/^\.+/, '');
  if ([...name].length > 150) {
    const ext = /\.[A-Za-z0-9]{1,10}$/.exec(name)?.[0] ?? '';
    name = [...name].slice(0, 150 - ext.length).join('') + ext;
  }
  return name || fallback;
}

/** `inline` or `attachment` with an ASCII fallback name and the UTF-8 name (RFC 6266 / 8187). */
export function contentDisposition(type: 'inline' | 'attachment', name: string): string {
  let ascii = name.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/[\\"%]/g, '').trim();
  // A Thai name leaves only its extension: old clients get "file.pdf" rather than ".pdf".
  if (ascii === '' || ascii.startsWith('.')) ascii = `file${ascii}`;
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
