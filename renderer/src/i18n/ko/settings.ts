/** Korean words for the settings screens: English text → Korean (see ../index.ts). */
export const settings: Record<string, string> = {
  Appearance: '화면 표시',
  'For this computer: the Unlock screen uses them too. Changes apply at once.':
    '이 컴퓨터에 적용되며 잠금 해제 화면에도 쓰입니다. 변경 사항은 바로 적용됩니다.',
  Theme: '테마',
  'As the system': '시스템 설정에 따름',
  Light: '밝게',
  Dark: '어둡게',
  '"As the system" follows the light or dark setting of the computer.': "'시스템 설정에 따름'은 컴퓨터의 밝게/어둡게 설정을 따릅니다.",
  'Remember the last username after the app restarts': '앱을 다시 시작한 뒤에도 마지막 사용자 이름 기억',
  'The Unlock form is filled in with the last username while the app runs. On, it is also kept in settings.json (in plain text) for the next start. Passphrases are never remembered.':
    '앱이 실행되는 동안 잠금 해제 양식에 마지막 사용자 이름이 채워집니다. 켜면 다음 시작을 위해 settings.json에도 (평문으로) 저장됩니다. 암호 문구는 절대 기억하지 않습니다.',
  'Appearance saved.': '화면 표시 설정을 저장했습니다.',
  'Saved.': '저장했습니다.',
  Vault: '볼트',
  'App Key': '앱 키',
  'Your roles': '내 역할',
  'Vault created': '볼트 생성일',
  'Data folder': '데이터 폴더',
  "Changing the passphrase also replaces the vault's data key, so the old passphrase opens nothing in this data folder afterwards. Copies of the vault made earlier (backups) still open with the passphrase they were made with.":
    '암호 문구를 변경하면 볼트의 데이터 키도 바뀌므로, 이후 이 데이터 폴더에서는 이전 암호 문구로 아무것도 열 수 없습니다. 이전에 만든 볼트 사본(백업)은 만들 당시의 암호 문구로 계속 열립니다.',
  'Passphrase changed. Use the new one from the next unlock.': '암호 문구를 변경했습니다. 다음 잠금 해제부터 새 암호 문구를 사용하세요.',
  'Auto-lock': '자동 잠금',
  'Lock after idle minutes': '유휴 시간(분) 후 잠금',
  'The vault locks itself after this many minutes without activity.': '이 시간(분) 동안 활동이 없으면 볼트가 저절로 잠깁니다.',
  Save: '저장',
};
