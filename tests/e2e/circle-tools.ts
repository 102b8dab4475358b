// Reaching the chat header's tools in end-to-end tests: a facilitator's are in the "Circle tools"
// menu; a member who sent a report has a Reports button of their own.
import type { Peer } from './harness';

export type CircleTool =
  'reports-button' | 'resources-button' | 'relay-button' | 'facilitator-log-button';

/** Opens `tool` as a person would: through the Circle tools menu when the page has one. */
export async function openCircleTool(peer: Peer, tool: CircleTool): Promise<void> {
  const menu = peer.page.getByTestId('circle-tools-button');
  // Whichever comes first once the header shows: the menu, or (a member's) Reports button.
  await menu.or(peer.page.getByTestId(tool)).first().waitFor();
  if ((await menu.isVisible()) && (await menu.getAttribute('aria-expanded')) !== 'true')
    await menu.click();
  await peer.page.getByTestId(tool).click();
}
