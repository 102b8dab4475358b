// How to answer someone who writes about suicide or self-harm: our own words, after the
// principles of #chatsafe (Orygen, https://www.orygen.org.au/chatsafe): take it seriously, ask
// directly, listen without judging, point to help, and look after yourself.

/** Short steps shown beside a message that mentions suicide or self-harm. */
export const RESPOND_STEPS: readonly string[] = [
  'Reply kindly and take it seriously. Thank them for trusting the circle with it.',
  'It is all right to ask directly whether they are thinking about suicide. Asking does not put the idea in their head; it shows you are listening.',
  'Listen more than you advise. Try not to argue, judge or promise to keep it a secret.',
  'Encourage them to talk to a crisis line or someone they trust, and share the support options.',
  'If they might be in danger right now, urge them to call their emergency number.',
  'Do not describe methods or details, and avoid words that make it sound like a solution.',
  'Look after yourself too. You do not have to handle this alone: tell a facilitator.',
];
