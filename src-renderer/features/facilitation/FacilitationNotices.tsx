import { memo } from 'react';
import type { Member } from '../../services/types';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { MemberName } from '../chat/MemberName';
import { knockSummary, nameOf } from './permissions';

interface FacilitationNoticesProps {
  knockCount: number;
  /** Reports sealed to this facilitator that nobody has answered. */
  openReports: number;
  onReviewReports: () => void;
  forkedAuthors: readonly string[];
  members: ReadonlyMap<string, Member>;
  /** `members` is updated in place: this is what tells the memo a name changed. */
  membersVersion: number;
  onReviewKnocks: () => void;
}

/**
 * What only facilitators are told: people asking to join (announced as it appears, since the
 * region is always there) and members whose records Hearth had to hide.
 */
export const FacilitationNotices = memo(function FacilitationNotices({
  knockCount,
  openReports,
  onReviewReports,
  forkedAuthors,
  members,
  onReviewKnocks,
}: FacilitationNoticesProps) {
  return (
    <div className="facilitation-notices">
      <div role="status" data-testid="knock-notice" data-count={knockCount}>
        {knockCount > 0 ? (
          <Banner tone="info">
            <div className="facilitation-notices__row">
              <p>{knockSummary(knockCount)}</p>
              <Button onClick={onReviewKnocks} data-testid="knock-review">
                See who is asking
              </Button>
            </div>
          </Banner>
        ) : null}
      </div>
      <div role="status" data-testid="report-notice" data-count={openReports}>
        {openReports > 0 ? (
          <Banner tone="info">
            <div className="facilitation-notices__row">
              <p>
                {openReports === 1
                  ? 'A member sent the facilitators a private report.'
                  : `Members sent the facilitators ${openReports} private reports.`}
              </p>
              <Button onClick={onReviewReports} data-testid="report-review">
                Read {openReports === 1 ? 'it' : 'them'}
              </Button>
            </div>
          </Banner>
        ) : null}
      </div>
      {forkedAuthors.length > 0 ? (
        <Banner tone="warning" data-testid="forked-authors">
          <p>
            Hearth hid records from{' '}
            {forkedAuthors.map((key, i) => (
              <span key={key}>
                {i > 0 ? (i === forkedAuthors.length - 1 ? ' and ' : ', ') : null}
                <MemberName name={nameOf(members, key)} memberKey={key} />
              </span>
            ))}{' '}
            that were signed twice with different content.
          </p>
          <p className="banner__detail">
            Everyone in the circle sees the same messages; the two versions are left out. It may be
            worth checking in with {forkedAuthors.length === 1 ? 'them' : 'each of them'}.
          </p>
        </Banner>
      ) : null}
    </div>
  );
});
