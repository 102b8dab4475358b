// What the sidebar says about circles left with "delete my copy" whose copy is still on this device.
import { describe, expect, it } from 'vitest';
import { unwipedText } from '../../src-renderer/features/circles/unwiped-text';

describe('the notice for a copy still on this device', () => {
  it('names each circle, and says where it will be and what the person can do', () => {
    expect(unwipedText(['Evening circle'])).toBe(
      'Hearth could not delete “Evening circle” from this device. It is listed again, as a circle you left, so that you can delete its history from there.',
    );
    const two = unwipedText(['Evening', 'Morning']);
    expect(two).toContain('“Evening” and “Morning”');
    expect(two).toContain('They are listed again, as circles you left');
  });
});
