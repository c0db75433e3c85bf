/**
 * A chunk's `_bulk` lines as UTF-8, written one after another into byte blocks it owns, off the JS heap.
 *
 * Held as strings, a queued document's NDJSON (1.2 KB in the bench) outlived two young-generation collections while
 * it waited for its bulk, and was copied each time and then promoted: the collector cost the worker more than
 * JSON.stringify did (BENCHMARKS.md, "Worker CPU per document"). A line's string now dies as soon as it is encoded,
 * and what waits is bytes the collector never copies. Blocks start small and double (a chunk of one message takes
 * one small block), up to BLOCK_MAX_BYTES; a line longer than that gets a block of its own.
 */
const BLOCK_MIN_BYTES = 4 * 1024;
const BLOCK_MAX_BYTES = 1024 * 1024;

type NodeBufferApi = {
  allocUnsafeSlow(size: number): Uint8Array & { write(s: string, offset: number, encoding: "utf8"): number };
  byteLength(s: string, encoding: "utf8"): number;
};
const nodeBuffer = (globalThis as { Buffer?: NodeBufferApi }).Buffer;
const encoder = new TextEncoder();
const decoder = new TextDecoder();
const allocate = (size: number): Uint8Array => (nodeBuffer ? nodeBuffer.allocUnsafeSlow(size) : new Uint8Array(size));

/** Where one action's lines are: `bytes` bytes of `block` from `start`. */
export type EncodedLines = { block: Uint8Array; start: number; bytes: number };

export class NdjsonBlocks {
  private block: Uint8Array = allocate(0);
  private at = 0;
  private nextSize = BLOCK_MIN_BYTES;
  /** The block and offset of the text `encode` wrote last. */
  lastBlock: Uint8Array = this.block;
  lastStart = 0;

  /** Appends `text` as UTF-8 and returns its length in bytes (its place: lastBlock, lastStart). */
  encode(text: string): number {
    // UTF-8 takes at most 3 bytes per UTF-16 unit: only near a block's end is the exact length needed.
    const room = this.block.length - this.at;
    if (room < text.length * 3 && room < utf8Length(text)) {
      this.newBlock(utf8Length(text));
    }
    const written = writeUtf8(this.block, this.at, text);
    this.lastBlock = this.block;
    this.lastStart = this.at;
    this.at += written;
    return written;
  }

  private newBlock(atLeast: number): void {
    const size = Math.max(this.nextSize, atLeast);
    this.nextSize = Math.min(this.nextSize * 2, BLOCK_MAX_BYTES);
    this.block = allocate(size);
    this.at = 0;
  }
}

function utf8Length(s: string): number {
  return nodeBuffer ? nodeBuffer.byteLength(s, "utf8") : encoder.encode(s).length;
}

function writeUtf8(block: Uint8Array, at: number, text: string): number {
  if (nodeBuffer) {
    return (block as ReturnType<NodeBufferApi["allocUnsafeSlow"]>).write(text, at, "utf8");
  }
  return encoder.encodeInto(text, block.subarray(at)).written;
}

/** The text of encoded lines (previews, the dry run, tests: not the worker's hot path). */
export function linesText(l: EncodedLines): string {
  return decoder.decode(l.block.subarray(l.start, l.start + l.bytes));
}
