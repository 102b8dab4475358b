import { Button } from '../../ui/Button';
import { Screen } from '../../ui/Screen';

/** Hearth could not start. Says so plainly, offers a retry, and keeps the technical detail folded away. */
export function StartupErrorScreen({ error }: { error: unknown }) {
  const detail = error instanceof Error ? error.message : String(error);
  return (
    <Screen title="Hearth could not start">
      <p role="alert">
        Something went wrong while opening Hearth. Nothing you wrote has been changed.
      </p>
      <p>
        Trying again often helps. If it keeps happening, close Hearth completely and open it again.
      </p>
      <div className="actions">
        <Button variant="primary" onClick={() => window.location.reload()}>
          Try again
        </Button>
      </div>
      {detail ? (
        <details className="details">
          <summary>Technical details</summary>
          <pre className="details__text">{detail}</pre>
        </details>
      ) : null}
    </Screen>
  );
}
