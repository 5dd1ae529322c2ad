/** Korean words for the members screens: English text → Korean (see ../index.ts). Role names (ADMIN, APPROVAL ADMIN…) stay as they are. */
export const members: Record<string, string> = {
  // Member Management
  'Member Management': '멤버 관리',
  'Add Member': '멤버 추가',
  'Members unlock the same vault, each with their own username and passphrase. Nobody shares a passphrase, and removing a member re-keys the vault.':
    '멤버는 각자의 사용자 이름과 암호 문구로 같은 볼트의 잠금을 해제합니다. 암호 문구는 공유하지 않으며, 멤버를 제거하면 볼트의 키를 교체합니다.',
  'Loading members': '멤버를 불러오는 중',
  'You are the only member. Add Member lets another person unlock this same vault with their own username and passphrase, with the role you choose. Two members holding approval roles are what the Approval Feature needs.':
    '멤버가 나 혼자입니다. 멤버 추가로 다른 사람이 자신의 사용자 이름과 암호 문구로 이 볼트의 잠금을 해제하도록 하고 역할을 지정할 수 있습니다. 승인 기능을 쓰려면 승인 역할을 가진 멤버가 두 명 필요합니다.',
  Members: '멤버 목록',
  Username: '사용자 이름',
  Role: '역할',
  'Approval roles': '승인 역할',
  Created: '생성일',
  'Last unlock': '마지막 잠금 해제',
  '(you)': '(나)',
  Never: '없음',
  'Change roles of {{username}}': '{{username}}의 역할 변경',
  'Change roles': '역할 변경',
  'You cannot remove yourself. Another ADMIN can remove your account.': '자기 자신은 제거할 수 없습니다. 다른 ADMIN이 내 계정을 제거할 수 있습니다.',
  'Remove {{username}} (you cannot remove yourself)': '{{username}} 제거 (자기 자신은 제거할 수 없음)',
  Remove: '제거',
  'Remove {{username}}': '{{username}} 제거',
  'Remove member': '멤버 제거',
  'Member {{username}} added. They can unlock this vault now.': '멤버 {{username}}을(를) 추가했습니다. 이제 이 볼트의 잠금을 해제할 수 있습니다.',
  'Roles of {{username}} changed.': '{{username}}의 역할을 변경했습니다.',
  '{{username}} was removed, and the vault was re-keyed.': '{{username}}을(를) 제거하고 볼트의 키를 교체했습니다.',
  "{{username}} can no longer unlock this vault. Removing a member re-keys the vault: a fresh data key is sealed to every remaining member, so {{username}}'s passphrase opens neither the current vault file nor any file written after this. Remaining members keep their passphrases.":
    '{{username}}은(는) 더 이상 이 볼트의 잠금을 해제할 수 없습니다. 멤버를 제거하면 볼트의 키를 교체합니다. 남은 멤버 모두에게 새 데이터 키를 봉인하므로, {{username}}의 암호 문구로는 현재 볼트 파일도, 이후에 기록되는 어떤 파일도 열 수 없습니다. 남은 멤버의 암호 문구는 그대로입니다.',

  // Add Member, Change roles
  'Adding…': '추가하는 중…',
  Add: '추가',
  'What the member types at Unlock. Stored hashed in the vault header, never in plain text.':
    '멤버가 잠금 해제할 때 입력하는 이름입니다. 볼트 헤더에 해시로만 저장되며 평문으로는 저장되지 않습니다.',
  Passphrase: '암호 문구',
  'At least {{n}} characters. Hand it over in person; the member can change it in Settings.':
    '{{n}}자 이상. 직접 전달하세요. 멤버는 설정에서 바꿀 수 있습니다.',
  'Confirm passphrase': '암호 문구 확인',
  'Saving…': '저장하는 중…',
  Save: '저장',
  'Approval roles (in addition to the role)': '승인 역할 (역할에 더해)',
  'Both are used only with the Approval Feature on.': '두 역할 모두 승인 기능이 켜져 있을 때만 쓰입니다.',
  'Manages members and the Governance Setting, and everything a MEMBER can do.': '멤버와 거버넌스 설정을 관리하며, MEMBER가 할 수 있는 모든 작업을 합니다.',
  'Manages key stores, keys and authentication information, and uses keys in the console.': '키 저장소, 키, 인증 정보를 관리하고 콘솔에서 키를 사용합니다.',
  'Sees key stores, keys and authentication information (metadata only); no Reveal, Decrypt, Sign, data keys or Download, and no changes.':
    '키 저장소, 키, 인증 정보를 조회만 합니다(메타데이터만). 값 보기, 복호화, 서명, 데이터 키, 다운로드와 모든 변경은 할 수 없습니다.',
  "Approver: approves or denies other members' requests.": '승인자: 다른 멤버의 요청을 승인하거나 거부합니다.',
  'Requester: stages changes in Key Store Management and requests approval.': '요청자: 키 저장소 관리에서 변경 사항을 등록하고 승인을 요청합니다.',

  // Governance Setting
  'Governance Setting': '거버넌스 설정',
  'Approval Feature': '승인 기능',
  'With the Approval Feature on, nobody changes a key store alone: every change to a key store, its keys and its authentication information is staged in Key Store Management and sent as a request that another member approves in the Approval List. Using keys is not a change and works as before.':
    '승인 기능이 켜져 있으면 누구도 혼자서 키 저장소를 바꿀 수 없습니다. 키 저장소와 그 키, 인증 정보에 대한 모든 변경은 키 저장소 관리에 등록되고, 다른 멤버가 승인 목록에서 승인할 요청으로 보내집니다. 키 사용은 변경이 아니므로 이전처럼 동작합니다.',
  'It can be turned on only when at least two members hold an approval role and at least one of them is APPROVAL ADMIN; otherwise nobody could ever approve. While it is on, changing this setting, turning it off included, is itself a request that another APPROVAL ADMIN approves, so one ADMIN cannot switch the control off alone.':
    '승인 역할을 가진 멤버가 두 명 이상이고 그중 한 명 이상이 APPROVAL ADMIN일 때만 켤 수 있습니다. 그렇지 않으면 아무도 승인할 수 없기 때문입니다. 켜져 있는 동안에는 이 설정을 바꾸는 것(끄는 것 포함)도 다른 APPROVAL ADMIN이 승인해야 하는 요청이므로, ADMIN 한 명이 혼자서 통제를 끌 수 없습니다.',
  'Now 1 member holds an approval role, and 1 is APPROVAL ADMIN.': '현재 승인 역할을 가진 멤버는 1명이며, 그중 1명이 APPROVAL ADMIN입니다.',
  'Now 1 member holds an approval role, and {{admins}} are APPROVAL ADMIN.': '현재 승인 역할을 가진 멤버는 1명이며, 그중 {{admins}}명이 APPROVAL ADMIN입니다.',
  'Now {{members}} members hold an approval role, and 1 is APPROVAL ADMIN.': '현재 승인 역할을 가진 멤버는 {{members}}명이며, 그중 1명이 APPROVAL ADMIN입니다.',
  'Now {{members}} members hold an approval role, and {{admins}} are APPROVAL ADMIN.':
    '현재 승인 역할을 가진 멤버는 {{members}}명이며, 그중 {{admins}}명이 APPROVAL ADMIN입니다.',
  'Loading the Governance Setting': '거버넌스 설정을 불러오는 중',
  'Request Id': '요청 ID',
  'A change to this setting is waiting for approval (request {{id}}…). Another APPROVAL ADMIN approves or denies it in the Approval List; until it is decided or withdrawn, this setting cannot change again.':
    '이 설정의 변경이 승인을 기다리고 있습니다(요청 {{id}}…). 다른 APPROVAL ADMIN이 승인 목록에서 승인하거나 거부합니다. 결정되거나 철회될 때까지 이 설정은 다시 바꿀 수 없습니다.',
  'Required approvals': '필요 승인 수',
  'How many distinct APPROVAL ADMINs other than the requester must approve before a request is applied. One Deny ends it.':
    '요청이 적용되기 전에 요청자가 아닌 서로 다른 APPROVAL ADMIN 몇 명이 승인해야 하는지 정합니다. 한 명이라도 거부하면 요청은 끝납니다.',
  'Request expiry days': '요청 만료 일수',
  'A request nobody decided within this many days expires, and nothing is applied.':
    '이 일수 안에 아무도 결정하지 않은 요청은 만료되며 아무것도 적용되지 않습니다.',
  'Request change': '변경 요청',
  'Nothing changed.': '바뀐 것이 없습니다.',
  'Governance Setting saved.': '거버넌스 설정을 저장했습니다.',
  'Governance Setting change sent for approval.': '거버넌스 설정 변경의 승인을 요청했습니다.',
  'The Approval Feature is on. Changes to key stores now go through Key Store Management and the Approval List.':
    '승인 기능이 켜졌습니다. 이제 키 저장소 변경은 키 저장소 관리와 승인 목록을 거칩니다.',
};
