import type { Ref } from 'react';

interface CodeBoxProps {
  labelId: string;
  value: string;
  testId?: string;
  ref?: Ref<HTMLDivElement>;
}

/** Read-only text that can be focused and selected whole. Its text content is exactly `value`. */
export function CodeBox({ labelId, value, testId, ref }: CodeBoxProps) {
  return (
    <div
      ref={ref}
      className="code-box"
      role="textbox"
      aria-readonly="true"
      aria-multiline="true"
      aria-labelledby={labelId}
      tabIndex={0}
      data-testid={testId}
    >
      {value}
    </div>
  );
}
