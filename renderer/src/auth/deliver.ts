import type { SaveResult } from '../../../shared/domain';

/**
 * Finish a file download the host started: the browser host gives a one-time URL to fetch; Electron already wrote
 * the file where the user chose. Returns a line to tell the user, or null when there is nothing to say.
 */
export function deliver(result: SaveResult): string | null {
  if (result.status === 'download') {
    const a = document.createElement('a');
    a.href = result.url;
    a.download = '';
    a.click();
    return null;
  }
  return result.status === 'saved' ? `Saved to ${result.path}` : null;
}
