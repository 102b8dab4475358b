// Loaded only when someone first opens the emoji picker, so the first screen stays small.
// The emoji list is a file of this app (bundled by Vite), never the library's default CDN: the
// strict connection policy would refuse that, and nothing should leave the device to pick an emoji.
import Picker from 'emoji-picker-element/picker';
import emojiDataUrl from 'emoji-picker-element-data/en/emojibase/data.json?url';

/** A new picker element reading the bundled English emoji data (kept in IndexedDB after first use). */
export function createEmojiPicker(): Picker {
  const picker = new Picker({ dataSource: emojiDataUrl, locale: 'en' });
  picker.classList.add('emoji-picker');
  return picker;
}
