import {
  closeSync,
  constants,
  existsSync,
  fdatasyncSync,
  fsyncSync,
  ftruncateSync,
  openSync,
  readFileSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';

/** A complete line of the journal, with its 1-based line number for messages. */
export interface JournalLine {
  number: number;
  text: string;
}

export interface JournalContents {
  lines: JournalLine[];
  /** Bytes up to and including the last newline: everything after it was never acknowledged. */
  completeBytes: number;
  /** True when a partial line follows the last newline, left by a write that was cut off. */
  tornTail: boolean;
}

/**
 * Room reserved ahead of the lines, as zero bytes. Overwriting bytes a file already has lets
 * fdatasync flush just the data, without the file-size change an append makes the file system
 * journal first: several times faster per save on ext4.
 */
const GROW_BYTES = 1024 * 1024;

/** Makes a newly created file's directory entry durable, where the platform allows opening a directory. */
function syncDirectory(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function writeAll(fd: number, bytes: Buffer, position: number): void {
  let written = 0;
  while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written, position + written);
}

/**
 * An append-only file of newline-terminated lines, followed by zero bytes reserved for the next
 * ones. A line counts only once its newline is on disk: `append` returns after fdatasync, so a
 * caller that acknowledges after it never acknowledges a line a crash can take back, and a line
 * cut off by a crash has no newline.
 */
export class Journal {
  private fd: number | undefined;
  /** Where the next line goes. */
  private end: number;
  /** The file's size, reserved zeros included. */
  private size: number;

  private constructor(
    readonly path: string,
    contents: JournalContents,
    size: number,
  ) {
    this.end = contents.completeBytes;
    this.size = size;
  }

  /** Reads the journal's complete lines; the journal appends after the last of them. */
  static open(file: string): { journal: Journal; contents: JournalContents } {
    if (!existsSync(file)) {
      const contents = { lines: [], completeBytes: 0, tornTail: false };
      return { journal: new Journal(file, contents, 0), contents };
    }
    const bytes = readFileSync(file);
    const end = bytes.lastIndexOf(0x0a) + 1;
    const text = bytes.subarray(0, end).toString('utf8');
    const lines = text === '' ? [] : text.slice(0, -1).split('\n');
    const contents = {
      lines: lines.map((line, index) => ({ number: index + 1, text: line })),
      completeBytes: end,
      tornTail: bytes.subarray(end).some((byte) => byte !== 0),
    };
    return { journal: new Journal(file, contents, bytes.length), contents };
  }

  private handle(): number {
    if (this.fd === undefined) {
      const created = !existsSync(this.path);
      // Read-write without truncation or append mode: lines are written at an offset.
      this.fd = openSync(this.path, constants.O_RDWR | constants.O_CREAT);
      if (created) syncDirectory(path.dirname(this.path));
    }
    return this.fd;
  }

  /** Appends one line (without its newline) and returns once it is on disk. */
  append(line: string): void {
    const bytes = Buffer.from(`${line}\n`, 'utf8');
    const fd = this.handle();
    if (this.end + bytes.length > this.size) {
      const size = this.end + bytes.length + GROW_BYTES;
      writeAll(fd, Buffer.alloc(size - this.size), this.size);
      fsyncSync(fd);
      this.size = size;
    }
    writeAll(fd, bytes, this.end);
    fdatasyncSync(fd);
    this.end += bytes.length;
  }

  /** Cuts the file to `length` bytes, durably: used to drop folded lines or a torn tail. */
  truncate(length = 0): void {
    if (this.fd === undefined && !existsSync(this.path)) return;
    const fd = this.handle();
    ftruncateSync(fd, length);
    fsyncSync(fd);
    this.end = length;
    this.size = length;
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
