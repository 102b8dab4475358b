import { ProgressBar } from '../../ui/ProgressBar';
import { useVaultProgress } from './useVaultProgress';

/** The progress of key derivation, which takes a moment on purpose. */
export function VaultBusy({ fallbackLabel }: { fallbackLabel: string }) {
  const progress = useVaultProgress();
  return <ProgressBar progress={progress ?? { label: fallbackLabel, fraction: null }} />;
}
