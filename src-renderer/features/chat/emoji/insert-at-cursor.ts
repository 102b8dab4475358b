/** A draft with `insert` put in place of the selection, and where the cursor goes after it. */
export function insertAtCursor(
  draft: string,
  insert: string,
  selectionStart: number,
  selectionEnd: number,
  maxChars: number,
): { text: string; cursor: number } {
  const start = Math.max(0, Math.min(selectionStart, draft.length));
  const end = Math.max(start, Math.min(selectionEnd, draft.length));
  const text = draft.slice(0, start) + insert + draft.slice(end);
  // Over the limit, the draft stays as it was rather than losing an emoji half-way (a surrogate pair).
  if (text.length > maxChars) return { text: draft, cursor: end };
  return { text, cursor: start + insert.length };
}
