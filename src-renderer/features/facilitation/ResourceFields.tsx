import { useId, type Ref } from 'react';
import { RESOURCE_LIMITS, type ResourceField } from '../../../src-shared/records/resources-body';
import type {
  ResourceDraft,
  ResourceProblems,
} from '../../../src-shared/safety/circle-resource-drafts';
import { Button } from '../../ui/Button';
import { TextArea } from '../../ui/TextArea';
import { TextField } from '../../ui/TextField';

const LABELS: Record<ResourceField, { label: string; hint?: string }> = {
  name: { label: 'Name' },
  phone: { label: 'Phone number', hint: 'Digits, spaces, +, - and brackets.' },
  text: { label: 'Text or chat line', hint: 'For example “Text HOME to 741741”.' },
  web: { label: 'Web address', hint: 'A secure address, starting with https://.' },
  hours: { label: 'Hours', hint: 'For example “24/7” or “Evenings, 6pm to midnight”.' },
  note: { label: 'Note', hint: 'Who it is for, or anything else worth knowing.' },
};

interface ResourceFieldsProps {
  index: number;
  draft: ResourceDraft;
  problems: ResourceProblems;
  onChange: (field: ResourceField, value: string) => void;
  onRemove: () => void;
  /** The name field, so a new entry can be focused. */
  nameRef?: Ref<HTMLInputElement>;
}

/** One resource in the editor: labelled fields, each with its own error, and a way to remove it. */
export function ResourceFields({
  index,
  draft,
  problems,
  onChange,
  onRemove,
  nameRef,
}: ResourceFieldsProps) {
  const reachId = useId();
  // Phone, text and web share one rule, at least one of them: its message describes all three.
  const reach = (name: ResourceField) =>
    problems.reach && (name === 'phone' || name === 'text' || name === 'web')
      ? { describedBy: reachId, 'aria-invalid': true as const }
      : {};
  const field = (name: ResourceField) => ({
    label: LABELS[name].label,
    hint: LABELS[name].hint,
    value: draft[name],
    maxLength: RESOURCE_LIMITS[name],
    error: problems[name] ?? null,
    onChange: (e: { target: { value: string } }) => onChange(name, e.target.value),
    'data-testid': `resource-${name}-${index}`,
    ...reach(name),
  });
  return (
    <fieldset className="resource-fields" data-testid={`resource-fields-${index}`}>
      <legend className="resource-fields__legend">
        Resource {index + 1}
        {draft.name.trim() ? `: ${draft.name.trim()}` : ''}
      </legend>
      <TextField {...field('name')} ref={nameRef} autoComplete="off" />
      {problems.reach ? (
        <p className="field__error" id={reachId}>
          {problems.reach}
        </p>
      ) : null}
      <TextField {...field('phone')} type="tel" autoComplete="off" />
      <TextField {...field('text')} autoComplete="off" />
      <TextField {...field('web')} type="url" inputMode="url" autoComplete="off" />
      <TextField {...field('hours')} autoComplete="off" />
      <TextArea {...field('note')} rows={2} />
      <div className="actions">
        <Button onClick={onRemove} data-testid={`resource-remove-${index}`}>
          Remove resource {index + 1}
        </Button>
      </div>
    </fieldset>
  );
}
