/**
 * A BFS level held as a byte stream instead of JS objects: rows of unsigned
 * varints (7 bits a byte, as in protobuf) in 1 MiB pages outside the V8 heap.
 *
 * Why: a level of the default world at depth 14 holds millions of worlds, and as
 * objects each costs hundreds of bytes of heap (arrays, headers, pointers). A row
 * of small interned ids (world-codec.ts) costs a few dozen bytes. Rows are read in
 * the order written, exactly once, so a page is dropped as soon as the reader
 * leaves it: the level being expanded shrinks while the next one grows.
 *
 * A row never straddles two pages: the writer reserves the row's worst case
 * (5 bytes a value) first and starts a new page when it does not fit.
 */
import { assert } from "./assert.js";

const pageBytes = 1 << 20;
/** A uint32 takes at most 5 varint bytes. */
export const varintBytesMax = 5;

export class FrontierQueue {
  private readonly pages: Uint8Array[] = [];
  /** Bytes written in each page (its tail may be unused). */
  private readonly filled: number[] = [];
  private write: Uint8Array = new Uint8Array(0);
  private writeAt = 0;
  private readPage = 0;
  private readAt = 0;
  private rows = 0;
  private rowsRead = 0;
  private bytesHeld = 0;

  /** Rows written and not yet read. */
  get length(): number {
    return this.rows - this.rowsRead;
  }

  /** Bytes of pages still held. */
  get bytes(): number {
    return this.bytesHeld;
  }

  /** Starts a row of at most `valuesMax` values. */
  beginRow(valuesMax: number): void {
    const need = valuesMax * varintBytesMax;
    assert(need <= pageBytes, "frontier row larger than a page");
    if (this.writeAt + need > this.write.length) {
      this.write = new Uint8Array(pageBytes);
      this.pages.push(this.write);
      this.filled.push(0);
      this.writeAt = 0;
      this.bytesHeld += pageBytes;
    }
    this.rows++;
  }

  /** Appends one value (an integer in 0..2^32-1) to the row begun last. */
  put(value: number): void {
    assert(value >= 0 && value <= 0xffffffff && Number.isInteger(value), "frontier value outside uint32");
    const page = this.write;
    let at = this.writeAt;
    let v = value;
    while (v >= 0x80) {
      page[at++] = (v & 0x7f) | 0x80;
      v = Math.floor(v / 0x80);
    }
    page[at++] = v;
    this.writeAt = at;
    this.filled[this.filled.length - 1] = at;
  }

  /** Moves the reader to the next row; returns false when every row was read. */
  nextRow(): boolean {
    if (this.rowsRead >= this.rows) return false;
    // Past the end of a page, the next row starts on the next page (an empty row may sit at either).
    while (this.readAt >= (this.filled[this.readPage] ?? 0) && this.readPage + 1 < this.pages.length) {
      // Done with this page: let it go.
      this.pages[this.readPage] = new Uint8Array(0);
      this.bytesHeld -= pageBytes;
      this.readPage++;
      this.readAt = 0;
    }
    this.rowsRead++;
    return true;
  }

  /** The next value of the current row. */
  take(): number {
    const page = this.pages[this.readPage] as Uint8Array;
    let at = this.readAt;
    let value = 0;
    let scale = 1;
    for (;;) {
      const byte = page[at++] as number;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) break;
      scale *= 0x80;
    }
    this.readAt = at;
    return value;
  }
}
