/** Decoded text and the encoding that was used. */
export interface DecodedText {
  text: string;
  /** The WHATWG name of the encoding used ("utf-8", "windows-1252"). */
  encoding: string;
}

/**
 * Decodes a body to text. The encoding comes from, in order: a byte-order mark, the header's
 * `charset`, a `<meta charset>` in the first kilobyte (HTML only), else UTF-8. Undecodable bytes
 * become U+FFFD rather than failing the fetch.
 */
export function decodeText(bytes: Uint8Array, options: { headerCharset: string | null; isHtml: boolean }): DecodedText {
  const fromBom = encodingFromByteOrderMark(bytes);
  const fromHeader = options.headerCharset ? supportedEncoding(options.headerCharset) : null;
  // A page cannot be UTF-16 and also contain an ASCII meta tag saying so; the HTML standard
  // treats such a declaration as UTF-8.
  const fromMeta = options.isHtml ? supportedEncoding(charsetFromMeta(bytes) ?? '')?.replace(/^utf-16(be|le)$/, 'utf-8') : null;
  const encoding = fromBom ?? fromHeader ?? fromMeta ?? 'utf-8';
  // TextDecoder drops a matching byte-order mark itself.
  const text = new TextDecoder(encoding).decode(bytes);
  return { text: encoding === 'windows-1252' ? repairWindows1252(text) : text, encoding };
}

// Node 20's TextDecoder decodes windows-1252 as ISO-8859-1, turning bytes 0x80–0x9F (curly
// quotes, dashes, the euro sign) into invisible C1 controls. This maps them as the standard says.
const WINDOWS_1252_C1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function repairWindows1252(text: string): string {
  return text.replace(/[\u0080-\u009f]/g, (character) => WINDOWS_1252_C1[character.charCodeAt(0) - 0x80] ?? character);
}

function encodingFromByteOrderMark(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  return null;
}

/** The WHATWG name for a charset label, or null when this runtime cannot decode it. */
function supportedEncoding(label: string): string | null {
  if (label === '') return null;
  try {
    return new TextDecoder(label).encoding;
  } catch {
    // An unknown label is common on old sites; the caller falls back to the next source.
    return null;
  }
}

function charsetFromMeta(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  const direct = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  return direct?.[1]?.toLowerCase() ?? null;
}
