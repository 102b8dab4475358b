// The sidebar's words for circles left with "delete my copy" whose copy is still on this device.

const listFormat = new Intl.ListFormat(undefined, { type: 'conjunction' });

/** What to say about circles whose copy is still on this device, named in the person's locale. */
export function unwipedText(names: readonly string[]): string {
  const quoted = listFormat.format(names.map((n) => `“${n}”`));
  return names.length === 1
    ? `Hearth could not delete ${quoted} from this device. It is still listed, so that you can try again from there.`
    : `Hearth could not delete ${quoted} from this device. They are still listed, so that you can try again from there.`;
}
