import type { Ref } from 'react';

interface CodeBoxProps {
  labelId: string;
  value: string;
  testId?: string;
  ref?: Ref<HTMLDivElement>;
  /** Called when the box gets focus, e.g. to select its text. */
  onFocus?: () => void;
}

/** Read-only text that can be focused and selected whole. Its text content is exactly `value`. */
export function CodeBox({ labelId, value, testId, ref, onFocus }: CodeBoxProps) {
  return (
    <div
      ref={ref}
      className="code-box"
      role="textbox"
      aria-readonly="true"
      aria-multiline="true"
      aria-labelledby={labelId}
      tabIndex={0}
      onFocus={onFocus}
      data-testid={testId}
    >
      {value}
    </div>
  );
}
