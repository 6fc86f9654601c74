/**
 * The few pages the provider itself renders (sign-out confirmation, signed out, protocol errors), in
 * Chinese and English on one page since they are reached before the web app can know the language.
 * No scripts: they work under the platform's content security policy and without JavaScript.
 */

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

const STYLE = `body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;padding:1.5rem;color:#1a1a1a;background:#fff;line-height:1.6}
main{max-width:32rem;margin:0 auto}h1{font-size:1.4rem}p{margin:.5rem 0}
button{font:inherit;min-height:2.75rem;padding:.5rem 1rem;margin:.25rem .5rem .25rem 0;border:2px solid #0b4f8a;border-radius:.25rem;cursor:pointer}
.primary{background:#0b4f8a;color:#fff}.secondary{background:#fff;color:#0b4f8a}
button:focus-visible{outline:3px solid #d35400;outline-offset:2px}p[lang=en],h1 [lang=en]{color:#333}`;

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main>${body}</main></body>
</html>`;
}

/** `form` is the provider's hidden form (its id is op.logoutForm, with the anti-forgery token). */
export function logoutPage(form: string, clientName: string | undefined): string {
  const from = clientName ? `「${escapeHtml(clientName)}」` : '';
  return page(
    '退出登录 · Sign out',
    `<h1>退出登录？<span lang="en"> Sign out?</span></h1>
<p>${from}请求退出统一身份认证登录。退出后，使用统一登录的各个系统都需要重新登录。</p>
<p lang="en">${clientName ? `${escapeHtml(clientName)} asks to sign you out. ` : ''}Every service you reached through single sign-on will ask you to sign in again.</p>
${form}
<button class="primary" autofocus type="submit" form="op.logoutForm" value="yes" name="logout">退出登录 <span lang="en">Sign out</span></button>
<button class="secondary" type="submit" form="op.logoutForm">保持登录 <span lang="en">Stay signed in</span></button>`,
  );
}

export function signedOutPage(clientName: string | undefined): string {
  return page(
    '已退出登录 · Signed out',
    `<h1>已退出登录<span lang="en"> · Signed out</span></h1>
<p>您已退出统一身份认证${clientName ? `及「${escapeHtml(clientName)}」` : ''}。</p>
<p lang="en">You have signed out of single sign-on${clientName ? ` and ${escapeHtml(clientName)}` : ''}.</p>
<p><a href="/">返回首页 <span lang="en">Home</span></a></p>`,
  );
}

/** Names the protocol error (for the service's operators) without any internal detail. */
export function errorPage(error: string, description: string | undefined, requestId: string): string {
  return page(
    '无法完成登录 · Sign-in could not be completed',
    `<h1>无法完成登录<span lang="en"> · Sign-in could not be completed</span></h1>
<p>请返回原来的服务重新开始。如果问题仍然存在，请把下面的信息告诉该服务的运维人员。</p>
<p lang="en">Go back to the service and start again. If it keeps happening, give the details below to the service's operators.</p>
<p><code>${escapeHtml(error)}</code>${description ? `: ${escapeHtml(description)}` : ''}</p>
<p>请求编号 <span lang="en">Request id</span>: <code>${escapeHtml(requestId)}</code></p>`,
  );
}

/** What went wrong when the web app signed in through the provider, in words for the person. */
const WEB_SIGN_IN_PROBLEMS: Record<string, { zh: string; en: string }> = {
  'invalid-return-to': {
    zh: '登录链接指向本网站以外的地址，已被拒绝。',
    en: 'The sign-in link pointed outside this site and was refused.',
  },
  'no-attempt': {
    zh: '这次登录已过期、已经完成，或是在另一个浏览器中开始的。',
    en: 'This sign-in has expired, was finished already, or was started in another browser.',
  },
  'state-mismatch': {
    zh: '登录应答与本浏览器发起的登录不符，已被拒绝。',
    en: 'The sign-in answer does not match the sign-in this browser started, so it was refused.',
  },
  'access-denied': {
    zh: '登录已取消或被拒绝。',
    en: 'The sign-in was cancelled or refused.',
  },
  'provider-error': {
    zh: '统一身份认证未能完成登录。',
    en: 'Single sign-on could not complete the sign-in.',
  },
  'token-refused': {
    zh: '登录凭证未通过校验。',
    en: 'The sign-in could not be verified.',
  },
  'session-mismatch': {
    zh: '登录结果与本浏览器当前的登录状态不符。',
    en: "The sign-in does not match this browser's current session.",
  },
};

export function webSignInProblemPage(problem: string, requestId: string): string {
  const words = WEB_SIGN_IN_PROBLEMS[problem] ?? WEB_SIGN_IN_PROBLEMS['provider-error']!;
  return page(
    '无法登录 · Could not sign in',
    `<h1>无法登录<span lang="en"> · Could not sign in</span></h1>
<p>${escapeHtml(words.zh)}</p>
<p lang="en">${escapeHtml(words.en)}</p>
<p><a href="/auth/sign-in">重新登录 <span lang="en">Sign in again</span></a> · <a href="/">返回首页 <span lang="en">Home</span></a></p>
<p>问题代码 <span lang="en">Problem</span>: <code>${escapeHtml(problem)}</code> · 请求编号 <span lang="en">Request id</span>: <code>${escapeHtml(requestId)}</code></p>`,
  );
}
