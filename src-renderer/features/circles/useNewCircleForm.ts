import { useRef, useState, type FormEvent } from 'react';
import { useHearth } from '../../app/HearthContext';

export interface NewCircleErrors {
  name: string | null;
  displayName: string | null;
}

const NO_ERRORS: NewCircleErrors = { name: null, displayName: null };

/** Form state for starting a circle; calls onCreated with the new circle's id. */
export function useNewCircleForm(onCreated: (localId: string) => void) {
  const app = useHearth();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [membersMayInvite, setMembersMayInvite] = useState(false);
  const [errors, setErrors] = useState<NewCircleErrors>(NO_ERRORS);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);
  const displayNameRef = useRef<HTMLInputElement>(null);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const next: NewCircleErrors = {
      name: name.trim() ? null : 'Please give the circle a name.',
      displayName: displayName.trim()
        ? null
        : 'Please choose the name people in this circle will see.',
    };
    setErrors(next);
    setSubmitError(null);
    if (next.name || next.displayName) {
      (next.name ? nameRef : displayNameRef).current?.focus();
      return;
    }

    setBusy(true);
    try {
      const localId = await app.createCircle({
        name: name.trim(),
        description: description.trim(),
        displayName: displayName.trim(),
        membersMayInvite,
      });
      onCreated(localId);
    } catch (err) {
      setSubmitError(
        err instanceof Error && err.message
          ? err.message
          : 'The circle could not be created. Please try again.',
      );
      setBusy(false);
    }
  };

  // An error goes as soon as its field is filled in, not at the next press of Create.
  const editName = (value: string) => {
    setName(value);
    if (value.trim()) setErrors((e) => (e.name ? { ...e, name: null } : e));
  };
  const editDisplayName = (value: string) => {
    setDisplayName(value);
    if (value.trim()) setErrors((e) => (e.displayName ? { ...e, displayName: null } : e));
  };

  return {
    fields: { name, description, displayName, membersMayInvite },
    setMembersMayInvite,
    setName: editName,
    setDescription,
    setDisplayName: editDisplayName,
    errors,
    submitError,
    busy,
    refs: { nameRef, displayNameRef },
    onSubmit,
  };
}
