import type { HearthApp } from '../../services/types';
import { useHearth, useHearthSnapshot } from '../../app/HearthContext';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { sameList } from '../equality';
import { unwipedText } from './unwiped-text';

const selectUnwiped = (app: HearthApp) => app.unwipedCircles();
/**
 * Says which circles left with "delete my copy" are still on this device (the disk refused the
 * delete): the person believes them gone, so this must not pass unnoticed.
 */
export function UnwipedNotice() {
  const app = useHearth();
  const names = useHearthSnapshot(selectUnwiped, sameList);
  if (names.length === 0) return null;
  return (
    <Banner tone="warning" role="alert" title="A copy is still here" data-testid="unwiped-notice">
      <p>{unwipedText(names)}</p>
      <Button variant="quiet" onClick={() => app.dismissUnwipedCircles()}>
        OK
      </Button>
    </Banner>
  );
}
