// The unread count on the dock, taskbar or tray. Pure apart from its ports (main.ts supplies
// Electron's app.setBadgeCount, the taskbar overlay and the tray), so what each platform is
// shown is unit-tested. It shows a number and nothing else: no circle, no name, no words.

export interface UnreadBadgePorts {
  readonly platform: string;
  /** Electron's app.setBadgeCount: false where the platform has no badge. */
  setBadgeCount(count: number): boolean;
  /** Sets the tray icon's tooltip, if there is a tray. */
  setTrayTooltip(text: string): void;
  /**
   * Windows: the taskbar button's overlay (BrowserWindow.setOverlayIcon), a plain dot with
   * `description` for screen readers; null takes it away.
   */
  setTaskbarOverlay(description: string | null): void;
}

/** The tray tooltip for `count` unread messages: "Hearth" alone at 0. */
export function trayTooltip(count: number): string {
  return count === 0 ? 'Hearth' : `Hearth: ${count} unread`;
}

export class UnreadBadge {
  private count = 0;

  constructor(private readonly ports: UnreadBadgePorts) {}

  /** What the tray's tooltip should say now (for a tray made after the count was shown). */
  get tooltip(): string {
    return trayTooltip(this.count);
  }

  /**
   * Shows `count` (already validated by the IPC contract: an integer 0..99999). macOS and Linux
   * desktops that have one get the dock or launcher badge. Windows has no badge count: its
   * taskbar button gets an overlay dot whose description says the number (a 16-pixel overlay
   * cannot hold a legible one). The tray's tooltip always follows too, so it never shows a stale
   * number, and carries it wherever setBadgeCount is refused.
   */
  show(count: number): void {
    if (this.ports.platform === 'win32') {
      if (count !== this.count)
        this.ports.setTaskbarOverlay(count === 0 ? null : `${count} unread`);
    } else this.ports.setBadgeCount(count);
    this.count = count;
    this.ports.setTrayTooltip(trayTooltip(count));
  }

  /** The app locked or its page went away: nothing is waiting that anyone may count. */
  clear(): void {
    this.show(0);
  }
}
