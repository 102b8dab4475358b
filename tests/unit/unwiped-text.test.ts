// What the sidebar says about circles left with "delete my copy" whose copy is still on this device.
import { describe, expect, it } from 'vitest';
import { unwipedText } from '../../src-renderer/features/circles/unwiped-text';

describe('the notice for a copy still on this device', () => {
  it('names each circle, and says it is still listed to try again', () => {
    expect(unwipedText(['Evening circle'])).toBe(
      'Hearth could not delete “Evening circle” from this device. It is still listed, so that you can try again from there.',
    );
    const two = unwipedText(['Evening', 'Morning']);
    expect(two).toContain('“Evening” and “Morning”');
    expect(two).toContain('They are still listed');
  });
});
