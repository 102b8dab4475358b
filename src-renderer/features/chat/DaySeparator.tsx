import { memo } from 'react';
import { formatDay } from './format';

/** A heading between days, so screen-reader users can jump from day to day. */
export const DaySeparator = memo(function DaySeparator({ dayStart }: { dayStart: number }) {
  return (
    <h3 className="day-separator">
      <time dateTime={new Date(dayStart).toISOString().slice(0, 10)}>{formatDay(dayStart)}</time>
    </h3>
  );
});
