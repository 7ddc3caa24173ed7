import { useCallback, useSyncExternalStore, type ReactNode } from 'react';
import * as Y from 'yjs';
import { BODY_MAX_DEPTH, HARD_BREAK } from '../../../shared/index.ts';
import { isSafeHref } from './safeUrl.ts';

/**
 * Re-renders the caller whenever anything inside `fragment` changes (a colleague's keystroke in
 * this card re-renders this card only) and returns a number that changes with it.
 */
export function useFragmentVersion(fragment: Y.XmlFragment | undefined): number {
  const subscribe = useCallback(
    (onChange: () => void) => {
      if (!fragment) return () => {};
      let version = 0;
      const handler = () => {
        version++;
        versions.set(fragment, version);
        onChange();
      };
      fragment.observeDeep(handler);
      return () => fragment.unobserveDeep(handler);
    },
    [fragment],
  );
  return useSyncExternalStore(subscribe, () => (fragment ? (versions.get(fragment) ?? 0) : 0));
}

const versions = new WeakMap<Y.XmlFragment, number>();

/** True when a body holds no text at all (only empty paragraphs, or nothing). */
export function isEmptyBody(fragment: Y.XmlFragment | undefined): boolean {
  if (!fragment) return true;
  const pending: Array<Y.XmlElement | Y.XmlText | Y.XmlHook> = fragment.toArray();
  let seen = 0;
  while (pending.length > 0 && seen++ < 10_000) {
    const node = pending.pop();
    if (node instanceof Y.XmlText && node.length > 0) return false;
    if (node instanceof Y.XmlElement) pending.push(...node.toArray());
  }
  return true;
}

type Marks = Record<string, unknown>;

function renderRun(text: string, marks: Marks | undefined, key: number): ReactNode {
  let node: ReactNode = text;
  if (marks?.italic !== undefined) node = <em>{node}</em>;
  if (marks?.bold !== undefined) node = <strong>{node}</strong>;
  const link = marks?.link;
  const href =
    typeof link === 'object' && link !== null ? (link as Record<string, unknown>).href : undefined;
  if (isSafeHref(href)) {
    node = (
      <a href={href} target="_blank" rel="noopener noreferrer nofollow">
        {node}
      </a>
    );
  }
  return <span key={key}>{node}</span>;
}

function renderText(text: Y.XmlText): ReactNode[] {
  const delta = text.toDelta() as Array<{ insert: unknown; attributes?: Marks }>;
  return delta.map((op, i) =>
    typeof op.insert === 'string' ? renderRun(op.insert, op.attributes, i) : null,
  );
}

function renderNode(node: Y.XmlElement | Y.XmlText | Y.XmlHook, key: number, depth: number) {
  if (node instanceof Y.XmlText) return <span key={key}>{renderText(node)}</span>;
  if (!(node instanceof Y.XmlElement)) return null;
  if (node.nodeName === HARD_BREAK) return <br key={key} />;
  // Bodies are a few levels deep; deeper ones (hostile or broken) are not rendered further,
  // so a card can never overflow the stack of everyone's board.
  const children =
    depth < BODY_MAX_DEPTH ? node.toArray().map((child, i) => renderNode(child, i, depth + 1)) : [];
  switch (node.nodeName) {
    case 'paragraph':
      return <p key={key}>{children}</p>;
    case 'bulletList':
      return <ul key={key}>{children}</ul>;
    case 'orderedList': {
      const start = Number(node.getAttribute('start'));
      return (
        <ol key={key} start={Number.isInteger(start) && start > 1 ? start : undefined}>
          {children}
        </ol>
      );
    }
    case 'listItem':
      return <li key={key}>{children}</li>;
    default:
      return <div key={key}>{children}</div>;
  }
}

/** A card body shown read-only with its formatting: paragraphs, lists, bold, italic, safe links. */
export function RichTextView({
  fragment,
  placeholder,
}: {
  fragment: Y.XmlFragment | undefined;
  placeholder: string;
}) {
  useFragmentVersion(fragment);
  if (!fragment || isEmptyBody(fragment)) {
    return <span className="card__placeholder">{placeholder}</span>;
  }
  return <div className="rich-text">{fragment.toArray().map((n, i) => renderNode(n, i, 1))}</div>;
}
