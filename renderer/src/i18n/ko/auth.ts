/** Korean words for the auth screens: English text → Korean (see ../index.ts). */
export const auth: Record<string, string> = {
  // kinds.ts, shown through t()
  'A single address (192.168.10.5) or a CIDR range (10.1.2.0/24).': '단일 주소(192.168.10.5) 또는 CIDR 범위(10.1.2.0/24).',
  'aa:bb:cc:dd:ee:ff, AA-BB-CC-DD-EE-FF or aabb.ccdd.eeff.': 'aa:bb:cc:dd:ee:ff, AA-BB-CC-DD-EE-FF 또는 aabb.ccdd.eeff.',
  // AddAddressDialog
  '{{address}} added.': '{{address}}을(를) 추가했습니다.',
  '{{n}} entries were pasted; add at most {{max}} at a time.': '{{n}}개 항목을 붙여 넣었습니다. 한 번에 최대 {{max}}개까지 추가할 수 있습니다.',
  '{{staged}} staged in Key Store Management, {{refused}} refused, {{repeats}} repeated in the list.':
    '{{staged}}개는 키 저장소 관리에 등록, {{refused}}개는 거부, {{repeats}}개는 목록에서 중복되었습니다.',
  '{{added}} added, {{refused}} refused, {{repeats}} repeated in the list.': '{{added}}개 추가, {{refused}}개 거부, {{repeats}}개는 목록에서 중복되었습니다.',
  Added: '추가됨',
  'Added as {{address}}': '{{address}}(으)로 추가됨',
  'Staged for approval': '승인용으로 등록됨',
  'Repeats line {{line}}: added once': '{{line}}번 줄과 중복: 한 번만 추가됨',
  Refused: '거부됨',
  'Results per line': '줄별 결과',
  Line: '줄',
  Result: '결과',
  'Correct the refused lines': '거부된 줄 고치기',
  'To add several, paste them one per line or separated by commas.': '여러 개를 추가하려면 한 줄에 하나씩 또는 쉼표로 구분해 붙여 넣으세요.',
  'Applies to every address added.': '추가하는 모든 주소에 적용됩니다.',
  Adding: '추가하는 중',
  'Added {{done}} of {{of}}…': '{{of}}개 중 {{done}}개 처리함…',
  // AuthEntryDialog
  Serial: '일련번호',
  'SHA-256 fingerprint': 'SHA-256 지문',
  'Scheduled to be Deleted on {{date}}.': '{{date}}에 삭제 예정입니다.',
  Download: '다운로드',
  '"{{name}}" deleted.': '"{{name}}"을(를) 삭제했습니다.',
  'The certificate "{{name}}" is deleted now, for good. Its .p12 can no longer be downloaded.':
    '인증서 "{{name}}"을(를) 지금 영구히 삭제합니다. 그 .p12 파일은 더 이상 다운로드할 수 없습니다.',
  'The {{noun}} "{{name}}" is deleted now, for good.': '{{noun}} "{{name}}"을(를) 지금 영구히 삭제합니다.',
  'Deletion of "{{name}}" requested: it will be deleted for good on {{date}}.': '"{{name}}"의 삭제를 요청했습니다. {{date}}에 영구히 삭제됩니다.',
  'Deletion of "{{name}}" cancelled: it is In Service again.': '"{{name}}"의 삭제를 취소했습니다. 다시 사용 중입니다.',
  // AddCertificateDialog
  'Certificate "{{name}}" issued.': '인증서 "{{name}}"을(를) 발급했습니다.',
  'Becomes the certificate subject (CN).': '인증서 주체(CN)가 됩니다.',
  'Protects the downloaded .p12 file. At least {{min}} characters; it is not stored.':
    '다운로드한 .p12 파일을 보호합니다. 최소 {{min}}자이며, 저장되지 않습니다.',
  'Confirm password': '비밀번호 확인',
  'Today (UTC) or later.': '오늘(UTC) 또는 그 이후.',
  "At most {{years}} years after valid from, and within the key store CA's validity.":
    '유효 시작일로부터 최대 {{years}}년, 그리고 키 저장소 CA의 유효 기간 안이어야 합니다.',
  'Issuing certificate': '인증서 발급 중',
  "Issuing the certificate and protecting its .p12 with your password… This takes a few seconds (longer the first time, when the key store's CA is created).":
    '인증서를 발급하고 입력한 비밀번호로 .p12를 보호하는 중… 몇 초 걸립니다(키 저장소의 CA를 처음 만들 때는 더 걸립니다).',
};
