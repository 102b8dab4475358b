import { useId } from 'react';

/** What is running: a label, and how far along it is (0..1), or null when that is unknown. */
export interface ProgressValue {
  readonly label: string;
  readonly fraction: number | null;
}

/** A labelled progress bar; without a known fraction it shows a calm, indeterminate bar. */
export function ProgressBar({ progress }: { progress: ProgressValue }) {
  const labelId = useId();
  const percent =
    progress.fraction === null
      ? null
      : Math.round(Math.min(1, Math.max(0, progress.fraction)) * 100);
  return (
    <div className="progress">
      <p className="progress__label" id={labelId}>
        {progress.label}
      </p>
      <div
        className={
          percent === null ? 'progress__track progress__track--indeterminate' : 'progress__track'
        }
        role="progressbar"
        aria-labelledby={labelId}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        aria-valuetext={percent === null ? 'Working' : `${percent}%`}
      >
        <div
          className="progress__fill"
          style={percent === null ? undefined : { width: `${percent}%` }}
        />
      </div>
    </div>
  );
}
