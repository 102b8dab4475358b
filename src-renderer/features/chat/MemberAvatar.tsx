import { memo } from 'react';
import { AVATAR_SIZE, memberAvatar } from '../../../src-shared/circle/member-avatar';
import { perMember } from './badge';
import './avatar.css';

/** A member's drawing, worked out once per member rather than once per message. */
const drawingFor = perMember(memberAvatar);

/**
 * A member's avatar, drawn from their key (member-avatar.ts) as an inline SVG: nothing is
 * loaded, and its colours are the theme's (chat.css, `.avatar--tone-*`). Decorative: it always
 * sits beside the name and badge, which say who it is in words.
 */
export const MemberAvatar = memo(function MemberAvatar({ memberKey }: { memberKey: string }) {
  const drawing = drawingFor(memberKey);
  if (!drawing) return null;
  return (
    <svg
      className={`avatar avatar--tone-${drawing.tone}`}
      viewBox={`-1 -1 ${AVATAR_SIZE + 2} ${AVATAR_SIZE + 2}`}
      aria-hidden="true"
      focusable="false"
      data-testid="avatar"
    >
      {drawing.cells.map((filled, i) =>
        filled ? (
          <rect
            key={i}
            x={i % AVATAR_SIZE}
            y={Math.floor(i / AVATAR_SIZE)}
            width={1.02}
            height={1.02}
          />
        ) : null,
      )}
    </svg>
  );
});
