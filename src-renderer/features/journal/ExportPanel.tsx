import { useId } from 'react';
import { EXPORT_TYPES, type ExportFormat } from '../../../src-shared/journal';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/TextField';
import { useExportImport } from './useExportImport';

const FORMAT_HINTS: Record<ExportFormat, string> = {
  pdf: 'To read or print: your mood chart, then every entry.',
  markdown: 'One readable text file, for notes apps.',
  csv: 'One row per entry, for a spreadsheet.',
  json: 'A complete copy that Hearth can import again.',
};

/** Take the journal away (all or some dates, four formats), or bring a JSON export back in. */
export function ExportPanel() {
  const x = useExportImport();
  const formatName = useId();
  const rangeName = useId();
  const importId = useId();

  return (
    <div className="stack">
      <section className="stack" aria-labelledby={`${formatName}-title`}>
        <h3 id={`${formatName}-title`}>Export</h3>
        <p>Exports are not encrypted. Keep the file somewhere private.</p>
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
      <p role="status" className="journal-status" data-testid="export-result">
        {x.result}
      </p>
      <Alert message={x.error} testId="export-error" />
    </div>
  );
}
