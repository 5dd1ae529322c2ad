/** Korean words for the vault screens: English text → Korean (see ../index.ts). */
export const vault: Record<string, string> = {
  Language: '언어',
  Username: '사용자 이름',
  Passphrase: '암호 문구',
  'Create vault': '볼트 만들기',
  "Your keys are kept in an encrypted vault on this computer. This first account is the vault's administrator. There is no way to recover a forgotten passphrase.":
    '키는 이 컴퓨터의 암호화된 볼트에 보관됩니다. 이 첫 계정이 볼트의 관리자가 됩니다. 잊어버린 암호 문구는 복구할 방법이 없습니다.',
  'At least {{n}} characters.': '{{n}}자 이상.',
  'Confirm passphrase': '암호 문구 확인',
  'Creating vault…': '볼트를 만드는 중…',
  or: '또는',
  'Restore from backup': '백업에서 복원',
  'Put a vault from a backup file into this data folder instead of creating a new one.': '새 볼트를 만드는 대신 백업 파일의 볼트를 이 데이터 폴더에 넣습니다.',
  Unlock: '잠금 해제',
  'Enter your username and passphrase to open the vault.': '볼트를 열려면 사용자 이름과 암호 문구를 입력하세요.',
  "The Key API is still serving at {{url}} (since {{date}}). The vault's data key stays in memory until Stop Key API or quitting the app.":
    '키 API가 {{url}}에서 아직 서비스 중입니다({{date}}부터). 키 API 중지 또는 앱 종료 전까지 볼트의 데이터 키는 메모리에 남아 있습니다.',
  'The backup was restored into this data folder. Unlock with your username and passphrase as they were when the backup was made.':
    '백업이 이 데이터 폴더에 복원되었습니다. 백업을 만들 당시의 사용자 이름과 암호 문구로 잠금 해제하세요.',
  'The vault was locked after a period of inactivity.': '한동안 사용하지 않아 볼트가 잠겼습니다.',
  'Accept restored vault': '복원된 볼트 수락',
  'Unlocking…': '잠금 해제 중…',
  'To restore a backup, start the app with an empty data folder.': '백업을 복원하려면 빈 데이터 폴더로 앱을 시작하세요.',
  'Vault cannot be opened': '볼트를 열 수 없습니다',
  'The vault file in the data folder could not be read.': '데이터 폴더의 볼트 파일을 읽을 수 없습니다.',
  'Console not available': '콘솔을 사용할 수 없습니다',
  'This page could not reach the vault.': '이 페이지에서 볼트에 연결할 수 없습니다.',
  'The console has stopped': '콘솔이 중지되었습니다',
  'Secure Key Manager is no longer running behind this page, so the vault is locked.':
    '이 페이지 뒤에서 Secure Key Manager가 더 이상 실행되고 있지 않으므로 볼트가 잠겼습니다.',
  'Every change made before it stopped was saved. To carry on, start Secure Key Manager again (the desktop app, or npm start in its terminal) and open the console address it prints. This page can then be closed.':
    '중지되기 전의 모든 변경 사항은 저장되었습니다. 계속하려면 Secure Key Manager를 다시 시작하고(데스크톱 앱 또는 터미널에서 npm start) 표시되는 콘솔 주소를 여세요. 그런 다음 이 페이지는 닫아도 됩니다.',
  'Try again': '다시 시도',

  // Change passphrase
  'Change passphrase': '암호 문구 변경',
  'Changing…': '변경 중…',
  'Current passphrase': '현재 암호 문구',
  'New passphrase': '새 암호 문구',
  'Confirm new passphrase': '새 암호 문구 확인',
};
