// The guidelines a circle shows until a facilitator sets its own (a `guidelines` record, judged in
// moderation.ts). Plain text, short, in plain words; shown as text, never as markup.
/** What every circle agrees to when it has not written its own guidelines. */
export const DEFAULT_GUIDELINES = `Be kind. Listen first, and speak about your own experience rather than telling others what to do.

What is shared in this circle stays in this circle. Do not copy, screenshot or repeat it elsewhere.

Do not describe or give advice on methods of self-harm or suicide, even when asked.

Use a content warning when you write about something that may be hard to read, such as self-harm, suicide, abuse, eating, substances or grief.

Peer support is not crisis care. If you or someone here may be in danger now, call your local emergency number. "Get help now", on every screen of Hearth, lists crisis lines for your region.`;
