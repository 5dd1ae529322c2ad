/** Korean words for the vault screens: English text → Korean (see ../index.ts). */
export const vault: Record<string, string> = {};
