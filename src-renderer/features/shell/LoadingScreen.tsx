import { Screen } from '../../ui/Screen';
import { Spinner } from '../../ui/Spinner';

/** Shown while Hearth starts or reads its vault. */
export function LoadingScreen({ message = 'Opening Hearth…' }: { message?: string }) {
  return (
    <Screen title="Hearth">
      <Spinner label={message} />
    </Screen>
  );
}
