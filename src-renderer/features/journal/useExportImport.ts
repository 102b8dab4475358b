// Export and import as the person does them: choices, one running job, and a calm result line.
import { useState, type ChangeEvent } from 'react';
import { useHearth } from '../../app/HearthContext';
import type { DateRange, ExportFormat } from '../../services/journal/journal-types';

export function useExportImport() {
  const app = useHearth();
  const [format, setFormat] = useState<ExportFormat>('pdf');
  const [all, setAll] = useState(true);
  const [range, setRange] = useState<DateRange>(() => ({
    from: app.journal.today().slice(0, 8) + '01',
    to: app.journal.today(),
  }));
  const [result, setResult] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

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
      if (!all && (!range.from || !range.to || range.from > range.to))
        throw new Error('Please choose a start date on or before the end date.');
      const saved = await app.journal.exportTo(format, all ? null : range);
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
      return `Import finished: ${parts.join(', ')}.`;
    });
  };

  return { format, setFormat, all, setAll, range, setRange, exportNow, importFile, result, error };
}
