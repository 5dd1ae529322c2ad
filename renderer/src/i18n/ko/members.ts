/** Korean words for the members screens: English text → Korean (see ../index.ts). */
export const members: Record<string, string> = {};
