/** Korean words for the ceremony screens: English text → Korean (see ../index.ts). */
export const ceremony: Record<string, string> = {};
