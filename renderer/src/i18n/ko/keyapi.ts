/** Korean words for the keyapi screens: English text → Korean (see ../index.ts). */
export const keyapi: Record<string, string> = {
  'Key API': '키 API',
  'Key API started.': '키 API를 시작했습니다.',
  'Key API stopped.': '키 API를 중지했습니다.',
  '{{name}}: {{message}}': '{{name}}: {{message}}',
  'API CA certificate saved to {{path}}.': 'API CA 인증서를 {{path}}에 저장했습니다.',
  "Client programs use keys through the Key API: the same paths as the cloud product's v1.0 API, over HTTPS, with the App Key in the address. Each key store's client authentication (IPv4, MAC, certificate) decides which programs get in.":
    '클라이언트 프로그램은 키 API로 키를 사용합니다. 키 API는 클라우드 제품의 v1.0 API와 같은 경로를 HTTPS로 제공하며, 주소에 앱 키가 들어갑니다. 어떤 프로그램이 접근할 수 있는지는 각 키 저장소의 클라이언트 인증(IPv4, MAC, 인증서)이 결정합니다.',
  "While the Key API serves, the vault's data key and the keys clients use stay in this app's memory, even after Lock; Stop Key API or quitting the app wipes them.":
    '키 API가 서비스하는 동안에는 볼트의 데이터 키와 클라이언트가 사용하는 키가 잠금 후에도 이 앱의 메모리에 남습니다. 키 API를 중지하거나 앱을 종료하면 지워집니다.',
  'Loading the Key API status': '키 API 상태를 불러오는 중',
  Status: '상태',
  Serving: '서비스 중',
  Stopped: '중지됨',
  Address: '주소',
  'Host names': '호스트 이름',
  'Serving since': '서비스 시작 일시',
  'Requests served': '처리한 요청',
  Failures: '실패',
  'API CA fingerprint (SHA-256)': 'API CA 지문 (SHA-256)',
  'API CA fingerprint': 'API CA 지문',
  'Not issued yet: the first Start issues it.': '아직 발급되지 않음: 처음 시작할 때 발급됩니다.',
  'Listen address': '수신 주소',
  '127.0.0.1: this computer only; 0.0.0.0: every interface.': '127.0.0.1: 이 컴퓨터에서만, 0.0.0.0: 모든 네트워크 인터페이스',
  Port: '포트',
  '{{port}} by default.': '기본값은 {{port}}입니다.',
  'Names client programs use to reach this computer, one per line or separated by commas. They go into the server certificate together with the listen address.':
    '클라이언트 프로그램이 이 컴퓨터에 접속할 때 쓰는 이름입니다. 한 줄에 하나씩 또는 쉼표로 구분해 입력하세요. 수신 주소와 함께 서버 인증서에 들어갑니다.',
  'Starting the Key API': '키 API 시작 중',
  'Starting the Key API: issuing its server certificate…': '키 API를 시작하는 중: 서버 인증서를 발급하고 있습니다…',
  'Starting…': '시작하는 중…',
  'Start Key API': '키 API 시작',
  'Stop Key API': '키 API 중지',
  'Keep serving': '계속 서비스',
  'Download API CA certificate': 'API CA 인증서 다운로드',
  'To change the listen address, port or host names, stop the Key API and start it again.':
    '수신 주소, 포트 또는 호스트 이름을 바꾸려면 키 API를 중지한 뒤 다시 시작하세요.',
  'An ADMIN starts and stops the Key API.': '키 API의 시작과 중지는 ADMIN이 합니다.',
  'Client programs lose access to the keys through the Key API until an ADMIN starts it again; calls they are making now fail. The keys held in memory for client programs are wiped; this console stays signed in.':
    'ADMIN이 키 API를 다시 시작할 때까지 클라이언트 프로그램은 키 API로 키에 접근할 수 없으며, 진행 중인 호출은 실패합니다. 클라이언트 프로그램용으로 메모리에 보관한 키는 지워지고, 이 콘솔의 로그인은 유지됩니다.',
};
