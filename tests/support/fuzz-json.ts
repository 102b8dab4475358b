// Structure-aware changes to JSON values for fuzzing (issue 16): a field deleted, added, or given
// a value of the wrong type or at an extreme, somewhere in a valid record, knock or answer. The
// result is what a member holding the keys could sign and send: well-formed JSON of the wrong shape.
import { below, pick, randomText } from './fuzz-mutate';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Nested `depth` deep: parsers and validators that recurse run out of stack on it. */
const deep = (depth: number): Json => JSON.parse('['.repeat(depth) + ']'.repeat(depth)) as Json;

/** Values of every JSON type, at the edges a validator must handle. */
function weirdValue(rand: () => number): Json {
  switch (below(rand, 14)) {
    case 0:
      return null;
    case 1:
      return pick(rand, [true, false]);
    case 2:
      return pick(rand, [
        0,
        -0,
        -1,
        1,
        0.5,
        2 ** 31,
        2 ** 32,
        2 ** 53,
        2 ** 53 + 2,
        1e308,
        -1e308,
        5e-324,
      ]);
    case 3:
      return '';
    case 4:
      return randomText(rand, 80);
    case 5:
      return 'x'.repeat(pick(rand, [64, 65, 500, 501, 4000, 4001, 12_000]));
    case 6:
      return [];
    case 7:
      return {};
    case 8:
      return deep(pick(rand, [100, 2000]));
    case 9:
      return JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{}}}') as Json;
    case 10:
      return Array.from({ length: pick(rand, [9, 65, 300]) }, () => 'AAAAAAAAAAAAAAAAAAAAAA');
    case 11:
      return pick(rand, ['genesis', 'message', 'admit', 'rekey', 'status', 'welcome', 'toString']);
    case 12:
      return 'A'.repeat(pick(rand, [21, 22, 23, 43, 44, 86]));
    default:
      return { [randomText(rand, 12)]: weirdValue(rand) };
  }
}

/** Every path to a value inside `value` (the root is the empty path). */
function pathsOf(value: Json, path: (string | number)[] = [], out: (string | number)[][] = []) {
  out.push(path);
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...path, i], out));
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) pathsOf(v, [...path, k], out);
  return out;
}

/** Defined, not assigned: assigning '__proto__' would set the prototype, not a key. */
function setOwn(target: object, key: string | number, value: Json): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/**
 * A copy of `value` with one change somewhere: a key removed, an unknown key added, a value
 * replaced by one of another type or at an extreme, or an array emptied or grown.
 */
export function mutateJson(rand: () => number, value: unknown): unknown {
  const root = JSON.parse(JSON.stringify(value)) as Json;
  const paths = pathsOf(root);
  const path = pick(rand, paths);
  if (path.length === 0) return rand() < 0.5 ? weirdValue(rand) : [root];
  const parent = path
    .slice(0, -1)
    .reduce<Json>((node, k) => (node as Record<string, Json>)[k]!, root);
  const key = path[path.length - 1]!;
  const container = parent as Record<string | number, Json>;
  switch (below(rand, 4)) {
    case 0:
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete container[key];
      break;
    case 1:
      if (Array.isArray(parent))
        parent.push(parent[below(rand, parent.length)] ?? weirdValue(rand));
      else
        setOwn(container, pick(rand, ['extra', '__proto__', 'sig', 'kind', 'v']), weirdValue(rand));
      break;
    default:
      setOwn(container, key, weirdValue(rand));
  }
  return root;
}
