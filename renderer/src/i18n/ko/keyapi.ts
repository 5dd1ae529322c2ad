/** Korean words for the keyapi screens: English text → Korean (see ../index.ts). */
export const keyapi: Record<string, string> = {};
