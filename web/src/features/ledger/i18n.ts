import type { Language } from '../../app/languages.ts';

const zhCN = {
  section: {
    title: '审计账本',
    introduction:
      '每一项重要操作都作为一条事件记入这个只能追加的审计账本。本页检查三件事：最新检查点是否由账本的密钥签名；自您上次访问以来，账本是否只增加了事件而没有改动已有的事件；以及某一条事件是否确实在账本中。所有核验都在您的浏览器中完成，服务器只提供数据和证明，因此您无需信任服务器。',
    unreachable: '暂时无法从服务器获取审计账本的检查点：服务可能未运行，或网络连接中断。请稍后刷新页面重试。',
    unreachableStatus: '服务返回了 HTTP {{status}}。',
    empty: '审计账本中还没有任何事件。第一次有经过审计的操作之后，这里会出现第一个检查点。',
  },
  verdict: {
    announcementPrefix: '核验结果：',
    checking: '正在获取并核验最新检查点…',
    unreachable: '无法获取检查点',
    empty: '账本中还没有记录',
    passed: '所有检查均已通过',
    signatureRejected: '警报：检查点的签名未通过核验',
    keyChanged: '警报：账本的签名密钥与本设备记住的不同',
    inconsistent: '警报：账本与您上次看到的不一致',
    appendOnlyUnchecked: '签名已验证，但这次无法检查账本是否只增不改',
    witnessFailed: '警报：有见证方联署未通过核验',
  },
  checkpoint: {
    heading: '最新检查点',
    size: '已记录的事件',
    rootHash: '根哈希',
    signedAt: '签发时间',
    origin: '账本名称',
    signature: '签名',
    signatureVerified: '已验证',
    signatureRejected: '未通过',
    signingKey: '签名密钥',
    keyFirstUse: '首次见到，已在本设备记住',
    keyNotRemembered: '首次见到，但浏览器不允许本页记住它',
    keyKnown: '与本设备在 {{date}} 记住的密钥相同',
    keyChanged: '与本设备记住的密钥不同',
    keyChangedDetail:
      '服务器现在使用的签名密钥，与本设备在 {{date}} 第一次访问时记住的不同。更换了密钥的账本可以向不同的人展示不同的历史，所以这是警报，而不是正常的更新。在运营机构通过其他正式渠道（例如公告）说明更换原因之前，请不要依赖这个账本。',
    rememberedKey: '本设备记住的密钥',
    rejectedDetail: {
      'unusable-key': '服务器给出的验证密钥格式无效，无法用它核验签名。',
      'bad-signature': '检查点上没有这个账本密钥的有效签名：检查点可能被改动过。',
      'malformed-checkpoint': '签名的内容不是格式正确的检查点。',
      'fields-differ': '服务器列出的事件数、根哈希或账本名称与签名的检查点不一致。',
    },
    rejectedAdvice: '上面显示的是服务器给出的数值，未经核验，请不要依赖它们。',
  },
  appendOnly: {
    heading: '只增不改检查',
    stateWord: {
      'first-visit': '首次核验',
      consistent: '一致',
      inconsistent: '不一致',
      unavailable: '无法检查',
    },
    firstVisit:
      '这是本设备第一次核验这个账本。本设备已记住这个检查点（{{size}} 条事件）；下次访问时，本页会要求服务器证明那时的账本只是在它之后追加了事件。',
    firstVisitNotRemembered:
      '这是本设备第一次核验这个账本，但这个检查点没能保存在本设备上，所以下次访问时无法检查账本是否只增不改。',
    consistentGrew:
      '与您在 {{date}} 看到的检查点一致：当时的 {{from}} 条事件原样保留，此后只追加了 {{added}} 条。',
    consistentUnchanged: '与您在 {{date}} 看到的检查点一致：此后没有新的事件。',
    inconsistent: {
      shrunk: '您在 {{date}} 看到账本有 {{from}} 条事件，现在只有 {{to}} 条：有事件被删除了。',
      rewritten: '账本的事件数与您在 {{date}} 看到的相同（{{to}} 条），但根哈希不同：已记录的事件被改动过。',
      'proof-failed':
        '服务器无法证明现在的账本（{{to}} 条事件）是在您于 {{date}} 看到的账本（{{from}} 条事件）之后追加而成的：早先记录的事件可能被改动过。',
    },
    inconsistentAdvice:
      '请不要依赖这个账本，并保存本页截图，通过其他渠道向运营机构或其上级部门报告。本设备会继续保留您之前看到的检查点，以后每次访问都会重新检查。',
    unavailable:
      '暂时无法从服务器获取一致性证明，无法确认账本自您在 {{date}} 看到之后只增不改。本设备仍保留那时的检查点，下次访问时会再次检查。',
  },
  witnesses: {
    heading: '见证方联署',
    explanation:
      '见证方（例如上级政府）只联署与它之前看到的检查点一致的检查点，因此账本无法向不同的人展示不同的历史。',
    none: '尚无见证方联署此检查点。',
    cosignedAt: '联署于 <time>{{time}}</time>',
    verified: '已在您的浏览器中核验',
    'no-published-key': '无法核验：账本未公布该见证方的公钥',
    'bad-signature': '核验失败：联署签名与公布的公钥不符',
    checkedWithKey: '所用公钥：',
    compareKeys:
      '每个联署都由本页用账本公布的见证方公钥在您的浏览器中核验。请将公钥与见证方自己公布的公钥比对，核验才不依赖本账本的服务器。',
  },
  inclusion: {
    heading: '核验一条事件',
    explanation:
      '包含证明只需几个哈希值，就能证明某个位置上的事件确实在签名检查点所承诺的账本中，而无需下载整个账本。',
    label: '事件位置',
    hint: '从 0 开始编号，输入 0 到 {{max}} 之间的整数。',
    submit: '核验',
    errorPrefix: '错误：',
    problem: {
      empty: '请输入事件位置。',
      'not-whole-number': '事件位置必须是整数，例如 0 或 12。',
      'too-large': '账本只有 {{size}} 条事件，请输入 0 到 {{max}} 之间的整数。',
    },
    stateWord: {
      checking: '正在核验…',
      verified: '已验证',
      failed: '未通过',
      unavailable: '无法检查',
    },
    verified: '第 {{index}} 号事件在签名检查点（{{size}} 条事件）所承诺的账本中。',
    failed: '服务器给出的证明与签名检查点的根哈希不符：不能确认第 {{index}} 号事件在账本中。',
    unavailable: '暂时无法从服务器获取第 {{index}} 号事件的包含证明，请稍后重试。',
    leafHash: '事件的叶子哈希',
    proofLength: '证明中的哈希数',
  },
};

const en: typeof zhCN = {
  section: {
    title: 'Audit ledger',
    introduction:
      "Every change that matters is recorded as an event in this append-only audit ledger. This page checks three things: that the latest checkpoint is signed by the ledger's key; that since your last visit the ledger has only gained events and none already recorded has changed; and that a given event is in the ledger. Every check runs in your browser. The server only supplies data and proofs, so you do not have to trust it.",
    unreachable:
      "The audit ledger's checkpoint cannot be fetched from the server right now: the service may not be running, or the network is down. Reload the page later to try again.",
    unreachableStatus: 'The service answered HTTP {{status}}.',
    empty:
      'Nothing has been recorded in the audit ledger yet. The first checkpoint appears here after the first audited change.',
  },
  verdict: {
    announcementPrefix: 'Result of the checks: ',
    checking: 'Fetching and checking the latest checkpoint…',
    unreachable: 'Checkpoint unavailable',
    empty: 'Nothing recorded yet',
    passed: 'All checks passed',
    signatureRejected: "Alarm: the checkpoint's signature did not verify",
    keyChanged: "Alarm: the ledger's signing key differs from the one this device remembered",
    inconsistent: 'Alarm: the ledger is not consistent with what you saw last time',
    appendOnlyUnchecked: 'Signature verified, but this time the ledger could not be checked for changes',
    witnessFailed: 'Alarm: a witness cosignature did not verify',
  },
  checkpoint: {
    heading: 'Latest checkpoint',
    size: 'Events recorded',
    rootHash: 'Root hash',
    signedAt: 'Signed at',
    origin: 'Ledger name',
    signature: 'Signature',
    signatureVerified: 'Verified',
    signatureRejected: 'Failed',
    signingKey: 'Signing key',
    keyFirstUse: 'Seen for the first time; key remembered on this device',
    keyNotRemembered: 'Seen for the first time, but this browser does not let the page remember it',
    keyKnown: 'The same key this device remembered on {{date}}',
    keyChanged: 'Not the key this device remembered',
    keyChangedDetail:
      'The server now signs with a different key from the one this device remembered on its first visit, on {{date}}. A ledger that changes its key can show different histories to different people, so this is an alarm, not an ordinary update. Do not rely on this ledger until the operator has explained the change through another official channel, such as a public notice.',
    rememberedKey: 'Key remembered on this device',
    rejectedDetail: {
      'unusable-key':
        'The verifier key the server sent is malformed, so the signature cannot be checked with it.',
      'bad-signature':
        "The checkpoint carries no valid signature by the ledger's key: it may have been altered.",
      'malformed-checkpoint': 'What was signed is not a well-formed checkpoint.',
      'fields-differ':
        'The size, root hash or ledger name the server lists differ from the signed checkpoint.',
    },
    rejectedAdvice: "The values above are the server's, unverified: do not rely on them.",
  },
  appendOnly: {
    heading: 'Append-only check',
    stateWord: {
      'first-visit': 'First check',
      consistent: 'Consistent',
      inconsistent: 'Inconsistent',
      unavailable: 'Not checked',
    },
    firstVisit:
      'This is the first time this device has checked the ledger. It has remembered this checkpoint ({{size}} events); on your next visit this page will ask the server to prove that the ledger has only been added to since.',
    firstVisitNotRemembered:
      'This is the first time this device has checked the ledger, but the checkpoint could not be kept on this device, so the next visit cannot check that the ledger was only added to.',
    consistentGrew:
      'Consistent with the checkpoint you saw on {{date}}: its {{from}} events are unchanged, and {{added}} have been added since.',
    consistentUnchanged:
      'Consistent with the checkpoint you saw on {{date}}: no events have been added since.',
    inconsistent: {
      shrunk:
        'On {{date}} you saw {{from}} events in the ledger; now it has {{to}}: events have been removed.',
      rewritten:
        'The ledger has as many events as on {{date}} ({{to}}), but a different root hash: recorded events have been altered.',
      'proof-failed':
        "The server could not prove that today's ledger ({{to}} events) only extends the one you saw on {{date}} ({{from}} events): events recorded earlier may have been altered.",
    },
    inconsistentAdvice:
      'Do not rely on this ledger. Keep a screenshot of this page and report it to the operator, or to the authority above it, through another channel. This device keeps the checkpoint you saw before and checks against it again on every visit.',
    unavailable:
      'The consistency proof cannot be fetched from the server right now, so it is not confirmed that the ledger has only been added to since you saw it on {{date}}. This device keeps that checkpoint and checks again on your next visit.',
  },
  witnesses: {
    heading: 'Witness cosignatures',
    explanation:
      'A witness, such as the government one level up, cosigns only checkpoints consistent with those it saw before, so the ledger cannot show different histories to different people.',
    none: 'No witness has cosigned this checkpoint yet.',
    cosignedAt: 'Cosigned on <time>{{time}}</time>',
    verified: 'Checked in your browser',
    'no-published-key': 'Cannot be checked: the ledger publishes no key for this witness',
    'bad-signature': 'Check failed: the cosignature does not match the published key',
    checkedWithKey: 'Checked with key:',
    compareKeys:
      'This page checks each cosignature in your browser with the witness keys the ledger publishes. Compare a key with the one the witness itself publishes, so that the check does not rest on this ledger’s server.',
  },
  inclusion: {
    heading: 'Check an event',
    explanation:
      'An inclusion proof of a few hashes proves that the event at a given position is in the ledger the signed checkpoint commits to, without downloading the ledger.',
    label: 'Event position',
    hint: 'Counted from 0: enter a whole number from 0 to {{max}}.',
    submit: 'Check',
    errorPrefix: 'Error: ',
    problem: {
      empty: "Enter the event's position.",
      'not-whole-number': 'The position must be a whole number, such as 0 or 12.',
      'too-large': 'The ledger has {{size}} events: enter a whole number from 0 to {{max}}.',
    },
    stateWord: {
      checking: 'Checking…',
      verified: 'Verified',
      failed: 'Failed',
      unavailable: 'Not checked',
    },
    verified: 'Event {{index}} is in the ledger the signed checkpoint ({{size}} events) commits to.',
    failed:
      "The server's proof does not match the signed checkpoint's root hash: event {{index}} cannot be confirmed to be in the ledger.",
    unavailable:
      'The inclusion proof for event {{index}} cannot be fetched from the server right now. Try again later.',
    leafHash: 'Leaf hash of the event',
    proofLength: 'Hashes in the proof',
  },
};

export const ledgerMessages: Record<Language, typeof zhCN> = { 'zh-CN': zhCN, en };
