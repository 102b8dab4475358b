// A list as it was at one moment, without copying it. A circle's messages (and the rows drawn
// from them) only grow at the end between rare reorders, and copying 100k of them for every new
// message cost more than showing it. A snapshot is the live array and a range of it; whoever
// owns the array promises never to change an item below any snapshot's end: it appends, or it
// starts a new array (see CircleLedger.messages).

/** What reading a list needs; arrays and snapshots both have it. */
export interface ReadableList<T> {
  readonly length: number;
  at(index: number): T | undefined;
}

export class ListSnapshot<T> implements ReadableList<T>, Iterable<T> {
  readonly length: number;

  private constructor(
    private readonly items: readonly T[],
    private readonly start: number,
    private readonly end: number,
  ) {
    this.length = end - start;
  }

  /** The list as it is now. */
  static of<T>(items: readonly T[]): ListSnapshot<T> {
    return new ListSnapshot(items, 0, items.length);
  }

  /** The same list from `index` on, without a copy (like slice(index), no negative index). */
  from(index: number): ListSnapshot<T> {
    return new ListSnapshot(
      this.items,
      Math.min(this.end, this.start + Math.max(0, index)),
      this.end,
    );
  }

  /** Like Array.prototype.at: negative indexes count from the end. */
  at(index: number): T | undefined {
    const i = index < 0 ? this.length + index : index;
    return i >= 0 && i < this.length ? this.items[this.start + i] : undefined;
  }

  /** A copy of part of the list, like Array.prototype.slice (negative indexes count from the end). */
  slice(start = 0, end = this.length): T[] {
    const clamp = (i: number) => Math.min(this.length, Math.max(0, i < 0 ? this.length + i : i));
    return this.items.slice(
      this.start + clamp(start),
      this.start + Math.max(clamp(start), clamp(end)),
    );
  }

  map<U>(f: (item: T, index: number) => U): U[] {
    const out = new Array<U>(this.length);
    for (let i = 0; i < this.length; i++) out[i] = f(this.items[this.start + i]!, i);
    return out;
  }

  *[Symbol.iterator](): Iterator<T> {
    for (let i = this.start; i < this.end; i++) yield this.items[i]!;
  }

  /** True when this is `earlier` with items added at the end only (so what was built from it can be extended). */
  extends(earlier: ListSnapshot<T>): boolean {
    return this.items === earlier.items && this.start === earlier.start && this.end >= earlier.end;
  }

  /** True when both show the same items of the same array. */
  sameAs(other: ListSnapshot<T>): boolean {
    return this.items === other.items && this.start === other.start && this.end === other.end;
  }
}
