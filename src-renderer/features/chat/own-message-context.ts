import { createContext, useContext } from 'react';

/**
 * The circle whose messages are shown, while this person may still change their own there (a
 * member, not removed or gone): its local id, or null. Given by ChatView to every message row.
 */
export const OwnMessageCircle = createContext<string | null>(null);

/** The circle where the person may edit and delete their own messages, or null. */
export const useOwnMessageCircle = (): string | null => useContext(OwnMessageCircle);
