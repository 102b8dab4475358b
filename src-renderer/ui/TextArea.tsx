import type { Ref, TextareaHTMLAttributes } from 'react';
import { Field, type FieldProps } from './Field';

export type TextAreaProps = FieldProps &
  Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'className'> & {
    ref?: Ref<HTMLTextAreaElement>;
  };

/** A labelled multi-line field with hint and error wired through aria-describedby. */
export function TextArea({
  label,
  hint,
  error,
  describedBy,
  id,
  className,
  ...textarea
}: TextAreaProps) {
  return (
    <Field
      label={label}
      hint={hint}
      error={error}
      describedBy={describedBy}
      id={id}
      className={className}
    >
      {(wiring) => <textarea {...wiring} {...textarea} />}
    </Field>
  );
}
