import { randomBytes } from 'node:crypto';
import type { FileSaver, OutgoingFile } from '../core/files/file-saver';

const TTL_MS = 2 * 60_000;

/**
 * Files the user asked for, waiting to be fetched by the browser once at /download/<token>.
 * Tokens are random, single-use and expire after two minutes; the bytes are dropped either way.
 */
export class DownloadRegistry {
  private readonly pending = new Map<string, { file: OutgoingFile; timer: NodeJS.Timeout }>();

  readonly saver: FileSaver = {
    save: async (file) => {
      const token = randomBytes(24).toString('base64url');
      const timer = setTimeout(() => this.pending.delete(token), TTL_MS);
      timer.unref();
      this.pending.set(token, { file, timer });
      return { status: 'download', url: `/download/${token}` };
    },
  };

  take(token: string): OutgoingFile | undefined {
    const entry = this.pending.get(token);
    if (!entry) return undefined;
    clearTimeout(entry.timer);
    this.pending.delete(token);
    return entry.file;
  }

  clear(): void {
    for (const { timer } of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }
}
