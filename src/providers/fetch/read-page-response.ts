import { contentKindForMediaType, detectBinaryContent, parseContentType, sniffContentKind } from './content-type.ts';
import type { ContentKind } from './content-type.ts';
import { httpStatusError, tooLargeError, unsupportedContentError } from './fetch-errors.ts';
import type { OutboundResponse } from './outbound-transport.ts';
import { BodyTooLargeError, readResponseBody, UnsupportedEncodingError } from './response-body.ts';

/** A final response that passed every check, with its body read. */
export interface PageBody {
  status: number;
  /** Declared media type, or the sniffed one ("text/html", "text/plain") when none was declared. */
  mediaType: string;
  charset: string | null;
  kind: ContentKind;
  bytes: Buffer;
  /** When the response headers arrived. */
  receivedAt: Date;
}

/**
 * Checks a final response before and after reading its body: non-2xx statuses, unsupported types
 * and declared oversize bodies are refused before a byte of body is read; the body is then read
 * under the size cap and checked for binary content that was labelled as text.
 */
export async function readPageResponse(response: OutboundResponse, url: URL, options: { maxBytes: number; now: () => Date }): Promise<PageBody> {
  const receivedAt = options.now();
  const { statusCode, headers } = response;
  if (statusCode < 200 || statusCode >= 300) {
    throw httpStatusError(url.href, statusCode, response.statusText, singleHeader(headers['retry-after']), receivedAt);
  }
  const { mediaType, charset } = parseContentType(singleHeader(headers['content-type']));
  const declaredKind = contentKindForMediaType(mediaType);
  if (declaredKind === null) throw unsupportedContentError(url.href, describeMediaType(mediaType));
  const declaredLength = Number(singleHeader(headers['content-length']));
  const contentEncoding = singleHeader(headers['content-encoding']);
  // A declared identity length over the cap fails now instead of after downloading the cap.
  if (!contentEncoding && Number.isFinite(declaredLength) && declaredLength > options.maxBytes) {
    throw tooLargeError(url.href, options.maxBytes);
  }

  let bytes: Buffer;
  try {
    ({ bytes } = await readResponseBody(response.body, { contentEncoding, maxBytes: options.maxBytes, onOverflow: 'fail' }));
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw tooLargeError(url.href, options.maxBytes);
    if (error instanceof UnsupportedEncodingError) throw unsupportedContentError(url.href, `encoded in a way we cannot read (${error.message})`);
    throw error;
  }

  const binary = detectBinaryContent(bytes, declaredKind === undefined);
  if (binary) throw unsupportedContentError(url.href, `${binary} (served as ${mediaType || 'an undeclared type'})`);
  const kind = declaredKind ?? sniffContentKind(bytes);
  return {
    status: statusCode,
    mediaType: mediaType || (kind === 'html' ? 'text/html' : 'text/plain'),
    charset,
    kind,
    bytes,
    receivedAt,
  };
}

function describeMediaType(mediaType: string): string {
  if (mediaType === 'application/pdf') return 'a PDF document (application/pdf)';
  if (mediaType.startsWith('image/')) return `an image (${mediaType})`;
  return `of type ${mediaType}`;
}

function singleHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
