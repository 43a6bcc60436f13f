import { Readability } from '@mozilla/readability';
import { htmlElementToText } from './html-to-text.ts';

/** The readable text of a page and where it came from. */
export interface ReadableText {
  text: string;
  /** `article` when Readability found the main content, `body` when the whole body was used. */
  source: 'article' | 'body';
  /** The article title Readability settled on, when it ran successfully. */
  articleTitle: string | null;
}

/** The share of body text an article must cover to be preferred over the whole body. */
export const ARTICLE_SHARE = 1 / 3;

/** Readability's cost grows steeply with page size; bigger documents go straight to body text. */
const MAX_ELEMENTS_FOR_READABILITY = 20_000;

/** Articles shorter than this are not worth losing the rest of the page for. */
export const MIN_ARTICLE_LENGTH = 1_000;

/**
 * Extracts the text a reader would read. Readability finds the main article; its result is used
 * when it is a long read (`MIN_ARTICLE_LENGTH`) covering at least `ARTICLE_SHARE` of the body's
 * text. Short pages are returned whole: company home and contact pages spread their facts over
 * small sections and footers (legal name, address) that Readability discards, and their
 * boilerplate costs few tokens. The whole body is also used when Readability finds nothing.
 *
 * The document is not modified: Readability runs on a clone.
 */
export function extractReadableText(document: Document): ReadableText {
  const bodyText = document.body ? htmlElementToText(document.body) : '';
  // An article is text of the body, so a body shorter than MIN_ARTICLE_LENGTH cannot yield one
  // worth using: skip Readability, which clones the document and compiles selectors by the
  // hundred. On short pages (team, contact, home pages) it was half of all the memory the
  // people finder allocated, and that churn is what pushed the process's RSS up.
  if (bodyText.length < MIN_ARTICLE_LENGTH) return { text: bodyText, source: 'body', articleTitle: null };
  const article = parseArticle(document);
  const articleNode = article?.content;
  const articleText = articleNode ? htmlElementToText(articleNode as Element) : '';
  if (articleText.length >= MIN_ARTICLE_LENGTH && articleText.length >= bodyText.length * ARTICLE_SHARE) {
    return { text: articleText, source: 'article', articleTitle: article?.title?.trim() || null };
  }
  return { text: bodyText, source: 'body', articleTitle: article?.title?.trim() || null };
}

function parseArticle(document: Document): ReturnType<Readability<Node>['parse']> {
  try {
    return new Readability<Node>(document.cloneNode(true) as Document, {
      serializer: (node) => node,
      maxElemsToParse: MAX_ELEMENTS_FOR_READABILITY,
    }).parse();
  } catch {
    // Readability throws past its element budget, and may on markup a browser DOM would have
    // repaired; the body text still serves in both cases.
    return null;
  }
}
