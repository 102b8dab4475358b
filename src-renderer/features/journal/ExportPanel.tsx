import { useId } from 'react';
import {
  EXPORT_TYPES,
  needsSupportNow,
  SELF_HARM_ITEM_TEXT,
  type ExportFormat,
} from '../../../src-shared/journal';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { CheckboxField } from '../../ui/CheckboxField';
import { TextField } from '../../ui/TextField';
import { useMeasureResults } from './measures/useMeasures';
import { useExportImport } from './useExportImport';

const FORMAT_HINTS: Record<ExportFormat, string> = {
  pdf: 'To read or print: your mood chart and questionnaire scores, then every entry.',
  markdown: 'One readable text file, for notes apps: questionnaire scores, then every entry.',
  csv: 'One row per entry and per questionnaire result, for a spreadsheet.',
  json: 'A complete copy that Hearth can import again.',
};

/** Take the journal away (all or some dates, four formats), or bring a JSON export back in. */
export function ExportPanel() {
  const x = useExportImport();
  const formatName = useId();
  const rangeName = useId();
  const importId = useId();
  const results = useMeasureResults();
  const answeredQuestion9 = results.some((r) => needsSupportNow(r.instrument, r.answers));

  return (
    <div className="stack">
      <section className="stack" aria-labelledby={`${formatName}-title`}>
        <h3 id={`${formatName}-title`}>Export</h3>
        <p>Exports are not encrypted. Keep the file somewhere private.</p>
        {answeredQuestion9 ? (
          <p className="field__hint" data-testid="export-question-9">
            Where you answered PHQ-9 question 9 ({SELF_HARM_ITEM_TEXT}) above “Not at all”, the file
            says so beside that result, because a doctor or therapist would want to know. Anyone you
            give the file to will see it.
          </p>
        ) : null}
        <fieldset className="journal-options">
          <legend className="field__label">Format</legend>
          {(Object.keys(FORMAT_HINTS) as ExportFormat[]).map((f) => (
            <label key={f} className="journal-option">
              <input
                type="radio"
                name={formatName}
                checked={x.format === f}
                onChange={() => x.setFormat(f)}
                data-testid={`export-format-${f}`}
              />
              <span>
                <strong>{EXPORT_TYPES[f].label}</strong> — {FORMAT_HINTS[f]}
              </span>
            </label>
          ))}
        </fieldset>
        {x.format === 'pdf' ? (
          <CheckboxField
            label="Include the text of my entries"
            hint="Turn this off for a short summary to bring to a doctor or therapist: your mood chart and questionnaire scores, without your writing."
            checked={x.withEntries}
            onChange={x.setWithEntries}
            testId="export-with-entries"
          />
        ) : null}
        <fieldset className="journal-options">
          <legend className="field__label">Which entries</legend>
          <label className="journal-option">
            <input
              type="radio"
              name={rangeName}
              checked={x.all}
              onChange={() => x.setAll(true)}
              data-testid="export-all"
            />
            <span>All entries</span>
          </label>
          <label className="journal-option">
            <input
              type="radio"
              name={rangeName}
              checked={!x.all}
              onChange={() => x.setAll(false)}
              data-testid="export-range"
            />
            <span>Between two dates</span>
          </label>
          {!x.all ? (
            <div className="journal-editor__row">
              <TextField
                label="From"
                type="date"
                value={x.range.from}
                onChange={(e) => x.setRange({ ...x.range, from: e.target.value })}
                data-testid="export-from"
              />
              <TextField
                label="To"
                type="date"
                value={x.range.to}
                onChange={(e) => x.setRange({ ...x.range, to: e.target.value })}
                data-testid="export-to"
              />
            </div>
          ) : null}
        </fieldset>
        <div className="actions">
          <Button variant="primary" onClick={() => void x.exportNow()} data-testid="export-button">
            Export
          </Button>
        </div>
      </section>
      <section className="stack" aria-labelledby={`${importId}-title`}>
        <h3 id={`${importId}-title`}>Import</h3>
        <p>
          Bring back a JSON export from Hearth. Entries already here are not doubled; of two
          versions of an entry, the one edited last is kept.
        </p>
        <div className="field">
          <label className="field__label" htmlFor={importId}>
            Choose a JSON export
          </label>
          <input
            id={importId}
            type="file"
            accept=".json,application/json"
            className="journal-file"
            onChange={x.importFile}
            data-testid="import-file"
          />
        </div>
      </section>
      <div ref={x.outcome} className="stack stack--tight">
        <p role="status" className="journal-status" data-testid="export-result">
          {x.result}
        </p>
        <Alert message={x.error} testId="export-error" />
      </div>
    </div>
  );
}
