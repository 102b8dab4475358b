// Which version of a circle's guidelines this person accepted on this device, so the gate in front
// of the composer shows again when facilitators change them. Kept in localStorage by the circle's
// local id (random per device) and the guidelines record's hash ('default' for the default text):
// nothing of the circle's content.
import { useCallback, useState } from 'react';
import { readDevicePreference, writeDevicePreference } from '../safety/device-preference';

const key = (localId: string) => `hearth.guidelinesAccepted.${localId}`;

/** Whether `version` of a circle's guidelines was accepted here, and a way to accept it. */
export function useGuidelinesAcceptance(localId: string, version: string) {
  const [acceptedNow, setAcceptedNow] = useState<string | null>(() =>
    readDevicePreference(key(localId)),
  );
  const accept = useCallback(() => {
    writeDevicePreference(key(localId), version);
    setAcceptedNow(version);
  }, [localId, version]);
  return { accepted: acceptedNow === version, accept };
}
