import './measures.css';
import { useId } from 'react';
import { HelpResources } from '../../safety/HelpResources';

/**
 * Shown at once when an answer tells of thoughts of self-harm: a kind line and the crisis lines
 * for the person's region. Nothing is sent anywhere; the answer stays on this computer.
 */
export function SupportNow() {
  const titleId = useId();
  return (
    <section className="support-now get-help" aria-labelledby={titleId} data-testid="support-now">
      <h4 id={titleId} className="support-now__title">
        You do not have to carry this alone
      </h4>
      <p>
        Thank you for answering honestly. Thoughts like these can be very heavy. Please reach out
        today to someone who can help: a crisis line below, your doctor, or a person you trust. If
        you might act on these thoughts, call your emergency number now.
      </p>
      <p className="field__hint">
        Your answer stays on this computer. Nothing is sent or shared with anyone.
      </p>
      <HelpResources />
    </section>
  );
}
