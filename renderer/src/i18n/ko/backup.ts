/** Korean words for the backup screens: English text → Korean (see ../index.ts). */
export const backup: Record<string, string> = {};
