import type { SaveResult } from '../../../shared/domain';

/**
 * Finish a file download the host started: the browser host's preload has already fetched the bytes and gives a
 * blob: URL (with the file's name); Electron already wrote the file where the user chose. Returns a line to tell
 * the user, or null when there is nothing to say.
 */
export function deliver(result: SaveResult): string | null {
  if (result.status === 'download') {
    const a = document.createElement('a');
    a.href = result.url;
    // The browser preload adds the name: a blob: URL has none of its own.
    a.download = 'name' in result && typeof result.name === 'string' ? result.name : '';
    a.click();
    if (result.url.startsWith('blob:')) setTimeout(() => URL.revokeObjectURL(result.url), 10_000);
    return null;
  }
  return result.status === 'saved' ? `Saved to ${result.path}` : null;
}
