import type { ReactNode } from 'react';
import { DEFAULT_GUIDELINES } from '../../../src-shared/circle/moderation';
import type { CircleView } from '../../services/types';
import { Button } from '../../ui/Button';
import { PEER_SUPPORT_LINE } from '../safety/GetHelpDialog';
import { useGuidelinesAcceptance } from './guidelines-acceptance';

interface GuidelinesGateProps {
  localId: string;
  circleName: string;
  guidelines: CircleView['guidelines'];
  myKey: string;
  /** Facilitators keep the guidelines; they are not stopped by them. */
  facilitator: boolean;
  /** The composer: shown once the guidelines are accepted. */
  children: ReactNode;
}

/**
 * The circle's guidelines in place of the composer until this person accepts them (again when
 * they change). Whoever wrote the current guidelines has accepted them by writing them.
 */
export function GuidelinesGate({
  localId,
  circleName,
  guidelines,
  myKey,
  facilitator,
  children,
}: GuidelinesGateProps) {
  const version = guidelines?.hash ?? 'default';
  const { accepted, accept } = useGuidelinesAcceptance(localId, version);
  if (accepted || facilitator || guidelines?.by === myKey) return <>{children}</>;
  return (
    <section
      className="guidelines-gate"
      aria-label="Circle guidelines"
      data-testid="guidelines-gate"
    >
      <h3 className="guidelines-gate__title">
        {guidelines ? `${circleName}'s guidelines` : 'Before you write'}
      </h3>
      <p className="guidelines__text">{guidelines?.text ?? DEFAULT_GUIDELINES}</p>
      <p className="guidelines__note">{PEER_SUPPORT_LINE}</p>
      <div className="actions">
        <Button variant="primary" onClick={accept} data-testid="guidelines-accept">
          I'll follow these
        </Button>
      </div>
    </section>
  );
}
