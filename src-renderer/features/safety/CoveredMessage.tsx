import type { WarningTopic } from '../../../src-shared/records/schema';
import { Button } from '../../ui/Button';
import { WARNING_LABELS } from './warning-topics';

/**
 * A message under a content warning, covered: the topic is shown, the text is not in the page
 * until the reader opens it (a click, or Enter on the button).
 */
export function CoveredMessage({ topic, onOpen }: { topic: WarningTopic; onOpen: () => void }) {
  return (
    <div className="covered" data-testid="covered-message">
      <div className="covered__blur" aria-hidden="true" />
      <p className="covered__topic">
        Content warning: <strong>{WARNING_LABELS[topic]}</strong>
      </p>
      <Button variant="secondary" onClick={onOpen} data-testid="open-covered">
        Show message
      </Button>
    </div>
  );
}
