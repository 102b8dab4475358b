// The words under the conversation while people type. Pure, so what a screen reader hears (and
// when it changes) is tested without a page.

/** Who is typing, in words: names for one or two people, "Several people" beyond; '' for none. */
export function typingText(names: readonly string[]): string {
  if (names.length === 0) return '';
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  return 'Several people are typing…';
}

/** The names to show: current members this device has not blocked, in a stable order. */
export function typingNames(
  typing: ReadonlySet<string>,
  members: ReadonlyMap<string, { displayName: string }>,
  blocked: ReadonlySet<string>,
): string[] {
  return [...typing]
    .filter((key) => !blocked.has(key) && members.has(key))
    .map((key) => members.get(key)!.displayName)
    .sort((a, b) => a.localeCompare(b));
}
