/** Copy, and for secrets clear the clipboard again after 30 seconds (unless something else was copied meanwhile). */
export const CLIPBOARD_CLEAR_MS = 30_000;

export async function copyText(text: string, options: { secret?: boolean } = {}): Promise<void> {
  await navigator.clipboard.writeText(text);
  if (options.secret) {
    setTimeout(() => {
      void navigator.clipboard.writeText('').catch(() => undefined);
    }, CLIPBOARD_CLEAR_MS);
  }
}

/** Save text or bytes as a file the user picks (the browser's download, or Electron's save dialog). */
export function downloadFile(name: string, content: string | Uint8Array, type = 'application/octet-stream'): void {
  const url = URL.createObjectURL(new Blob([content as BlobPart], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export const base64ToBytes = (b64: string): Uint8Array => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
