// One negotiation per connection: after offer glare, a second offer applied to a connection that
// already offered (or already took an offer) made a connection that opened and carried nothing.
import { describe, expect, it } from 'vitest';
import { guardOffers, type NegotiatingConnection } from '../../src-shared/sync/offer-guard';

/** A connection that records the descriptions applied to it. */
function connection() {
  const applied: string[] = [];
  const pc: NegotiatingConnection = {
    createOffer: () => Promise.resolve({ type: 'offer', sdp: 'v=0' }),
    setRemoteDescription: (d) => {
      applied.push(d.type ?? '');
      return Promise.resolve();
    },
  };
  return { pc, applied };
}

describe('guardOffers', () => {
  it('refuses an offer to a connection that made one (glare), and applies nothing', async () => {
    const { pc, applied } = connection();
    const guarded = guardOffers(pc);
    await guarded.createOffer();
    await expect(guarded.setRemoteDescription({ type: 'offer' })).rejects.toThrow(/second offer/);
    // The answer to its own offer still goes through.
    await guarded.setRemoteDescription({ type: 'answer' });
    expect(applied).toEqual(['answer']);
  });

  it('takes one offer, and refuses the next (from a peer that started over)', async () => {
    const { pc, applied } = connection();
    const guarded = guardOffers(pc);
    await guarded.setRemoteDescription({ type: 'offer' });
    await expect(guarded.setRemoteDescription({ type: 'offer' })).rejects.toThrow(/second offer/);
    expect(applied).toEqual(['offer']);
  });

  it('refuses an offer arriving while its own offer is still being made', async () => {
    const { pc, applied } = connection();
    const guarded = guardOffers(pc);
    const offering = guarded.createOffer();
    await expect(guarded.setRemoteDescription({ type: 'offer' })).rejects.toThrow(/second offer/);
    await offering;
    expect(applied).toEqual([]);
  });
});
