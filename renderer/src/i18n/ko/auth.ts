/** Korean words for the auth screens: English text → Korean (see ../index.ts). */
export const auth: Record<string, string> = {};
