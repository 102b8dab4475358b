import { useId, type ReactNode } from 'react';

export interface FieldProps {
  label: string;
  /** Guidance shown under the label; read by screen readers with the field. */
  hint?: ReactNode;
  /** Shown under the field and marks it invalid. */
  error?: string | null;
  /** Extra element ids that describe the field (e.g. a form-level alert). */
  describedBy?: string;
  id?: string;
  className?: string;
}

/** The aria wiring a control needs to be tied to its label, hint and error. */
export interface ControlWiring {
  id: string;
  'aria-describedby': string | undefined;
  'aria-invalid': true | undefined;
  className: string;
}

/** Lays out a label, hint, control and error, and hands the control its aria wiring. */
export function Field({
  label,
  hint,
  error,
  describedBy,
  id,
  className,
  children,
}: FieldProps & { children: (wiring: ControlWiring) => ReactNode }) {
  const generatedId = useId();
  const controlId = id ?? generatedId;
  const hintId = `${controlId}-hint`;
  const errorId = `${controlId}-error`;
  const described = [hint ? hintId : null, error ? errorId : null, describedBy ?? null]
    .filter(Boolean)
    .join(' ');
  const wiring: ControlWiring = {
    id: controlId,
    'aria-describedby': described || undefined,
    'aria-invalid': error ? true : undefined,
    className: 'field__control',
  };

  return (
    <div className={['field', className].filter(Boolean).join(' ')}>
      <label className="field__label" htmlFor={controlId}>
        {label}
      </label>
      {hint ? (
        <div className="field__hint" id={hintId}>
          {hint}
        </div>
      ) : null}
      {children(wiring)}
      {error ? (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
