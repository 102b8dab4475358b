// Export and import as the person does them: choices, one running job, and a calm result line.
import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { useHearth } from '../../app/HearthContext';
import type { DateRange, ExportFormat } from '../../services/journal/journal-types';

export function useExportImport() {
  const app = useHearth();
  const [format, setFormat] = useState<ExportFormat>('pdf');
  const [all, setAll] = useState(true);
  const [withEntries, setWithEntries] = useState(true);
  const [range, setRangeState] = useState<DateRange>(() => ({
    from: app.journal.today().slice(0, 8) + '01',
    to: app.journal.today(),
  }));
  const [result, setResult] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** The line that says how it went; brought into view, since it may be below the fold. */
  const outcome = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (result !== null || error !== null) outcome.current?.scrollIntoView({ block: 'nearest' });
  }, [result, error]);

  const setRange = (next: DateRange) => {
    setRangeState(next);
    // The range's message goes as soon as the range is fixed.
    if (error !== null && rangeProblem(false, next) === null) setError(null);
  };

  const run = async (task: () => Promise<string>) => {
    setResult(null);
    setError(null);
    try {
      setResult(await task());
    } catch (e) {
      setError((e as Error).message || 'That did not work. Please try again.');
    }
  };

  const exportNow = () =>
    run(async () => {
      const problem = rangeProblem(all, range);
      if (problem !== null) throw new Error(problem);
      const saved = await app.journal.exportTo(format, all ? null : range, withEntries);
      return saved ? 'Your export is ready.' : 'Export cancelled. Nothing was saved.';
    });

  const importFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = ''; // choosing the same file again still imports
    if (!file) return;
    void run(async () => {
      const r = await app.journal.importJson(new Uint8Array(await file.arrayBuffer()));
      if (!r.ok) throw new Error(r.message);
      const parts = [`${r.added} new`, `${r.updated} updated`, `${r.unchanged} already here`];
      if (r.keptNewer > 0) parts.push(`${r.keptNewer} kept as edited here (newer than the file)`);
      if (r.measuresAdded > 0)
        parts.push(
          `${r.measuresAdded} new questionnaire ${r.measuresAdded === 1 ? 'result' : 'results'}`,
        );
      return `Import finished: ${parts.join(', ')}.`;
    });
  };

  return {
    format,
    setFormat,
    withEntries,
    setWithEntries,
    all,
    setAll: (next: boolean) => {
      setAll(next);
      if (error !== null && rangeProblem(next, range) === null) setError(null);
    },
    range,
    setRange,
    exportNow,
    importFile,
    result,
    error,
    outcome,
  };
}

/** Why the chosen dates cannot be exported, or null when they can. */
function rangeProblem(all: boolean, range: DateRange): string | null {
  if (all || (range.from && range.to && range.from <= range.to)) return null;
  return 'Please choose a start date on or before the end date.';
}
