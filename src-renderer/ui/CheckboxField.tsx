import { useId, type ReactNode } from 'react';

interface CheckboxFieldProps {
  label: string;
  /** A sentence under the label saying what it does; read with the checkbox. */
  hint?: ReactNode;
  checked: boolean;
  disabled?: boolean;
  onChange: (checked: boolean) => void;
  testId?: string;
}

/** A labelled checkbox for forms, its hint wired through aria-describedby. */
export function CheckboxField({
  label,
  hint,
  checked,
  disabled,
  onChange,
  testId,
}: CheckboxFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div className="field">
      <div className="checkbox">
        <input
          id={id}
          type="checkbox"
          checked={checked}
          disabled={disabled}
          aria-describedby={hint ? hintId : undefined}
          onChange={(e) => onChange(e.target.checked)}
          data-testid={testId}
        />
        <label htmlFor={id}>{label}</label>
      </div>
      {hint ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}
