// A seeded generator of hostile IPC payloads: wrong types, nasty strings, oversized bytes,
// prototype keys and valid payloads with one field spoiled. Used to fuzz every main-process
// channel (tests/unit/main-ipc-guard.test.ts).

const NASTY_STRINGS = [
  '',
  ' ',
  '../../etc/passwd',
  '..\\..\\windows\\system32',
  'C:\\x.md',
  '/tmp/x.md',
  'x.md\u0000.exe',
  'CON.md',
  '.bashrc',
  'report.exe',
  'javascript:alert(1)',
  'file:///etc/passwd',
  'data:text/html,<script>alert(1)</script>',
  'ws://u:p@evil.example/',
  'hearth://join/../../x',
  '<img src=x onerror=alert(1)>',
  '\u202eexe.md',
  'x'.repeat(5000),
  '__proto__',
  'constructor',
];

/** Over every byte limit but the export's; allocated once (allocation, not parsing, was the cost). */
const BIG_BYTES = new Uint8Array(2_000_000);

function junkValue(rand: () => number, depth = 0): unknown {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  switch (Math.floor(rand() * (depth > 2 ? 7 : 10))) {
    case 0:
      return pick([null, undefined, true, false, NaN, Infinity, -1, 0, 2 ** 53, -0.5]);
    case 1:
      return pick(NASTY_STRINGS);
    case 2:
      return Math.floor(rand() * 1e6) - 5e5;
    case 3:
      return Math.floor(rand() * 4) === 0 ? BIG_BYTES : new Uint8Array(Math.floor(rand() * 80));
    case 4:
      return String.fromCharCode(
        ...Array.from({ length: Math.floor(rand() * 20) }, () => Math.floor(rand() * 0xffff)),
      );
    case 5:
      return pick([() => 1, Symbol('x'), new Date(0), /x/, new Map()]);
    case 6:
      return Object.create(null) as object;
    case 7:
      return Array.from({ length: Math.floor(rand() * 4) }, () => junkValue(rand, depth + 1));
    default: {
      const keys = [
        'suggestedName',
        'mimeType',
        'bytes',
        'html',
        'urls',
        'wrapped',
        'backend',
        'circleName',
        'text',
        'autoLockMinutes',
        'trayIcon',
        'reload',
        '__proto__',
        'extra',
      ];
      const obj: Record<string, unknown> = {};
      // Own properties, as JSON.parse and structured clone make them: `obj.__proto__ = x`
      // would set the prototype instead, which nothing crossing IPC can do.
      for (let i = Math.floor(rand() * 5); i > 0; i--) {
        Object.defineProperty(obj, pick(keys), {
          value: junkValue(rand, depth + 1),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return obj;
    }
  }
}

/** Junk argument lists: wrong arity, junk in the right slot, and valid payloads with one field spoiled. */
export function junkArgs(rand: () => number, valid: unknown[]): unknown {
  const kind = Math.floor(rand() * 4);
  if (kind === 0) return junkValue(rand); // not even an array
  if (kind === 1) return Array.from({ length: Math.floor(rand() * 4) }, () => junkValue(rand));
  if (kind === 2) return [...valid, junkValue(rand)]; // one smuggled argument too many
  const first = valid[0];
  if (typeof first !== 'object' || first === null || first instanceof Uint8Array)
    return [junkValue(rand)];
  const keys = Object.keys(first);
  const spoilt: Record<string, unknown> = { ...first };
  spoilt[keys[Math.floor(rand() * keys.length)] ?? 'x'] = junkValue(rand);
  return [spoilt];
}

/** Whether a schema takes `value`; a schema that throws on it (hostile prototypes) does not. */
export function accepts(
  schema: { safeParse(v: unknown): { success: boolean } },
  value: unknown,
): boolean {
  try {
    return schema.safeParse(value).success;
  } catch {
    return false;
  }
}
