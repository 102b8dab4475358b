import { useId } from 'react';
import {
  MAX_PASSPHRASE_SCORE,
  MIN_PASSPHRASE_SCORE,
  type PassphraseStrength,
} from '../../services/vault/passphrase-strength';
import './vault.css';

/** Words for each zxcvbn score: said plainly, never alarming. */
const SCORE_WORDS = [
  'Very easy to guess',
  'Easy to guess',
  'Could be guessed',
  'Strong',
  'Very strong',
] as const;

/**
 * How hard the passphrase being chosen is to guess: a meter (role=meter, its value said in
 * words) and a line of text, so nothing is told by colour alone.
 */
export function PassphraseMeter({
  strength,
  typed,
}: {
  strength: PassphraseStrength | null;
  typed: boolean;
}) {
  const labelId = useId();
  const score = strength?.score ?? 0;
  const words = strength === null ? null : SCORE_WORDS[score];
  const enough = strength !== null && score >= MIN_PASSPHRASE_SCORE;
  const advice =
    strength === null
      ? null
      : (strength.warning ??
        (enough ? null : (strength.suggestions[0] ?? 'Adding a few more words helps.')));
  const valueText =
    words === null
      ? 'Not measured yet'
      : `${words}${enough ? ', strong enough' : ', not strong enough yet'}`;
  return (
    <div className="passphrase-meter" data-testid="passphrase-meter">
      <p className="passphrase-meter__label" id={labelId}>
        How hard to guess
      </p>
      <div
        className={`passphrase-meter__track${enough ? ' passphrase-meter__track--enough' : ''}`}
        role="meter"
        aria-labelledby={labelId}
        aria-valuemin={0}
        aria-valuemax={MAX_PASSPHRASE_SCORE}
        aria-valuenow={score}
        aria-valuetext={valueText}
        data-testid="passphrase-meter-bar"
        data-score={strength === null ? undefined : score}
      >
        {Array.from({ length: MAX_PASSPHRASE_SCORE }, (_, i) => (
          <span
            key={i}
            className={`passphrase-meter__step${strength !== null && i < score ? ' passphrase-meter__step--on' : ''}`}
          />
        ))}
      </div>
      <p className="passphrase-meter__text" aria-live="polite" data-testid="passphrase-meter-text">
        {!typed
          ? `Type one to see how hard it is to guess. Hearth asks for at least “${SCORE_WORDS[MIN_PASSPHRASE_SCORE]}”.`
          : words === null
            ? 'Checking…'
            : `${words}.${enough ? ' Good to use.' : ''}${advice ? ` ${advice}` : ''}`}
      </p>
    </div>
  );
}
