/** Korean words for the keystores screens: English text → Korean (see ../index.ts). */
export const keystores: Record<string, string> = {
  // KeyStorePage
  'This key store has been deleted.': '이 키 저장소는 삭제되었습니다.',
  Breadcrumb: '이동 경로',
  'Key Depository': '키 보관소',
  'Back to the Key Depository': '키 보관소로 돌아가기',
  'Loading key store': '키 저장소를 불러오는 중',
  'key store': '키 저장소',
  'Deletion of "{{name}}" requested: it will be deleted for good on {{date}}.': '"{{name}}"의 삭제를 요청했습니다. {{date}}에 영구히 삭제됩니다.',
  'Deletion of "{{name}}" cancelled: it is In Service again.': '"{{name}}"의 삭제를 취소했습니다. 다시 사용 중입니다.',
  'Key store "{{name}}" deleted.': '키 저장소 "{{name}}"을(를) 삭제했습니다.',
  'The key store "{{name}}" is deleted now, for good, with its keys and all their versions, its authentication information and its CA. Anything still encrypted under its keys can never be decrypted again.':
    '키 저장소 "{{name}}"을(를) 지금 영구히 삭제합니다. 그 안의 키와 모든 버전, 인증 정보, CA도 함께 삭제됩니다. 이 키로 암호화된 데이터는 다시는 복호화할 수 없습니다.',
  'Key Store Id': '키 저장소 ID',
  'Scheduled to be Deleted on {{date}}, with its keys and authentication information. Until then nothing can be added to it and its keys are neither used nor rotated; Cancel Deletion to keep it.':
    '{{date}}에 키와 인증 정보와 함께 삭제 예정입니다. 그때까지 아무것도 추가할 수 없고 키는 사용되지도 회전되지도 않습니다. 유지하려면 삭제 취소를 누르세요.',
  'Key store menu': '키 저장소 메뉴',
  'Key Management': '키 관리',
  'Key Store Details': '키 저장소 상세',
  'Deletion date': '삭제일',
  'Last changed': '마지막 변경',
  'Key store "{{name}}" saved.': '키 저장소 "{{name}}"을(를) 저장했습니다.',
  // KeyStoreDialog
  'Unique in this vault, up to 100 characters.': '이 볼트 안에서 고유한 이름, 최대 100자.',
  'Client authentication methods': '클라이언트 인증 방식',
  'How client programs of this key store prove who they are when they call the Key API.':
    '이 키 저장소의 클라이언트 프로그램이 키 API를 호출할 때 자신을 증명하는 방식입니다.',
  'A client program must pass every method chosen above.': '클라이언트 프로그램은 위에서 고른 모든 방식을 통과해야 합니다.',
  'Passing one of the methods chosen above is enough. Choose this only when each method alone identifies your client programs well.':
    '위에서 고른 방식 중 하나만 통과하면 됩니다. 각 방식만으로 클라이언트 프로그램을 충분히 식별할 수 있을 때만 선택하세요.',
  'Loosen client authentication?': '클라이언트 인증을 완화할까요?',
  'Loosen and save': '완화하고 저장',
  'Client programs of "{{name}}" will no longer be required to pass {{method}} authentication.':
    '"{{name}}"의 클라이언트 프로그램은 더 이상 {{method}} 인증을 통과하지 않아도 됩니다.',
  '{{where}} has no entries.': '{{where}}에 등록된 항목이 없습니다.',
  'Its 1 entry in {{where}} stays stored but unused until {{method}} is ticked again.':
    '{{where}}의 항목 1개는 저장된 채로 남지만, {{method}}을(를) 다시 선택할 때까지 사용되지 않습니다.',
  'Its entries in {{where}} stay stored but unused until {{method}} is ticked again.':
    '{{where}}의 항목은 저장된 채로 남지만, {{method}}을(를) 다시 선택할 때까지 사용되지 않습니다.',
  'Its {{n}} entries in {{where}} stay stored but unused until {{method}} is ticked again.':
    '{{where}}의 항목 {{n}}개는 저장된 채로 남지만, {{method}}을(를) 다시 선택할 때까지 사용되지 않습니다.',
  'Passing any one of the methods will be enough, instead of all of them.': '모든 방식 대신 방식 중 하나만 통과하면 됩니다.',
};
