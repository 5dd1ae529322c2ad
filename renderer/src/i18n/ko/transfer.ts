/** Korean words for the transfer screens: English text → Korean (see ../index.ts). */
export const transfer: Record<string, string> = {
  // ExportWrappedAction, ExportWrappedDialog
  'Export wrapped': '래핑하여 내보내기',
  'Turn on Allow export (under Detail Key Information) to export this key wrapped.': '이 키를 래핑하여 내보내려면 키 상세 정보에서 내보내기 허용을 켜십시오.',
  'This key is Scheduled to be Deleted, so it cannot be exported. Cancel Deletion to export it.':
    '이 키는 삭제 예정이므로 내보낼 수 없습니다. 내보내려면 삭제 취소를 하십시오.',
  '"{{name}}" version {{version}} wrapped for {{destination}}, saved to {{path}}.':
    '"{{name}}" 버전 {{version}}을(를) {{destination}}용으로 래핑하여 {{path}}에 저장했습니다.',
  '"{{name}}" version {{version}} wrapped for {{destination}}: {{file}}.': '"{{name}}" 버전 {{version}}을(를) {{destination}}용으로 래핑했습니다: {{file}}.',
  'Saved to {{path}}': '{{path}}에 저장했습니다',
  'Exported wrapped': '래핑하여 내보냄',
  '"{{name}}" version {{version}} is wrapped for {{destination}}. Move both files to where the destination’s command line runs, and run the command.':
    '"{{name}}" 버전 {{version}}이(가) {{destination}}용으로 래핑되었습니다. 두 파일을 대상의 명령줄 도구가 실행되는 곳으로 옮긴 뒤 명령을 실행하십시오.',
  'Wrapped key file': '래핑된 키 파일',
  '{{file}}, saved to {{path}}': '{{file}}, {{path}}에 저장됨',
  'Import command file': '가져오기 명령 파일',
  'Wrapped for the wrapping key': '래핑에 사용한 래핑 키',
  'Import command': '가져오기 명령',
  'Words in <CAPITALS> are placeholders for what only you know (an account, a region, a file). The command file holds no secret.':
    '<대문자>로 쓴 부분은 직접 채워 넣을 자리입니다(계정, 리전, 파일 등). 명령 파일에는 비밀 정보가 없습니다.',
  'Download the import command': '가져오기 명령 다운로드',
  'That was a private key, so it was not used or sent anywhere. Paste the destination’s public wrapping key only, and treat the private key as exposed.':
    '붙여 넣은 것은 개인키이므로 사용하지도, 어디에도 보내지도 않았습니다. 대상의 공개 래핑 키만 붙여 넣으십시오. 붙여 넣은 개인키는 노출된 것으로 간주하십시오.',
  'Choose where the key is going.': '키를 보낼 대상을 선택하십시오.',
  'Saving was cancelled, so no wrapped key file was written. Export again and choose where to save it.':
    '저장이 취소되어 래핑된 키 파일을 쓰지 않았습니다. 다시 내보내고 저장할 위치를 선택하십시오.',
  'Saving the import command file was cancelled; the command is below.': '가져오기 명령 파일 저장이 취소되었습니다. 명령은 아래에 있습니다.',
  Export: '내보내기',
  'Wraps a version of "{{name}}" for the destination’s own public wrapping key, so that only the destination can unwrap it: the key is never shown or saved in the clear. Two files are saved: the wrapped key and the command that imports it.':
    '"{{name}}"의 한 버전을 대상 자신의 공개 래핑 키로 래핑하므로 대상만 풀 수 있습니다. 키는 평문으로 표시되거나 저장되지 않습니다. 래핑된 키와 그것을 가져오는 명령, 두 파일이 저장됩니다.',
  Destination: '대상',
  'Where the key is going: its file is made in the form that destination imports.': '키를 보낼 곳입니다. 파일은 그 대상이 가져오는 형식으로 만들어집니다.',
  '{{destination}} (not for this key)': '{{destination}} (이 키에는 사용 불가)',
  'Destination’s public wrapping key (PEM)': '대상의 공개 래핑 키 (PEM)',
  'Paste it, or load the file the destination gave you. RSA 2048, 3072 or 4096 bits; never a private key.':
    '붙여 넣거나 대상이 제공한 파일을 불러오십시오. RSA 2048, 3072 또는 4096비트이며, 개인키는 절대 넣지 마십시오.',
  'Load from a file': '파일에서 불러오기',
  'Public wrapping key file': '공개 래핑 키 파일',
  '"{{name}}" is larger than 16 KB: it is not a public wrapping key.': '"{{name}}"은(는) 16KB보다 큽니다. 공개 래핑 키가 아닙니다.',
  'Reading the wrapping key': '래핑 키 읽는 중',
  'Reading the wrapping key…': '래핑 키를 읽는 중…',
  'SHA-256 fingerprint of the wrapping key': '래핑 키의 SHA-256 지문',
  'RSA {{bits}} bits. Read it aloud and compare it with the fingerprint the destination shows for its wrapping key before you export.':
    'RSA {{bits}}비트. 내보내기 전에 소리 내어 읽고 대상이 보여 주는 래핑 키의 지문과 비교하십시오.',
  'Destinations whose wrapping keys have this size: {{list}}.': '이 크기의 래핑 키를 쓰는 대상: {{list}}.',
  'Key exchange key id (kid)': '키 교환 키 ID (kid)',
  'The .byok file names the key exchange key it was wrapped for: its "kid", as az keyvault key create shows it.':
    '.byok 파일에는 래핑에 사용한 키 교환 키가 기록됩니다. az keyvault key create가 보여 주는 "kid"를 입력하십시오.',
  Version: '버전',
  'The current version unless the destination needs an older one.': '대상이 이전 버전을 요구하지 않는 한 현재 버전을 사용하십시오.',
  'Version {{version}} (current), created {{date}}': '버전 {{version}} (현재), 생성일 {{date}}',
  'Version {{version}}, created {{date}}': '버전 {{version}}, 생성일 {{date}}',
  'Exporting wrapped': '래핑하여 내보내는 중',
  'Wrapping the key and saving the files…': '키를 래핑하고 파일을 저장하는 중…',

  // destinations.ts (shared/transfer.ts DestinationRules: labels and refusals)
  'Vault / OpenBao transit': 'Vault / OpenBao transit',
  'AWS KMS': 'AWS KMS',
  'Google Cloud KMS': 'Google Cloud KMS',
  'Azure Key Vault': 'Azure Key Vault',
  'Generic (CKM_RSA_AES_KEY_WRAP)': '일반 (CKM_RSA_AES_KEY_WRAP)',
  'AWS KMS documents imported key material for symmetric, RSA and NIST elliptic-curve keys; it does not document importing Ed25519 (ECC_NIST_EDWARDS25519) key material, so this app does not offer it. Use Generic if your account accepts it.':
    'AWS KMS는 대칭키, RSA 키, NIST 타원 곡선 키의 키 자료 가져오기만 문서화하고 Ed25519(ECC_NIST_EDWARDS25519) 키 자료 가져오기는 문서화하지 않으므로 이 앱은 제공하지 않습니다. 계정에서 받아들인다면 일반을 사용하십시오.',
  'Azure Key Vault imports RSA and EC keys (and AES keys into a Managed HSM); it has no Ed25519 keys.':
    'Azure Key Vault는 RSA 키와 EC 키(그리고 Managed HSM에는 AES 키)를 가져옵니다. Ed25519 키는 없습니다.',
  'Base64 text for transit’s import endpoint (ciphertext=@FILE). The wrapping key is transit’s own: vault read transit/wrapping_key.':
    'transit의 가져오기 엔드포인트용 Base64 텍스트(ciphertext=@FILE). 래핑 키는 transit 자신의 키입니다: vault read transit/wrapping_key.',
  'Raw bytes for ImportKeyMaterial (RSA_AES_KEY_WRAP_SHA_256). The wrapping key is the PublicKey that GetParametersForImport answers with.':
    'ImportKeyMaterial용 원시 바이트(RSA_AES_KEY_WRAP_SHA_256). 래핑 키는 GetParametersForImport가 돌려주는 PublicKey입니다.',
  'Raw bytes for an import job (RSA_OAEP_…_SHA256_AES_256). The wrapping key is the import job’s public key.':
    '가져오기 작업(import job)용 원시 바이트(RSA_OAEP_…_SHA256_AES_256). 래핑 키는 가져오기 작업의 공개키입니다.',
  'A .byok file for az keyvault key import. The wrapping key is the public half of your key exchange key (KEK).':
    'az keyvault key import용 .byok 파일. 래핑 키는 키 교환 키(KEK)의 공개키입니다.',
  'The raw blob (RSA-OAEP SHA-256, then AES key wrap with padding), for any HSM or KMS that takes CKM_RSA_AES_KEY_WRAP.':
    'CKM_RSA_AES_KEY_WRAP를 받는 모든 HSM 또는 KMS용 원시 블롭(RSA-OAEP SHA-256, 이어서 패딩 포함 AES 키 래핑).',
  'Wrapping key sizes: RSA {{bits}}.': '래핑 키 크기: RSA {{bits}}.',
  '{{destination}} does not take {{algorithm}} keys.': '{{destination}}은(는) {{algorithm}} 키를 받지 않습니다.',

  // WrappedKeyFields and ImportKeyDialog (Import Key → Wrapped key material)
  'Imports a Symmetric Key (AES-256) or an Asymmetric Key wrapped for this vault. Imported keys cannot be rotated.':
    '이 보관소용으로 래핑된 대칭키(AES-256) 또는 비대칭키를 가져옵니다. 가져온 키는 회전할 수 없습니다.',
  'The key comes as': '키 형식',
  'Typed Key Data (0xXX)': '입력한 키 데이터 (0xXX)',
  'Wrapped key material': '래핑된 키 자료',
  'A key wrapped for this vault’s wrapping key (CKM_RSA_AES_KEY_WRAP, RSA-OAEP with SHA-256), from an HSM, a cloud KMS or another vault. It is unwrapped inside the vault and never shown.':
    'HSM, 클라우드 KMS 또는 다른 보관소에서 이 보관소의 래핑 키로 래핑한 키(CKM_RSA_AES_KEY_WRAP, SHA-256 RSA-OAEP)입니다. 보관소 안에서 래핑이 풀리며 표시되지 않습니다.',
  'Download PEM': 'PEM 다운로드',
  'Check with the sender that they wrapped the key for this fingerprint: a key wrapped for any other key is refused.':
    '보낸 사람이 이 지문의 키로 래핑했는지 확인하십시오. 다른 키로 래핑한 키는 거부됩니다.',
  'Key algorithm': '키 알고리즘',
  'What the wrapped key is: an AES-256 key as its raw 32 bytes; an RSA, ECDSA or Ed25519 private key as PKCS#8 DER.':
    '래핑된 키의 종류입니다. AES-256 키는 원시 32바이트, RSA·ECDSA·Ed25519 개인키는 PKCS#8 DER입니다.',
  'Choose another file': '다른 파일 선택',
  'Choose the wrapped key file': '래핑된 키 파일 선택',
  '{{name}} ({{size}} bytes)': '{{name}} ({{size}}바이트)',
  'Wrapped key file {{name}}': '래핑된 키 파일 {{name}}',
  'The file as the sender made it: raw bytes, the RSA-OAEP part first (512 bytes), then the wrapped key.':
    '보낸 사람이 만든 그대로의 파일입니다. 원시 바이트로, RSA-OAEP 부분(512바이트)이 먼저 오고 래핑된 키가 이어집니다.',
  '"{{name}}" is larger than 48 KB: a wrapped key is a few kilobytes at most. Choose the wrapped key file.':
    '"{{name}}"은(는) 48KB보다 큽니다. 래핑된 키는 기껏해야 몇 킬로바이트입니다. 래핑된 키 파일을 선택하십시오.',

  // WrappingKeyPanel (Settings → Wrapping key)
  'Getting the vault’s wrapping key': '보관소의 래핑 키를 가져오는 중',
  'Getting the vault’s wrapping key… The first time, it is made now (RSA 4096), which takes a few seconds.':
    '보관소의 래핑 키를 가져오는 중… 처음에는 지금 만들어지며(RSA 4096) 몇 초 걸립니다.',
  'SHA-256 fingerprint of this vault’s wrapping key': '이 보관소 래핑 키의 SHA-256 지문',
  'Wrapping key': '래핑 키',
  'Keys wrapped elsewhere (in an HSM, a cloud KMS or another vault) come into this vault under its wrapping key: RSA 4096, made the first time it is needed. Give its public key (PEM) to whoever wraps a key for this vault, and compare the fingerprint with them. The private key never leaves the vault.':
    '다른 곳(HSM, 클라우드 KMS, 다른 보관소)에서 래핑한 키는 이 보관소의 래핑 키로 들어옵니다. 래핑 키는 RSA 4096이며 처음 필요할 때 만들어집니다. 이 보관소용으로 키를 래핑할 사람에게 공개키(PEM)를 주고 지문을 함께 비교하십시오. 개인키는 보관소를 떠나지 않습니다.',
  'Then import the file with Import Key → Wrapped key material.': '그런 다음 키 가져오기 → 래핑된 키 자료로 파일을 가져오십시오.',
  'RSA {{bits}}, RSA-OAEP with SHA-256': 'RSA {{bits}}, SHA-256 RSA-OAEP',
  'Show the wrapping key': '래핑 키 보기',
  'Settings → Wrapping key': '설정 → 래핑 키',
};
