import type { ComponentProps } from 'react';
import { CheckboxField } from '../../ui/CheckboxField';

/** A setting's checkbox: the shared one, in the settings page's layout. */
export function Checkbox(props: Omit<ComponentProps<typeof CheckboxField>, 'className'>) {
  return (
    <CheckboxField
      {...props}
      className="settings__option"
      hintClassName="field__hint settings__hint"
    />
  );
}
