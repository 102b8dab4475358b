import { useId, type ReactNode } from 'react';

interface CheckboxProps {
  label: string;
  /** A sentence under the label saying what the setting does; read with the checkbox. */
  hint?: ReactNode;
  checked: boolean;
  disabled?: boolean;
  onChange: (checked: boolean) => void;
  testId?: string;
}

/** A labelled checkbox with its hint wired through aria-describedby. */
export function Checkbox({ label, hint, checked, disabled, onChange, testId }: CheckboxProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div className="settings__option">
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
        <p className="field__hint settings__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}
