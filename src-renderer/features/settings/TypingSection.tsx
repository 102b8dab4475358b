import { setSendsTyping, useSendsTyping } from '../chat/typing/typing-preference';
import { Checkbox } from './Checkbox';
import { Section } from './Section';

/** Whether members online see "… is typing" while this person writes (desktop and browser). */
export function TypingSection() {
  const on = useSendsTyping();
  return (
    <Section title="Typing" testId="settings-typing">
      <Checkbox
        label="Let members who are online see when I am typing"
        hint="They see “… is typing” while you write a message, never what you write. Remembered on this device only."
        checked={on}
        onChange={setSendsTyping}
        testId="setting-send-typing"
      />
    </Section>
  );
}
