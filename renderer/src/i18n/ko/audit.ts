/** Korean words for the audit screens: English text → Korean (see ../index.ts). */
export const audit: Record<string, string> = {};
