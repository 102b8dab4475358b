import { useId } from 'react';

/** "Show passphrase" checkbox: typing is easier when you can see what you wrote. */
export function ShowPassphraseToggle({
  checked,
  onChange,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const id = useId();
  return (
    <div className="checkbox">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
      />
      <label htmlFor={id}>Show passphrase</label>
    </div>
  );
}
