import { readFile, stat } from 'node:fs/promises';

/** The passphrase could not be read (the message names where from, never what was read): the CLI exits 1. */
export class PassphraseError extends Error {}

/** A passphrase is at most 1,024 characters: 4 bytes each in UTF-8, at most. */
const MAX_BYTES = 4096;

/**
 * Collects one line of bytes into a buffer allocated once, so no copy of the passphrase is left behind in a grown
 * buffer; every chunk it was given is zeroed once copied. `take()` hands over the bytes; the caller zeroes them.
 */
class LineCollector {
  private readonly buf = Buffer.alloc(MAX_BYTES);
  private length = 0;

  /** Adds a chunk; returns what ended the line, if anything did. Raw terminal input interprets editing keys. */
  push(chunk: Buffer, terminal: boolean): 'line' | 'cancel' | null {
    try {
      for (const byte of chunk) {
        if (byte === 0x0a || byte === 0x0d) return 'line';
        if (terminal && byte === 0x03) return 'cancel'; // Ctrl-C
        if (terminal && byte === 0x04) return this.length === 0 ? 'cancel' : 'line'; // Ctrl-D
        if (terminal && (byte === 0x7f || byte === 0x08)) {
          // Backspace removes one character: its UTF-8 continuation bytes (10xxxxxx) and its lead byte.
          while (this.length > 0 && (this.buf[this.length - 1]! & 0xc0) === 0x80) this.buf[--this.length] = 0;
          if (this.length > 0) this.buf[--this.length] = 0;
          continue;
        }
        if (terminal && byte === 0x15) {
          this.buf.fill(0, 0, this.length); // Ctrl-U clears the line
          this.length = 0;
          continue;
        }
        if (this.length === MAX_BYTES) {
          this.wipe();
          throw new PassphraseError('The passphrase is longer than 1,024 characters.');
        }
        this.buf[this.length++] = byte;
      }
      return null;
    } finally {
      chunk.fill(0);
    }
  }

  take(): Buffer {
    return this.buf.subarray(0, this.length);
  }

  wipe(): void {
    this.buf.fill(0);
    this.length = 0;
  }
}

/** The first line of the file (a trailing line break, LF or CRLF, is not part of the passphrase). */
export async function passphraseFromFile(file: string, warn: (line: string) => void): Promise<Buffer> {
  let raw: Buffer;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new PassphraseError(`SKM_PASSPHRASE_FILE names ${file}, which is not a file.`);
    if (process.platform !== 'win32' && (info.mode & 0o077) !== 0) {
      warn(`Warning: ${file} can be read by other users of this computer; chmod 600 it.`);
    }
    raw = await readFile(file);
  } catch (err) {
    if (err instanceof PassphraseError) throw err;
    throw new PassphraseError(`Could not read the passphrase file named by SKM_PASSPHRASE_FILE, ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
  const line = new LineCollector();
  try {
    line.push(raw, false);
  } finally {
    raw.fill(0);
  }
  return line.take();
}

/**
 * One line of standard input. On a terminal the line is read in raw mode, so nothing typed is echoed: the prompt
 * goes to stderr (stdout carries the ready line for scripts), and Backspace, Ctrl-U, Ctrl-C and Ctrl-D work.
 */
export function passphraseFromStdin(prompt: string, stdin: NodeJS.ReadStream = process.stdin, stderr: NodeJS.WriteStream = process.stderr): Promise<Buffer> {
  const terminal = stdin.isTTY === true;
  const line = new LineCollector();
  return new Promise<Buffer>((resolve, reject) => {
    const cleanup = (): void => {
      stdin.off('data', onData);
      stdin.off('end', onEnd);
      stdin.off('error', onError);
      if (terminal) {
        stdin.setRawMode(false);
        stderr.write('\n');
      }
      stdin.pause();
      // Nothing more is read from stdin: it must not keep the process alive, nor buffer what comes next.
      if (!terminal) stdin.destroy();
    };
    const settle = (how: 'line' | 'cancel' | 'eof'): void => {
      cleanup();
      if (how === 'cancel') {
        line.wipe();
        reject(new PassphraseError('Cancelled; the vault was not opened.'));
      } else if (how === 'eof' && line.take().length === 0) {
        reject(new PassphraseError('No passphrase on standard input: give one line, or set SKM_PASSPHRASE_FILE.'));
      } else resolve(line.take());
    };
    const onData = (chunk: Buffer | string): void => {
      try {
        const how = line.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk, terminal);
        if (how) settle(how);
      } catch (err) {
        cleanup();
        reject(err);
      }
    };
    const onEnd = (): void => settle('eof');
    const onError = (err: NodeJS.ErrnoException): void => {
      cleanup();
      line.wipe();
      reject(new PassphraseError(`Could not read the passphrase from standard input (${err.code ?? 'error'}).`));
    };
    if (terminal) {
      // Echo off before the prompt shows: nothing typed (or pasted) after it may reach the screen.
      stdin.setRawMode(true);
      stderr.write(prompt);
    }
    stdin.on('data', onData);
    stdin.on('end', onEnd);
    stdin.on('error', onError);
    stdin.resume();
  });
}
