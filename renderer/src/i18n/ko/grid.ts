/** Korean words for the grid screens: English text → Korean (see ../index.ts). */
export const grid: Record<string, string> = {
  // components/grid: the one list
  Columns: '열',
  'Search by name': '이름으로 검색',
  'Search by address': '주소로 검색',
  'Select {{name}}': '{{name}} 선택',
  'Select all rows on this page': '이 페이지의 모든 행 선택',
  'Select rows to act on several at once.': '여러 항목에 한 번에 적용하려면 행을 선택하세요.',
  '{{count}} selected': '{{count}}개 선택됨',
  'Clear selection': '선택 해제',
  '{{from}}–{{to}} of {{count}}': '{{count}}개 중 {{from}}–{{to}}',
  'Deleted for good on {{date}}': '{{date}}에 영구 삭제',
  // components/grid: Request for Deletion / Cancel Deletion of several rows
  'Request for Deletion ({{count}})': '삭제 요청 ({{count}})',
  'Cancel Deletion ({{count}})': '삭제 취소 ({{count}})',
  'Request for Deletion {{name}}': '{{name}} 삭제 요청',
  'Cancel Deletion {{name}}': '{{name}} 삭제 취소',
  'Request for Deletion or Cancel Deletion': '삭제 요청 또는 삭제 취소',
  'These {{count}} {{nouns}} will be Scheduled to be Deleted and deleted for good in 7 days. Until then they cannot be used, and you can Cancel Deletion.':
    '이 {{nouns}} {{count}}개는 삭제 예정 상태가 되고 7일 후 영구 삭제됩니다. 그때까지는 사용할 수 없으며, 삭제 취소할 수 있습니다.',
  'These {{count}} {{nouns}} return to In Service and can be used again.': '이 {{nouns}} {{count}}개는 사용 중 상태로 돌아가 다시 사용할 수 있습니다.',
  'and {{count}} more': '외 {{count}}개',
  '{{count}} other selected {{nouns}} are already Scheduled to be Deleted and stay as they are.':
    '선택한 다른 {{nouns}} {{count}}개는 이미 삭제 예정 상태이므로 그대로 둡니다.',
  '{{count}} other selected {{nouns}} are already In Service and stay as they are.': '선택한 다른 {{nouns}} {{count}}개는 이미 사용 중이므로 그대로 둡니다.',
  'The changes are staged in Key Store Management and apply once approved.': '변경 사항은 키 저장소 관리에 등록되며 승인되면 적용됩니다.',
  '{{count}} changes staged for approval in Key Store Management.': '변경 {{count}}건을 승인용으로 키 저장소 관리에 등록했습니다.',
  '"{{name}}" is Scheduled to be Deleted.': '"{{name}}"은(는) 삭제 예정입니다.',
  '"{{name}}" is back In Service.': '"{{name}}"은(는) 다시 사용 중입니다.',
  '{{count}} {{nouns}} are Scheduled to be Deleted.': '{{nouns}} {{count}}개가 삭제 예정입니다.',
  '{{count}} {{nouns}} are back In Service.': '{{nouns}} {{count}}개가 다시 사용 중입니다.',
  'Request for Deletion: {{done}} of {{count}} {{nouns}} done, {{refused}} refused': '삭제 요청: {{nouns}} {{count}}개 중 {{done}}개 완료, {{refused}}개 거부',
  'Cancel Deletion: {{done}} of {{count}} {{nouns}} done, {{refused}} refused': '삭제 취소: {{nouns}} {{count}}개 중 {{done}}개 완료, {{refused}}개 거부',
  '{{name}}: {{reason}}': '{{name}}: {{reason}}',
  keys: '키',
  // keys/KeyManagementPanel
  'No keys yet': '아직 키가 없습니다',
  'Add Confidential Data, a Symmetric Key or an Asymmetric Key, or import an existing AES-256 key.':
    '기밀 데이터, 대칭키 또는 비대칭키를 추가하거나 기존 AES-256 키를 가져오세요.',
  'All types': '모든 유형',
  'All statuses': '모든 상태',
  'Next rotation': '다음 회전',
  'No keys match the search and filters.': '검색어와 필터에 맞는 키가 없습니다.',
  // screens/KeyStoresPage
  'Key stores': '키 저장소 목록',
  'A key store groups keys with the way its client programs authenticate (IPv4, MAC, certificate). Add one to begin.':
    '키 저장소는 키를 클라이언트 프로그램의 인증 방식(IPv4, MAC, 인증서)과 함께 묶습니다. 시작하려면 하나를 추가하세요.',
  'No key stores match the search.': '검색어에 맞는 키 저장소가 없습니다.',
  // auth/AuthPanel and auth/kinds.ts (shown through t())
  'Loading {{list}}': '{{list}} 불러오는 중',
  'Download {{name}}': '{{name}} 다운로드',
  'IPv4 addresses': 'IPv4 주소',
  'MAC addresses': 'MAC 주소',
  certificates: '인증서',
  'No IPv4 addresses yet': '아직 IPv4 주소가 없습니다',
  'No MAC addresses yet': '아직 MAC 주소가 없습니다',
  'No certificates yet': '아직 인증서가 없습니다',
  'No IPv4 addresses match the search.': '검색어에 맞는 IPv4 주소가 없습니다.',
  'No MAC addresses match the search.': '검색어에 맞는 MAC 주소가 없습니다.',
  'No certificates match the search.': '검색어에 맞는 인증서가 없습니다.',
  'Client programs of this key store must connect from a registered IPv4 address or range.':
    '이 키 저장소의 클라이언트 프로그램은 등록된 IPv4 주소 또는 범위에서 접속해야 합니다.',
  'Client programs of this key store must run on a machine with a registered MAC address.':
    '이 키 저장소의 클라이언트 프로그램은 등록된 MAC 주소를 가진 컴퓨터에서 실행되어야 합니다.',
  "Client programs of this key store present a client certificate issued by the key store's own CA.":
    '이 키 저장소의 클라이언트 프로그램은 키 저장소 자체 CA가 발급한 클라이언트 인증서를 제시합니다.',
};
