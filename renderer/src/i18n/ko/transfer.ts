/** Korean words for the transfer screens: English text → Korean (see ../index.ts). */
export const transfer: Record<string, string> = {};
