// The WebRTC implementation Hearth hands simple-peer through its public `wrtc` option (y-webrtc
// passes `peerOpts` to simple-peer as they are): the platform's own, except that every data
// channel frames and paces (framed-channel.ts). This works the same in a page, in Electron and in
// Node with any bundler or none, because nothing is swapped at build time.
import type { ChannelGuard } from './channel-guard';
import { FramedDataChannel, type PlatformDataChannel } from './framed-channel';
import { guardOffers, type NegotiatingConnection } from './offer-guard';

/** A data-channel event as the platform delivers it and as simple-peer reads it. */
interface DataChannelEvent<C> {
  channel: C;
}

/** The part of a platform RTCPeerConnection that is changed here; the rest passes through. */
export interface PlatformPeerConnection {
  createDataChannel(label: string, init?: object): PlatformDataChannel;
  ondatachannel: ((event: DataChannelEvent<PlatformDataChannel>) => void) | null;
}

/**
 * A platform's WebRTC constructors, in the shape simple-peer's `wrtc` option takes: a page's
 * globals, or the `@roamhq/wrtc` module in Node.
 */
export interface WebrtcPlatform {
  RTCPeerConnection: new (config?: object) => PlatformPeerConnection;
  RTCSessionDescription: new (init: object) => object;
  RTCIceCandidate: new (init: object) => object;
}

/**
 * Wraps a platform connection so the channels it creates or receives are FramedDataChannels. A
 * Proxy rather than a subclass: @roamhq/wrtc defines `ondatachannel` on each instance (not
 * configurable), so a subclass cannot see it being set; and methods are bound to the real
 * connection, since Chromium's refuse to run on anything else ("Illegal invocation").
 */
function framedConnection(
  pc: PlatformPeerConnection,
  guardFor: GuardFactory | null,
): PlatformPeerConnection {
  let userOnDataChannel: PlatformPeerConnection['ondatachannel'] = null;
  const framed = (channel: PlatformDataChannel) =>
    new FramedDataChannel(channel, guardFor?.() ?? null) as unknown as PlatformDataChannel;
  const createDataChannel = (label: string, init?: object) =>
    framed(pc.createDataChannel(label, init));
  const bound = new Map<PropertyKey, unknown>();
  // Only one offer per connection, made or taken (offer-guard.ts says why).
  const guarded = guardOffers({
    createOffer: (options) => (pc as unknown as NegotiatingConnection).createOffer(options),
    setRemoteDescription: (d) => (pc as unknown as NegotiatingConnection).setRemoteDescription(d),
  });
  return new Proxy(pc, {
    get(target, key) {
      if (key === 'createDataChannel') return createDataChannel;
      if (key === 'createOffer') return guarded.createOffer;
      if (key === 'setRemoteDescription') return guarded.setRemoteDescription;
      if (key === 'ondatachannel') return userOnDataChannel;
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== 'function') return value;
      if (!bound.has(key)) bound.set(key, (value as (...a: unknown[]) => unknown).bind(target));
      return bound.get(key);
    },
    set(target, key, value: unknown) {
      if (key !== 'ondatachannel') return Reflect.set(target, key, value, target);
      const listener = value as PlatformPeerConnection['ondatachannel'];
      userOnDataChannel = listener;
      target.ondatachannel =
        listener === null ? null : (event) => listener({ channel: framed(event.channel) });
      return true;
    },
  });
}

/** Makes the guard of one new data channel (one per peer connection). */
export type GuardFactory = () => ChannelGuard;

/**
 * The platform's WebRTC with framed, paced data channels, for simple-peer's `wrtc` option. Every
 * data channel made through it delivers messages up to the framing limit whole, and, given a
 * guard factory, judges what the peer sends with a guard of its own (channel-guard.ts); the peer
 * at the other end must frame too.
 */
export function framedWebrtc(
  platform: WebrtcPlatform,
  guardFor: GuardFactory | null = null,
): WebrtcPlatform {
  const FramedPeerConnection = function (config?: object) {
    return framedConnection(new platform.RTCPeerConnection(config), guardFor);
  } as unknown as WebrtcPlatform['RTCPeerConnection'];
  return {
    RTCPeerConnection: FramedPeerConnection,
    RTCSessionDescription: platform.RTCSessionDescription,
    RTCIceCandidate: platform.RTCIceCandidate,
  };
}
