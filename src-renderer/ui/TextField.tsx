import type { InputHTMLAttributes, Ref } from 'react';
import { Field, type FieldProps } from './Field';

export type TextFieldProps = FieldProps &
  Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'className'> & { ref?: Ref<HTMLInputElement> };

/** A labelled single-line input with hint and error wired through aria-describedby. */
export function TextField({
  label,
  hint,
  error,
  describedBy,
  id,
  className,
  ...input
}: TextFieldProps) {
  return (
    <Field
      label={label}
      hint={hint}
      error={error}
      describedBy={describedBy}
      id={id}
      className={className}
    >
      {(wiring) => <input {...wiring} {...input} />}
    </Field>
  );
}
