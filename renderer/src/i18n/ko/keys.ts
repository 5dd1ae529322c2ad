/** Korean words for the keys screens: English text → Korean (see ../index.ts). */
export const keys: Record<string, string> = {};
