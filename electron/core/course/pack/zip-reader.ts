import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { crc32, inflateRawSync } from 'node:zlib';
import { PackError } from './pack-error.js';

/**
 * Reads a zip archive that came from anywhere, trusting nothing in it: the central directory is
 * checked whole before any entry is read, every name must be a plain relative path, links and
 * encrypted entries are refused, and sizes are capped so a small file cannot unpack into a huge
 * one. Each entry is checked against its CRC when it is read.
 */
export class ZipError extends PackError {}

export interface ZipLimits {
  /** Total bytes of all entries once unpacked. */
  maxTotalSize: number;
  maxEntries: number;
  /** Largest unpacked/packed ratio allowed for an entry over 1 MB: text rarely passes 20. */
  maxRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxTotalSize: 500 * 1024 * 1024, maxEntries: 20_000, maxRatio: 200 };

export interface ZipEntry {
  name: string;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const MB = 1024 * 1024;

/** Why an entry name is unsafe to unpack, or undefined when it is a plain relative path. */
export function unsafeEntryName(name: string): string | undefined {
  if (!name) return 'has an empty name';
  if (name.includes('\0')) return 'has a NUL character in its name';
  if (name.includes('\\')) return 'uses backslashes in its path';
  if (name.startsWith('/')) return 'has an absolute path';
  if (/^[A-Za-z]:/.test(name)) return 'starts with a drive letter';
  const segments = name.replace(/\/$/, '').split('/');
  if (segments.some((s) => s === '..')) return 'climbs out of the pack with ".."';
  if (segments.some((s) => s === '' || s === '.')) return 'has an empty or "." path segment';
  if (name.length > 1024) return 'has a path longer than 1024 characters';
  return undefined;
}

export class ZipReader {
  private constructor(
    private readonly fd: number,
    private readonly fileSize: number,
    private readonly centralStart: number,
    readonly entries: ZipEntry[],
    readonly label: string,
  ) {}

  /** Opens and checks an archive; throws ZipError naming what is wrong. */
  static open(file: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS, label = file): ZipReader {
    const fd = openSync(file, 'r');
    try {
      const size = fstatSync(fd).size;
      const { entries, centralStart } = readCentralDirectory(fd, size, limits, label);
      return new ZipReader(fd, size, centralStart, entries, label);
    } catch (error) {
      closeSync(fd);
      throw error;
    }
  }

  /** An entry's bytes, checked against its size and CRC. */
  read(entry: ZipEntry): Buffer {
    const header = readAt(this.fd, entry.localHeaderOffset, 30);
    if (header.length < 30 || header.readUInt32LE(0) !== LOCAL_SIGNATURE) {
      throw new ZipError(`${this.label} is damaged: the entry ${entry.name} is missing.`);
    }
    const dataStart = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
    if (dataStart + entry.compressedSize > this.centralStart) {
      throw new ZipError(`${this.label} is damaged: the entry ${entry.name} runs past the end of the data.`);
    }
    const packed = readAt(this.fd, dataStart, entry.compressedSize);
    let data: Buffer;
    if (entry.method === 0) data = packed;
    else {
      try {
        data = inflateRawSync(packed, { maxOutputLength: Math.max(1, entry.size) });
      } catch {
        throw new ZipError(`${this.label} is damaged: the entry ${entry.name} does not unpack to its recorded size.`);
      }
    }
    if (data.length !== entry.size || crc32(data) !== entry.crc) {
      throw new ZipError(`${this.label} is damaged: the entry ${entry.name} fails its checksum.`);
    }
    return data;
  }

  close(): void {
    closeSync(this.fd);
  }

  get size(): number {
    return this.fileSize;
  }
}

function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buffer, done, length - done, position + done);
    if (n === 0) break;
    done += n;
  }
  return buffer.subarray(0, done);
}

function readCentralDirectory(
  fd: number,
  size: number,
  limits: ZipLimits,
  label: string,
): { entries: ZipEntry[]; centralStart: number } {
  const head = readAt(fd, 0, 4);
  const looksLikeZip = head.length === 4 && head.readUInt32LE(0) === LOCAL_SIGNATURE;
  if (size < 22)
    throw new ZipError(
      looksLikeZip ? `${label} is truncated: the zip file ends early.` : `${label} is not a zip file.`,
    );
  const tailLength = Math.min(size, 22 + 0xffff);
  const tail = readAt(fd, size - tailLength, tailLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD_SIGNATURE && i + 22 + tail.readUInt16LE(i + 20) === tail.length) {
      eocd = i;
      break;
    }
  }
  if (eocd === -1) {
    throw new ZipError(
      looksLikeZip
        ? `${label} is truncated: the zip file ends before its table of contents.`
        : `${label} is not a zip file.`,
    );
  }
  const count = tail.readUInt16LE(eocd + 10);
  const centralSize = tail.readUInt32LE(eocd + 12);
  const centralStart = tail.readUInt32LE(eocd + 16);
  if (tail.readUInt16LE(eocd + 4) !== 0 || tail.readUInt16LE(eocd + 6) !== 0 || tail.readUInt16LE(eocd + 8) !== count) {
    throw new ZipError(`${label} is split across several files, which packs never are.`);
  }
  if (count === 0xffff || centralSize === 0xffffffff || centralStart === 0xffffffff) {
    throw new ZipError(`${label} uses Zip64, which course packs never need.`);
  }
  if (count > limits.maxEntries)
    throw new ZipError(`${label} has ${count} files; a course pack may have at most ${limits.maxEntries}.`);
  const eocdOffset = size - tailLength + eocd;
  if (centralStart + centralSize > eocdOffset)
    throw new ZipError(`${label} is truncated or damaged: its table of contents is incomplete.`);

  const central = readAt(fd, centralStart, centralSize);
  const entries: ZipEntry[] = [];
  const names = new Set<string>();
  let total = 0;
  let pos = 0;
  for (let n = 0; n < count; n++) {
    if (pos + 46 > central.length || central.readUInt32LE(pos) !== CENTRAL_SIGNATURE) {
      throw new ZipError(`${label} is damaged: its table of contents is unreadable.`);
    }
    const flags = central.readUInt16LE(pos + 8);
    const method = central.readUInt16LE(pos + 10);
    const nameLength = central.readUInt16LE(pos + 28);
    const extraLength = central.readUInt16LE(pos + 30);
    const commentLength = central.readUInt16LE(pos + 32);
    const madeBy = central.readUInt16LE(pos + 4) >> 8;
    const mode = central.readUInt32LE(pos + 38) >>> 16;
    const nameBytes = central.subarray(pos + 46, pos + 46 + nameLength);
    const name = nameBytes.toString(flags & (1 << 11) ? 'utf8' : 'latin1');
    const entry: ZipEntry = {
      name,
      method,
      crc: central.readUInt32LE(pos + 16),
      compressedSize: central.readUInt32LE(pos + 20),
      size: central.readUInt32LE(pos + 24),
      localHeaderOffset: central.readUInt32LE(pos + 42),
    };
    pos += 46 + nameLength + extraLength + commentLength;

    const unsafe = unsafeEntryName(name);
    if (unsafe) throw new ZipError(`${label} contains an entry that ${unsafe}: ${JSON.stringify(name)}.`);
    if (madeBy === 3 && (mode & 0o170000) === 0o120000)
      throw new ZipError(`${label} contains a symbolic link (${name}); packs hold only files.`);
    if (flags & 1) throw new ZipError(`${label} contains an encrypted entry (${name}).`);
    if (method !== 0 && method !== 8)
      throw new ZipError(`${label} uses an unsupported compression method for ${name}.`);
    if (names.has(name)) throw new ZipError(`${label} contains ${name} twice.`);
    names.add(name);
    if (name.endsWith('/')) continue;
    if (entry.localHeaderOffset >= centralStart)
      throw new ZipError(`${label} is damaged: the entry ${name} points past the data.`);
    total += entry.size;
    if (total > limits.maxTotalSize) {
      throw new ZipError(
        `${label} would unpack to more than ${Math.round(limits.maxTotalSize / MB)} MB, the most a course pack may hold.`,
      );
    }
    if (entry.size > MB && entry.size / Math.max(1, entry.compressedSize) > limits.maxRatio) {
      throw new ZipError(
        `${label} contains ${name}, which is compressed suspiciously well (a zip bomb?); it was not unpacked.`,
      );
    }
    entries.push(entry);
  }
  return { entries, centralStart };
}
