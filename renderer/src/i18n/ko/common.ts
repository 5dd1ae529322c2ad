/** Korean words for the common screens: English text → Korean (see ../index.ts). */
export const common: Record<string, string> = {
  Copied: '복사됨',
  Copy: '복사',
  'Copy (the clipboard is cleared after 30 seconds)': '복사 (30초 후 클립보드를 비웁니다)',
  'Copy {{what}}': '{{what}} 복사',
  Starting: '시작하는 중',
  IPv4: 'IPv4',
  MAC: 'MAC',
  Certificate: '인증서',
};
