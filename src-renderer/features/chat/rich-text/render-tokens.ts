// Markdown tokens to React elements through an allow-list: each known token type maps to one
// plain element, text stays text (React escapes it), and anything unknown keeps only its text.
// No attribute is copied from a token except a link's href, checked again by safeHref.
import { createElement, Fragment, type ReactNode } from 'react';
import type { Token } from 'markdown-it';
import { MessageLink } from './MessageLink';
import { parseMessage, safeHref } from './markdown';

/** Container tokens (`*_open` / `*_close`) and the element each becomes. */
const CONTAINERS: Record<string, string> = {
  paragraph: 'p',
  bullet_list: 'ul',
  ordered_list: 'ol',
  list_item: 'li',
  blockquote: 'blockquote',
  em: 'em',
  strong: 'strong',
};

interface Frame {
  token: Token;
  children: ReactNode[];
}

/** A closed container as an element; unknown containers and refused links keep just their text. */
function container(token: Token, children: ReactNode[]): ReactNode {
  const kind = token.type.replace(/_open$/, '');
  if (kind === 'link') {
    const href = safeHref(String(token.attrGet('href') ?? ''));
    return href === null
      ? createElement(Fragment, null, ...children)
      : createElement(MessageLink, { href }, ...children);
  }
  // A tight list's paragraphs are hidden: their text sits straight in the <li>.
  if (kind === 'paragraph' && token.hidden) return createElement(Fragment, null, ...children);
  if (kind === 'ordered_list') {
    const start = Number(token.attrGet('start') ?? 1);
    const props = Number.isSafeInteger(start) && start !== 1 ? { start } : null;
    return createElement('ol', props, ...children);
  }
  const tag = CONTAINERS[kind];
  return tag ? createElement(tag, null, ...children) : createElement(Fragment, null, ...children);
}

/** A token with no children of its own: text, breaks, code, or an inline run to walk. */
function leaf(token: Token): ReactNode {
  switch (token.type) {
    case 'inline':
      return renderTokens(token.children ?? []);
    case 'softbreak':
      // A line break as written: the text box keeps it visible (white-space: pre-wrap), and
      // copying the message or reading its text gives back the same lines.
      return '\n';
    case 'hardbreak':
      return createElement('br');
    case 'code_inline':
      return createElement('code', null, token.content);
    case 'code_block':
    case 'fence':
      return createElement('pre', null, createElement('code', null, token.content));
    default:
      // text, and anything unexpected: as text, never as markup.
      return token.content;
  }
}

/** Nests a flat open/close token run into elements (children passed as arguments: no keys needed). */
function renderTokens(tokens: readonly Token[]): ReactNode {
  const root: ReactNode[] = [];
  const stack: Frame[] = [];
  const childrenOfTop = () => stack[stack.length - 1]?.children ?? root;
  const closeTop = () => {
    const frame = stack.pop()!;
    childrenOfTop().push(container(frame.token, frame.children));
  };
  for (const token of tokens) {
    if (token.nesting === 1) stack.push({ token, children: [] });
    else if (token.nesting === -1) {
      if (stack.length > 0) closeTop(); // a stray close has nothing to close
    } else childrenOfTop().push(leaf(token));
  }
  // The parser closes everything it opens; should it not, the open frames still keep their text.
  while (stack.length > 0) closeTop();
  return createElement(Fragment, null, ...root);
}

/** A message's text as React elements: only p, ul, ol, li, blockquote, em, strong, code, pre, br and safe links. */
export function renderMessageText(text: string): ReactNode {
  return renderTokens(parseMessage(text));
}
