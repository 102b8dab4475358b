import { useRef, useState } from 'react';
import type {
  CircleResourceEntry,
  ResourceField,
} from '../../../src-shared/records/resources-body';
import {
  draftOf,
  emptyResourceDraft,
  type ResourceDraft,
  type ResourceProblems,
} from '../../../src-shared/safety/circle-resource-drafts';

interface Row {
  /** Stable across edits and removals, so React keeps each entry's fields (and focus) in place. */
  key: number;
  draft: ResourceDraft;
  problems: ResourceProblems;
}

const isBlank = (d: ResourceDraft) => Object.values(d).every((v) => v.trim() === '');

/**
 * The resources editor's list of drafts: what the circle has now (or one blank entry to start),
 * with add, change and remove. A change clears that field's error (and the shared "a way to
 * reach" one) so an error never outlives what it was about.
 */
export function useResourceDrafts(current: readonly CircleResourceEntry[] | undefined) {
  const nextKey = useRef(0);
  const row = (draft: ResourceDraft): Row => ({ key: nextKey.current++, draft, problems: {} });
  const [rows, setRows] = useState<Row[]>(() =>
    current && current.length > 0
      ? current.map((e) => row(draftOf(e)))
      : [row(emptyResourceDraft())],
  );
  return {
    rows,
    add: () => setRows((rs) => [...rs, row(emptyResourceDraft())]),
    remove: (key: number) => setRows((rs) => rs.filter((r) => r.key !== key)),
    change: (key: number, field: ResourceField, value: string) =>
      setRows((rs) =>
        rs.map((r) =>
          r.key === key
            ? {
                ...r,
                draft: { ...r.draft, [field]: value },
                problems: { ...r.problems, [field]: undefined, reach: undefined },
              }
            : r,
        ),
      ),
    /** Shows what is wrong with each entry (same order as `toSave`). */
    showProblems: (problems: readonly ResourceProblems[]) =>
      setRows((rs) => {
        const kept = rs.filter((r) => !isBlank(r.draft));
        return rs.map((r) => ({ ...r, problems: problems[kept.indexOf(r)] ?? {} }));
      }),
    /** The drafts to save: entries left completely blank are not resources, and are left out. */
    toSave: (): ResourceDraft[] => rows.filter((r) => !isBlank(r.draft)).map((r) => r.draft),
  };
}
