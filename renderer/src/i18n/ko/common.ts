/** Korean words for the common screens: English text → Korean (see ../index.ts). */
export const common: Record<string, string> = {
  Starting: '시작하는 중',
  IPv4: 'IPv4',
  MAC: 'MAC',
  Certificate: '인증서',
};
