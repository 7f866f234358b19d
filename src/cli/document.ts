/**
 * A document (an array of logs, or a list page) read item by item: the scanner tells where each
 * item starts and ends, and each is handed on as soon as it is complete, so memory is bounded by
 * the largest item, not the document. Of a list page, its own fields (`object`, `first_id`, ...)
 * are kept, without the items, to be judged once the page ends.
 */
import type { ItemEvents } from './scanner.js';

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

  constructor(
    /** The longest item held: a longer one is reported by its size. */
    private readonly limit: number,
    /** The lines of the value before the current one, which the reader holds until the items' array opens. */
    private readonly before: () => readonly string[],
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
  }

  /** The line about to be scanned, from `from`. */
  beginLine(text: string, from: number): void {
    this.text = text;
    this.ownFieldsFrom = from;
    if (this.itemFrom !== -1 || this.item.length > 0) this.itemFrom = from;
  }

  /** The scanned line went on to `to` without ending the value: what is open keeps its part of it. */
  endLine(to: number): void {
    if (!this.active) return;
    if (this.itemFrom !== -1) this.hold(this.text.slice(this.itemFrom, to), true);
    else if (!this.inItems) this.ownFields?.push(this.text.slice(this.ownFieldsFrom, to));
  }

  /** The document is a list page (else an array of logs). */
  get isPage(): boolean {
    return !this.isArray;
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
    // An array's own text is nothing but its items: only a page keeps what surrounds them.
    if (!this.isArray)
      this.ownFields = [
        ...(this.active ? (this.ownFields ?? []) : this.before()),
        this.text.slice(this.ownFieldsFrom, at),
      ];
    this.active = true;
    this.inItems = true;
  }

  itemStart(at: number, line: number): void {
    this.itemFrom = at;
    this.itemLine = line;
    this.item = [];
    this.itemSize = 0;
  }

  itemEnd(at: number): void {
    this.hold(this.text.slice(this.itemFrom, at), false);
    const text = this.itemSize > this.limit ? undefined : this.item.join('\n');
    const item = { text, size: this.itemSize, line: this.itemLine, index: this.index++ };
    this.item = [];
    this.itemSize = 0;
    this.itemFrom = -1;
    this.onItem(item);
  }

  itemsClose(at: number): void {
    this.inItems = false;
    this.ownFieldsFrom = at;
  }

  private hold(part: string, lineGoesOn: boolean): void {
    this.itemSize += part.length + (lineGoesOn ? 1 : 0);
    if (this.itemSize <= this.limit) this.item.push(part);
    else this.item = [];
  }
}
