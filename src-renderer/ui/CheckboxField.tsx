import { useId, type ReactNode } from 'react';

interface CheckboxFieldProps {
  label: string;
  /** A sentence under the label saying what it does; read with the checkbox. */
  hint?: ReactNode;
  checked: boolean;
  disabled?: boolean;
  onChange: (checked: boolean) => void;
  testId?: string;
  /** The wrapper's class: a form field by default (settings use their own layout). */
  className?: string;
  hintClassName?: string;
}

/** A labelled checkbox for forms and settings, its hint wired through aria-describedby. */
export function CheckboxField({
  label,
  hint,
  checked,
  disabled,
  onChange,
  testId,
  className = 'field',
  hintClassName = 'field__hint',
}: CheckboxFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div className={className}>
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
        <p className={hintClassName} id={hintId}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}
