import { memo } from 'react';
import type { CircleView } from '../../services/types';
import { Banner } from '../../ui/Banner';
import { ProgressBar } from '../../ui/ProgressBar';
import { ConnectionBanner } from './ConnectionBanner';

type CircleNoticesProps = Pick<
  CircleView,
  'connection' | 'signalingUrls' | 'storageProblem' | 'syncing' | 'ignoredRecords'
>;

/**
 * Everything the circle needs to tell the person right now: connection, storage, catching up.
 * Memoized on those fields alone, so an arriving message does not re-render it.
 */
export const CircleNotices = memo(function CircleNotices(view: CircleNoticesProps) {
  return (
    <div className="notices">
      <ConnectionBanner connection={view.connection} signalingUrls={view.signalingUrls} />
      {view.storageProblem ? (
        <Banner
          tone="error"
          role="alert"
          title="Saving on this computer is paused"
          data-testid="storage-problem"
        >
          <p>{view.storageProblem}</p>
          <p>Nothing is lost. Hearth keeps trying by itself.</p>
        </Banner>
      ) : null}
      {view.syncing ? (
        <div className="notices__sync">
          <ProgressBar progress={view.syncing} />
        </div>
      ) : null}
      {view.ignoredRecords > 0 ? (
        <p className="notices__quiet">
          {view.ignoredRecords === 1
            ? 'One update from another device could not be verified and was left out.'
            : `${view.ignoredRecords} updates from other devices could not be verified and were left out.`}
        </p>
      ) : null}
    </div>
  );
});
