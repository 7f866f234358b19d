/**
 * A document (an array of logs, or a list page) read item by item: the scanner tells where each
 * item starts and ends, and each is handed on as soon as it is complete, so memory is bounded by
 * the largest item, not the document. Of a list page, its own fields (`object`, `first_id`, ...)
 * are kept, without the items, to be judged once the page ends. For a broken item, it also keeps
 * what is needed to write the item as it was read: the white space before it on its line, and,
 * until an item is handed on, the document's own start (so that a document none of whose items
 * was read is written whole).
 */
import type { RawText } from './raw-text.js';
import type { ItemEvents } from './scanner.js';

const WHITE_SPACE = /^[ \t\r]*$/;

/** An item whose text is complete, waiting to be parsed. */
export interface CompleteItem {
  /** Its text, or `undefined` when it was too large to hold (`size` then says how large). */
  text: string | undefined;
  size: number;
  line: number;
  index: number;
}

export class DocumentBuffer implements ItemEvents {
  /** The scanner found the items' array: the value is read item by item. */
  active = false;
  /** A list page's own fields so far (the text of the value without its items), or `undefined` for an array. */
  private ownFields: string[] | undefined;
  private isArray = false;
  private ownFieldsFrom = 0;
  private inItems = false;
  /** The open item: its text so far, where it started, and where it starts in the current line. */
  private item: string[] = [];
  private itemSize = 0;
  private itemLine = 0;
  private itemFrom = -1;
  private index = 0;
  private text = '';
  /** The document's text up to its items' `[`, a piece per line, until an item is handed on; `undefined` when not held. */
  private opening: readonly string[] | undefined = [];
  /** The text since the items' `[` or the end of the last item, a piece per line (the last cut where the open item starts). */
  private frame: string[] = [];
  private frameSize = 0;
  private frameLost = false;
  /** Where the frame goes on in the current line; -1 while an item is open. */
  private frameFrom = -1;

  constructor(
    /** The longest item held: a longer one is reported by its size. */
    private readonly limit: number,
    /**
     * The lines of the value before the current one, which the reader holds until the items' array
     * opens (`undefined` when it stopped holding them: too large).
     */
    private readonly before: () => readonly string[] | undefined,
    /** Where each item goes as soon as it is complete. */
    private readonly onItem: (item: CompleteItem) => void,
  ) {}

  /** Starts on a value (an array when `isArray`). */
  reset(isArray: boolean): void {
    this.active = false;
    this.isArray = isArray;
    this.ownFields = undefined;
    this.inItems = false;
    this.item = [];
    this.itemSize = 0;
    this.itemFrom = -1;
    this.index = 0;
    this.opening = [];
    this.frame = [];
    this.frameSize = 0;
    this.frameLost = false;
    this.frameFrom = -1;
  }

  /** The line about to be scanned, from `from`. */
  beginLine(text: string, from: number): void {
    this.text = text;
    this.ownFieldsFrom = from;
    if (this.itemFrom !== -1 || this.item.length > 0) this.itemFrom = from;
    if (this.frameFrom !== -1) this.frameFrom = from;
  }

  /** The scanned line went on to `to` without ending the value: what is open keeps its part of it. */
  endLine(to: number): void {
    if (!this.active) return;
    if (this.itemFrom !== -1) {
      this.hold(this.text.slice(this.itemFrom, to), true);
      return;
    }
    if (!this.inItems) this.ownFields?.push(this.text.slice(this.ownFieldsFrom, to));
    if (this.frameFrom !== -1) this.holdFrame(this.text.slice(this.frameFrom, to));
  }

  /** The document is a list page (else an array of logs). */
  get isPage(): boolean {
    return !this.isArray;
  }

  /** Whether an item of the document was handed on (as a record or as unparseable). */
  get handedOn(): boolean {
    return this.index > 0;
  }

  /** Where the open item started, when one is open. */
  get openItemLine(): number | undefined {
    return this.itemFrom === -1 ? undefined : this.itemLine;
  }

  /** The value ended just before `at`: a list page's own fields, as JSON text (`data` empty), or `undefined` for an array. */
  ownFieldsText(at: number): string | undefined {
    if (this.ownFields === undefined) return undefined;
    this.ownFields.push(this.text.slice(this.ownFieldsFrom, at));
    return this.ownFields.join('\n');
  }

  itemsOpen(at: number): void {
    const before = this.active ? (this.ownFields ?? []) : this.before();
    const start = [...(before ?? []), this.text.slice(this.ownFieldsFrom, at)];
    // An array's own text is nothing but its items: only a page keeps what surrounds them.
    if (!this.isArray) this.ownFields = start;
    if (!this.active) this.opening = before === undefined ? undefined : [...start];
    this.active = true;
    this.inItems = true;
    this.restartFrame(at);
  }

  itemStart(at: number, line: number): void {
    this.itemFrom = at;
    this.itemLine = line;
    this.item = [];
    this.itemSize = 0;
    if (this.frameFrom !== -1) this.holdFrame(this.text.slice(this.frameFrom, at));
    this.frameFrom = -1;
  }

  itemEnd(at: number): void {
    this.hold(this.text.slice(this.itemFrom, at), false);
    const text = this.itemSize > this.limit ? undefined : this.item.join('\n');
    const item = { text, size: this.itemSize, line: this.itemLine, index: this.index++ };
    this.item = [];
    this.itemSize = 0;
    this.itemFrom = -1;
    // The item may not parse: what goes before its text (`lead`) is still there to be read.
    this.onItem(item);
    this.opening = [];
    this.restartFrame(at);
  }

  /** Into `raw`, what goes before the text of an item that did not parse: the document's start before its first item, else the white space before it on its line. */
  lead(raw: RawText, first: boolean): void {
    if (first) {
      if (this.opening === undefined || this.frameLost) return raw.lose();
      raw.lines(this.opening);
      raw.lines(this.frame);
      return;
    }
    const last = this.frame.length > 1 ? this.frame[this.frame.length - 1]! : '';
    if (WHITE_SPACE.test(last)) raw.add(last);
  }

  /**
   * Into `raw`, the document's text not handed on, through `to` on the current line (or through the
   * line before): the open item's, with what goes before it, or else what followed the last item
   * (from the document's start when no item was handed on).
   */
  unread(raw: RawText, to?: number): void {
    const open = this.itemFrom !== -1;
    if (open ? this.itemSize > this.limit : this.frameLost || this.opening === undefined) return raw.lose();
    if (open) this.lead(raw, this.index === 0);
    else if (this.index === 0) raw.lines(this.opening!);
    const from = open ? this.itemFrom : this.frameFrom;
    const pieces = [...(open ? this.item : this.frame)];
    if (to !== undefined && from !== -1) pieces.push(this.text.slice(from, to));
    // After an item, what is left of its last line is white space at most: not part of what broke.
    if (!open && this.index > 0 && pieces.length > 1 && WHITE_SPACE.test(pieces[0]!)) pieces.shift();
    raw.lines(pieces);
  }

  itemsClose(at: number): void {
    this.inItems = false;
    this.ownFieldsFrom = at;
  }

  private restartFrame(at: number): void {
    this.frame = [];
    this.frameSize = 0;
    this.frameLost = false;
    this.frameFrom = at;
  }

  /** Holds a piece of the frame: a line of it, or, when an item starts, the part of its line before it. */
  private holdFrame(part: string): void {
    this.frameSize += part.length + 1;
    if (this.frameSize > this.limit) {
      this.frameLost = true;
      this.frame = [];
    } else if (!this.frameLost) this.frame.push(part);
  }

  private hold(part: string, lineGoesOn: boolean): void {
    this.itemSize += part.length + (lineGoesOn ? 1 : 0);
    if (this.itemSize <= this.limit) this.item.push(part);
    else this.item = [];
  }
}
