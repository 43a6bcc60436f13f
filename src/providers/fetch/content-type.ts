/** How a response body becomes text. */
export type ContentKind = 'html' | 'text' | 'json';

/** A parsed `Content-Type` header. */
export interface ContentType {
  /** Lower-case media type without parameters; empty when the header was missing. */
  mediaType: string;
  /** The `charset` parameter, lower-case, or null. */
  charset: string | null;
}

/** Parses a `Content-Type` header value such as `text/html; charset="UTF-8"`. */
export function parseContentType(header: string | undefined): ContentType {
  if (!header) return { mediaType: '', charset: null };
  const [typePart = '', ...parameters] = header.split(';');
  let charset: string | null = null;
  for (const parameter of parameters) {
    const match = /^\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(parameter);
    if (match?.[1]) charset = match[1].toLowerCase();
  }
  return { mediaType: typePart.trim().toLowerCase(), charset };
}

/**
 * The kind a declared media type is read as, `null` when it is not readable text (PDFs, images,
 * archives, anything else), or `undefined` when no type was declared and the body must be sniffed.
 */
export function contentKindForMediaType(mediaType: string): ContentKind | null | undefined {
  if (mediaType === '') return undefined;
  if (mediaType === 'text/html' || mediaType === 'application/xhtml+xml') return 'html';
  if (mediaType === 'text/plain') return 'text';
  // XML (sitemaps, feeds) is read as plain text: agents take links from it, and its text is
  // delimited and capped like any page's before a model sees it.
  if (mediaType === 'application/xml' || mediaType === 'text/xml' || /^application\/[\w.-]+\+xml$/.test(mediaType)) return 'text';
  if (mediaType === 'application/json' || /^application\/[\w.-]+\+json$/.test(mediaType)) return 'json';
  return null;
}

// Signatures of binary formats that servers often mislabel as text/html or text/plain.
const BINARY_SIGNATURES: Array<{ bytes: number[]; description: string }> = [
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], description: 'a PDF document' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], description: 'a ZIP archive (or an Office document)' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], description: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], description: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], description: 'a GIF image' },
  { bytes: [0x1f, 0x8b], description: 'gzip data' },
];

/**
 * Describes the binary format `bytes` starts with, or returns null when it looks like text.
 * With `strict`, any NUL byte in the first kilobyte also counts as binary; that check is only
 * made on undeclared bodies, because UTF-16 text is full of NULs.
 */
export function detectBinaryContent(bytes: Uint8Array, strict: boolean): string | null {
  const signature = BINARY_SIGNATURES.find((candidate) => candidate.bytes.every((byte, index) => bytes[index] === byte));
  if (signature) return signature.description;
  if (strict && bytes.subarray(0, 1024).includes(0)) return 'binary data';
  return null;
}

/** Guesses the kind of an undeclared body from its first characters. */
export function sniffContentKind(bytes: Uint8Array): ContentKind {
  const start = Buffer.from(bytes.subarray(0, 512))
    .toString('latin1')
    .replace(/^\uFEFF|^\xEF\xBB\xBF/, '')
    .trimStart()
    .toLowerCase();
  if (/^<(!doctype html|html|head|body|!--|meta|title)/.test(start)) return 'html';
  return 'text';
}
