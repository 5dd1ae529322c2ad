/** Korean words for the settings screens: English text → Korean (see ../index.ts). */
export const settings: Record<string, string> = {};
