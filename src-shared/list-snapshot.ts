// A list as it was at one moment, without copying it. A circle's messages (and the rows drawn
// from them) only grow at the end between rare reorders, and copying 100k of them for every new
// message cost more than showing it. A snapshot is the live array and its length then; whoever
// owns the array promises never to change an item below any snapshot's length: it appends, or
// it starts a new array (see CircleLedger.messages).

/** What reading a list needs; arrays and snapshots both have it. */
export interface ReadableList<T> {
  readonly length: number;
  at(index: number): T | undefined;
}

export class ListSnapshot<T> implements ReadableList<T>, Iterable<T> {
  private constructor(
    private readonly items: readonly T[],
    readonly length: number,
  ) {}

  /** The list as it is now. */
  static of<T>(items: readonly T[]): ListSnapshot<T> {
    return new ListSnapshot(items, items.length);
  }

  /** Like Array.prototype.at: negative indexes count from the end. */
  at(index: number): T | undefined {
    const i = index < 0 ? this.length + index : index;
    return i >= 0 && i < this.length ? this.items[i] : undefined;
  }

  /** A copy of part of the list, like Array.prototype.slice (no negative indexes). */
  slice(start = 0, end = this.length): T[] {
    return this.items.slice(Math.max(0, start), Math.min(end, this.length));
  }

  map<U>(f: (item: T, index: number) => U): U[] {
    const out = new Array<U>(this.length);
    for (let i = 0; i < this.length; i++) out[i] = f(this.items[i]!, i);
    return out;
  }

  *[Symbol.iterator](): Iterator<T> {
    for (let i = 0; i < this.length; i++) yield this.items[i]!;
  }

  /** True when this is `earlier` with items added at the end only (so what was built from it can be extended). */
  extends(earlier: ListSnapshot<T>): boolean {
    return this.items === earlier.items && this.length >= earlier.length;
  }
}
