/** Korean words for the common screens: English text → Korean (see ../index.ts). */
export const common: Record<string, string> = {};
