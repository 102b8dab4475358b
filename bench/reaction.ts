// reactionDeliveryP50Ms (issue 19): a reaction put on a message in one app until its chip is
// rendered under that message in the other. Timed as delivery is (bench/peers.ts): the watch is
// in place before, the reaction is sent from a timer after the DevTools call has answered, and
// the send time is fetched afterwards. Each reaction goes on a newly arrived message, so the
// message is on screen (the list renders only the rows in view).
import {
  api,
  closePeer,
  percentile,
  round,
  sendLater,
  twoInCircle,
  visibleAt,
  watchFor,
} from './peers';

export const REACTION_TARGETS = { reactionDeliveryP50Ms: '≤ 5', reactionDeliveryP95Ms: '' };

/** Times (ms) of `reactions` reactions, each from the send in A to its chip in B. */
export async function measureReactionDelivery(url: string, reactions: number): Promise<number[]> {
  const { a, b, aId } = await twoInCircle(url);
  try {
    const times: number[] = [];
    // One untimed round first, as delivery sends one warm-up message.
    for (let i = -1; i < reactions; i++) {
      const text = `react to me ${i}`;
      const target = await api(a.page).run(
        async (app, [id, text]) => {
          await app.sendMessage(id, text);
          const messages = app.circleView(id)!.messages;
          const { author, id: messageId } = messages.at(messages.length - 1)!;
          return { author, id: messageId };
        },
        [aId, text] as const,
      );
      await visibleAt(b.page, text);
      const seen = await watchFor(b.page, text, 120_000, true);
      const sentAt = await sendLater(
        a.page,
        (app, [id, target]) => app.react(id, target, '🙏', true),
        [aId, target] as const,
      );
      const time = (await seen()) - (await sentAt());
      if (i >= 0) times.push(time);
    }
    return times;
  } finally {
    await Promise.all([closePeer(a), closePeer(b)]);
  }
}

/** reactionDeliveryP50Ms and P95 over `reactions` reactions (at least 30 for a median worth having). */
export async function benchReactionDelivery(
  url: string,
  log: (line: string) => void,
  reactions = 40,
): Promise<Record<string, number>> {
  log('Reaction delivery…');
  const times = await measureReactionDelivery(url, reactions);
  return {
    reactionDeliveryP50Ms: round(percentile(times, 50)),
    reactionDeliveryP95Ms: round(percentile(times, 95)),
  };
}
