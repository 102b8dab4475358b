import type { EntryFilter } from '../../../src-shared/journal';
import { Button } from '../../ui/Button';
import { SelectField } from '../../ui/SelectField';
import { TextField } from '../../ui/TextField';

interface EntryFiltersProps {
  filter: EntryFilter;
  tags: string[];
  onChange: (filter: EntryFilter) => void;
}

/** Find entries by words, an emotion, and a date range. */
export function EntryFilters({ filter, tags, onChange }: EntryFiltersProps) {
  const set = (patch: Partial<EntryFilter>) => onChange({ ...filter, ...patch });
  const active = Boolean(filter.text || filter.tag || filter.from || filter.to);
  return (
    <form
      className="journal-filters"
      role="search"
      aria-label="Find entries"
      onSubmit={(e) => e.preventDefault()}
    >
      <TextField
        label="Words"
        type="search"
        value={filter.text ?? ''}
        onChange={(e) => set({ text: e.target.value })}
        data-testid="filter-text"
      />
      <SelectField
        label="Emotion"
        value={filter.tag ?? ''}
        onChange={(e) => set({ tag: e.target.value || undefined })}
        options={[{ value: '', label: 'Any' }, ...tags.map((t) => ({ value: t, label: t }))]}
        data-testid="filter-tag"
      />
      <TextField
        label="From"
        type="date"
        value={filter.from ?? ''}
        onChange={(e) => set({ from: e.target.value || undefined })}
        data-testid="filter-from"
      />
      <TextField
        label="To"
        type="date"
        value={filter.to ?? ''}
        onChange={(e) => set({ to: e.target.value || undefined })}
        data-testid="filter-to"
      />
      {active ? (
        <Button variant="quiet" onClick={() => onChange({})}>
          Clear filters
        </Button>
      ) : null}
    </form>
  );
}
