/** Korean words for the backup screens: English text → Korean (see ../index.ts). */
export const backup: Record<string, string> = {
  Backup: '백업',
  'Export backup saves the whole vault (key stores, keys, authentication information, members, audit trail) as one encrypted file, protected by a backup passphrase or by a backup key split into shares for several officers. To restore it, start the app with an empty data folder and choose Restore from backup on the Create vault screen; members then unlock with their own passphrases.':
    '백업 내보내기는 볼트 전체(키 저장소, 키, 인증 정보, 멤버, 감사 기록)를 암호화된 파일 하나로 저장합니다. 파일은 백업 암호 문구로 보호하거나, 백업 키를 조각으로 나누어 여러 담당자에게 맡겨 보호합니다. 복원하려면 빈 데이터 폴더로 앱을 시작하고 볼트 생성 화면에서 백업에서 복원을 선택하세요. 복원 후 멤버는 각자의 암호 문구로 잠금 해제합니다.',
  'Export backup': '백업 내보내기',
  'Backup {{id}} saved to {{path}}.': '백업 파일을 {{path}}에 저장했습니다(백업 ID {{id}}).',
  'Backup {{id}} exported.': '백업을 내보냈습니다(백업 ID {{id}}).',
  'Saving was cancelled, so no backup file was written. Export again and choose where to save it.':
    '저장이 취소되어 백업 파일을 만들지 않았습니다. 다시 내보내고 저장할 위치를 선택하세요.',
  'The backup is one encrypted file with the whole vault: key stores, keys, authentication information, members and the audit trail. Members open a restored vault with their own passphrases.':
    '백업은 볼트 전체(키 저장소, 키, 인증 정보, 멤버, 감사 기록)를 담은 암호화된 파일 하나입니다. 복원된 볼트는 멤버가 각자의 암호 문구로 엽니다.',
  'Protect the backup with': '백업 보호 방식',
  'Backup passphrase': '백업 암호 문구',
  'Split the backup key into shares': '백업 키를 조각으로 분할',
  Passphrase: '암호 문구',
  'At least {{min}} characters. Needed to restore; it is not stored anywhere, and a lost passphrase cannot be recovered.':
    '{{min}}자 이상. 복원할 때 필요합니다. 어디에도 저장되지 않으므로 잊어버리면 복구할 수 없습니다.',
  'Confirm passphrase': '암호 문구 확인',
  'Each officer gets one share.': '담당자마다 조각을 하나씩 받습니다.',
  'Any {{threshold}} of the {{total}} shares restore the backup; fewer reveal nothing.':
    '조각 {{total}}개 중 아무 {{threshold}}개로 백업을 복원할 수 있으며, 그보다 적으면 아무것도 알아낼 수 없습니다.',
  'Enough of them together restore the backup; fewer reveal nothing.':
    '필요한 수만큼 모이면 백업을 복원할 수 있으며, 그보다 적으면 아무것도 알아낼 수 없습니다.',
  'Number of shares': '조각 수',
  'How many officers get one: 2 to 10.': '조각을 나눠 받을 담당자 수(2~10)',
  'Shares needed to restore': '복원에 필요한 조각 수',
  'How many of them restore it: 2 up to the number of shares.': '복원할 때 모아야 하는 조각 수(2~전체 조각 수)',
  'Exporting backup': '백업 내보내는 중',
  'Exporting the backup… deriving the backup key takes a moment.': '백업을 내보내는 중… 백업 키를 만드는 데 잠시 걸립니다.',
  'Choose a backup file.': '백업 파일을 선택하세요.',
  '"{{name}}" is larger than 6 MB; backup files here are at most 6 MB.': '"{{name}}" 파일이 6MB보다 큽니다. 백업 파일은 최대 6MB입니다.',
  '"{{name}}": {{message}}': '"{{name}}": {{message}}',
  '"{{name}}" could not be read. {{message}}': '"{{name}}" 파일을 읽을 수 없습니다. {{message}}',
  'Restore from backup': '백업에서 복원',
  Restore: '복원',
  'Restoring puts the vault from a backup file into this data folder, which has no vault yet. Members then unlock with their own usernames and passphrases, as they were when the backup was made.':
    '백업 파일의 볼트를 아직 볼트가 없는 이 데이터 폴더에 복원합니다. 복원 후 멤버는 백업 당시의 사용자 이름과 암호 문구로 잠금 해제합니다.',
  'Choose another file': '다른 파일 선택',
  'Choose backup file': '백업 파일 선택',
  'Backup file': '백업 파일',
  'A .skmbackup file made with Export backup (Settings → Backup).': '백업 내보내기(설정 → 백업)로 만든 .skmbackup 파일',
  Exported: '내보낸 일시',
  'Protected by': '보호 방식',
  'Shares: any {{threshold}} of {{total}}': '조각: {{total}}개 중 아무 {{threshold}}개',
  'The passphrase chosen when the backup was exported.': '백업을 내보낼 때 정한 암호 문구',
  'Type or paste the shares of any {{threshold}} officers, in any order. Spaces and line breaks do not matter.':
    '담당자 {{threshold}}명의 조각을 순서에 상관없이 입력하거나 붙여 넣으세요. 공백과 줄바꿈은 무시됩니다.',
  'Share {{n}}': '조각 {{n}}',
  'Restoring backup': '백업 복원 중',
  'Restoring the backup… deriving the backup key takes a moment.': '백업을 복원하는 중… 백업 키를 만드는 데 잠시 걸립니다.',
  'Backup shares': '백업 조각',
  'Each share is shown only now. Hand one to each officer: any {{threshold}} of these {{total}} shares restore backup {{id}}, and fewer reveal nothing. The app keeps no copy.':
    '조각은 지금 한 번만 표시됩니다. 담당자마다 하나씩 전달하세요. 조각 {{total}}개 중 아무 {{threshold}}개로 백업 {{id}}를 복원할 수 있으며, 그보다 적으면 아무것도 알아낼 수 없습니다. 앱은 사본을 보관하지 않습니다.',
  'Share {{n}} of {{total}}': '조각 {{n}}/{{total}}',
  'share {{n}}': '조각 {{n}}',
  Print: '인쇄',
  Done: '완료',
  'Close the shares?': '조각 화면을 닫을까요?',
  'Close shares': '조각 화면 닫기',
  'Back to the shares': '조각 화면으로 돌아가기',
  'The shares are not kept anywhere; make sure each officer has theirs.': '조각은 어디에도 보관되지 않습니다. 담당자마다 자신의 조각을 받았는지 확인하세요.',
  'Once closed, they cannot be shown again; a lost share can only be replaced by exporting a new backup.':
    '닫으면 다시 표시할 수 없습니다. 잃어버린 조각은 새 백업을 내보내야만 대체할 수 있습니다.',
  'Secure Key Manager — backup share {{n}} of {{total}}': 'Secure Key Manager — 백업 조각 {{n}}/{{total}}',
  'Any {{threshold}} of the {{total}} shares restore this backup, together with the backup file. Fewer shares reveal nothing.':
    '조각 {{total}}개 중 아무 {{threshold}}개와 백업 파일이 있으면 이 백업을 복원할 수 있습니다. 그보다 적은 조각으로는 아무것도 알아낼 수 없습니다.',
  Share: '조각',
  '{{n}} of {{total}} ({{threshold}} of {{total}} needed)': '{{n}}/{{total}} ({{total}}개 중 {{threshold}}개 필요)',
  'To restore: start Secure Key Manager with an empty data folder, choose Restore from backup, choose the backup file, and type this share exactly as printed (spaces and line breaks do not matter). Keep this sheet where only you can reach it.':
    '복원 방법: 빈 데이터 폴더로 Secure Key Manager를 시작하고 백업에서 복원을 선택한 다음, 백업 파일을 고르고 이 조각을 인쇄된 그대로 입력합니다(공백과 줄바꿈은 무시됩니다). 이 종이는 본인만 접근할 수 있는 곳에 보관하세요.',
};
