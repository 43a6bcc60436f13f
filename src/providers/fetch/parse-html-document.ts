import type * as Linkedom from 'linkedom';
import { lazyModule } from '../../lazy-module.ts';

// ~25 MB of resident memory: loaded when the first page is parsed, not in every process at start.
const linkedom = lazyModule<typeof Linkedom>('linkedom');

// Elements that belong in <head> when a page leaves its <head> and <body> tags implicit.
const HEAD_ELEMENTS = new Set(['base', 'link', 'meta', 'noscript', 'script', 'style', 'template', 'title']);

/**
 * Parses HTML into a DOM with the standard `html > head + body` shape.
 *
 * linkedom keeps the tree exactly as written, while browsers build the missing `<html>`,
 * `<head>` and `<body>` elements that HTML allows pages (and minifiers) to omit. Without that
 * repair `document.body` and `document.title` of such pages are empty, so this rebuilds the
 * shape the way a browser would for the common cases.
 */
export function parseHtmlDocument(html: string): Document {
  const document = new (linkedom().DOMParser)().parseFromString(html, 'text/html') as unknown as Document;
  if (hasStandardShape(document)) return document;

  const originalRoot = document.documentElement?.localName === 'html' ? document.documentElement : null;
  const nodes = flattenImplicitWrappers(Array.from(document.childNodes));
  const root = document.createElement('html');
  const language = originalRoot?.getAttribute('lang');
  if (language) root.setAttribute('lang', language);
  const head = root.appendChild(document.createElement('head'));
  const body = root.appendChild(document.createElement('body'));
  let isInBody = false;
  for (const node of nodes) {
    node.parentNode?.removeChild(node);
    const isHeadElement = node.nodeType === 1 && HEAD_ELEMENTS.has((node as Element).localName);
    const isBlankText = node.nodeType === 3 && (node.textContent ?? '').trim() === '';
    // The first thing that is neither head material nor blank text opens the body, as in browsers.
    if (!isInBody && !isHeadElement && !isBlankText) isInBody = true;
    (isInBody ? body : head).appendChild(node);
  }
  for (const leftover of Array.from(document.childNodes)) {
    if (leftover.nodeType !== 10) document.removeChild(leftover);
  }
  document.appendChild(root);
  return document;
}

function hasStandardShape(document: Document): boolean {
  const root = document.documentElement;
  if (root?.localName !== 'html') return false;
  const names = Array.from(root.children).map((child) => child.localName);
  return names.includes('body') && names.every((name) => name === 'head' || name === 'body');
}

function flattenImplicitWrappers(nodes: ChildNode[]): ChildNode[] {
  return nodes.flatMap((node) => {
    if (node.nodeType === 10) return [];
    const name = node.nodeType === 1 ? (node as Element).localName : '';
    if (name === 'html' || name === 'head' || name === 'body') return flattenImplicitWrappers(Array.from(node.childNodes));
    return [node];
  });
}
