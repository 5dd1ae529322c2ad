/** Korean words for the keystores screens: English text → Korean (see ../index.ts). */
export const keystores: Record<string, string> = {};
