// Stands in for lib0/broadcastchannel inside y-webrtc (see vite.config.ts). y-webrtc mirrors
// every update to other tabs of the same browser profile through a BroadcastChannel, and to the
// page itself: lib0's publish also calls the page's own subscribers. On opening a circle that
// echo made the page encode its whole history, encrypt it, send it to itself and apply it again.
// Hearth has one window per profile (one vault, one database), so there is no tab to sync with;
// peers, including a second tab, meet over WebRTC like everyone else.

type Subscriber = (data: ArrayBuffer, origin: unknown) => void;

export const subscribe = (_room: string, f: Subscriber): Subscriber => f;
export const unsubscribe = (_room: string, _f: Subscriber): boolean => true;
export const publish = (_room: string, _data: ArrayBuffer, _origin: unknown = null): void => {};
