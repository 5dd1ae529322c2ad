/** Korean words for the common screens: English text → Korean (see ../index.ts). */
export const common: Record<string, string> = {
  Copied: '복사됨',
  'Could not copy here; select the text and copy it yourself.': '여기서는 복사할 수 없습니다. 텍스트를 선택해 직접 복사하세요.',
  Copy: '복사',
  'Copy (the clipboard is cleared after 30 seconds)': '복사 (30초 후 클립보드를 비웁니다)',
  'Copy {{what}}': '{{what}} 복사',
  Starting: '시작하는 중',
  IPv4: 'IPv4',
  MAC: 'MAC',
  Certificate: '인증서',

  // The frame: navigation (through a variable), the header, the document title
  'Key Depository': '키 보관소',
  'Key Store Management': '키 저장소 관리',
  'Approval List': '승인 목록',
  'Audit Log': '감사 로그',
  Ceremonies: '키 세리머니',
  Settings: '설정',
  Main: '주 메뉴',
  'Signed in as': '로그인 사용자',
  Lock: '잠금',

  // Dialogs
  Cancel: '취소',
  Close: '닫기',
  Keep: '유지',
  'Type the name to confirm': '확인하려면 이름을 입력하세요',
  'Type "{{name}}" exactly.': '"{{name}}"을(를) 정확히 입력하세요.',
  'Discard changes?': '변경 사항을 버릴까요?',
  Discard: '버리기',
  'Keep editing': '계속 편집',
  'What you typed in "{{title}}" has not been saved and will be lost.': '"{{title}}"에 입력한 내용은 저장되지 않았으며 사라집니다.',

  // The deletion lifecycle
  key: '키',
  'IPv4 address': 'IPv4 주소',
  'Request for Deletion': '삭제 요청',
  'Cancel Deletion': '삭제 취소',
  'Immediately Delete': '즉시 삭제',
  'The {{noun}} "{{name}}" will be Scheduled to be Deleted and deleted for good in 7 days. Until then it cannot be used, and you can Cancel Deletion.':
    '{{noun}} "{{name}}"은(는) 삭제 예정 상태가 되고 7일 후 영구 삭제됩니다. 그때까지는 사용할 수 없으며, 삭제 취소할 수 있습니다.',
  'The {{noun}} "{{name}}" returns to In Service and can be used again.': '{{noun}} "{{name}}"은(는) 사용 중 상태로 돌아가 다시 사용할 수 있습니다.',
  'In Service': '사용 중',
  'Scheduled to be Deleted': '삭제 예정',
  Expired: '만료됨',

  // Banners over every page
  'Read-only: the data folder cannot be written (read-only disk or no permission). Viewing and using keys work; changes are refused. Make the folder writable, then lock and unlock.':
    '읽기 전용: 데이터 폴더에 쓸 수 없습니다(읽기 전용 디스크이거나 권한이 없음). 키를 보고 사용할 수는 있지만 변경은 거부됩니다. 폴더를 쓰기 가능하게 한 다음 잠갔다가 다시 잠금 해제하세요.',
  'Apply held deletions': '보류된 삭제 적용',
  "The clock moved forward by more than a day since {{date}}. 1 Scheduled to be Deleted item fell due in that gap and is held, not deleted. Check the computer's date; Cancel Deletion on anything to keep, or apply the held deletions.":
    '{{date}} 이후 시계가 하루 넘게 앞으로 이동했습니다. 그 사이에 기한이 된 삭제 예정 항목 1개는 삭제되지 않고 보류되었습니다. 컴퓨터의 날짜를 확인하고, 유지할 항목은 삭제 취소하거나 보류된 삭제를 적용하세요.',
  "The clock moved forward by more than a day since {{date}}. {{n}} Scheduled to be Deleted items fell due in that gap and are held, not deleted. Check the computer's date; Cancel Deletion on anything to keep, or apply the held deletions.":
    '{{date}} 이후 시계가 하루 넘게 앞으로 이동했습니다. 그 사이에 기한이 된 삭제 예정 항목 {{n}}개는 삭제되지 않고 보류되었습니다. 컴퓨터의 날짜를 확인하고, 유지할 항목은 삭제 취소하거나 보류된 삭제를 적용하세요.',
  'Delete now': '지금 삭제',
  'The held deletions were applied.': '보류된 삭제를 적용했습니다.',
  '1 item is deleted for good now, as if its 7 days had passed. This cannot be undone.':
    '항목 1개가 7일이 지난 것처럼 지금 영구 삭제됩니다. 되돌릴 수 없습니다.',
  '{{n}} items are deleted for good now, as if their 7 days had passed. This cannot be undone.':
    '항목 {{n}}개가 7일이 지난 것처럼 지금 영구 삭제됩니다. 되돌릴 수 없습니다.',

  // Controls
  'With the Approval Feature on, changes go through Key Store Management.': '승인 기능이 켜져 있으면 변경은 키 저장소 관리를 거칩니다.',
  'Hide {{what}}': '{{what}} 숨기기',
  'Show {{what}}': '{{what}} 표시',
  Actions: '작업',
  'Signature line for {{name}}': '{{name}} 서명란',
  'Signature line': '서명란',
  Name: '이름',
  Signature: '서명',
  Date: '날짜',
  'Something went wrong; the operation was not completed.': '문제가 발생하여 작업을 완료하지 못했습니다.',
};
