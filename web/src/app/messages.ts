import type { Language } from './languages.ts';

/** The shell's own text; each feature keeps its text in features/<name>/i18n.ts. */
const zhCN = {
  shell: {
    skipToContent: '跳到主要内容',
    documentTitle: '{{page}} – 数治 Shuzhi',
    primaryNavigation: '主导航',
    menu: '菜单',
    language: '语言',
    loading: '正在加载…',
  },
  areas: {
    portal: { label: '办事大厅', sectionsNavigation: '办事大厅栏目' },
    workbench: { label: '工作台', sectionsNavigation: '工作台栏目' },
    dashboard: { label: '治理看板', sectionsNavigation: '治理看板栏目' },
  },
  footer: {
    contact: '联系我们',
    email: '电子邮件',
    phone: '电话',
    address: '地址',
    officeHours: '办公时间',
    siteInformation: '站点信息',
    accessibility: '无障碍声明',
    apiDocumentation: 'API 文档',
    about: '数治 Shuzhi 是开源的数字政府治理平台，以 Apache-2.0 许可证发布。',
  },
  home: {
    title: '首页',
    heading: '欢迎使用数治',
    welcome:
      '数治是面向各级政府的开源数字治理平台。群众和企业在这里网上办事、少跑腿；各部门在可控的前提下共享数据；政府倾听并及时回应公众意见，依据数据作出决策。每一项重要操作都记入任何人都可以核验的防篡改账本。',
  },
  notFound: {
    title: '找不到页面',
    body: '地址 {{path}} 没有对应的页面。页面可能已被移动或删除，也可能是地址输入有误。',
    home: '返回首页',
  },
  routeError: {
    title: '页面无法显示',
    body: '显示此页面时出现了意外错误。请刷新页面重试；如果问题仍然存在，请联系本网站。',
    home: '返回首页',
  },
  accessibility: {
    title: '无障碍声明',
    introduction:
      '{{operator}}致力于让每个人，包括残障人士和老年人，都能顺利使用本网站。本声明适用于{{operator}}部署的数治平台网页应用。',
    unnamedOperator: '本网站的运营机构',
    conformanceHeading: '符合性目标',
    conformance: '我们的目标是符合《Web 内容无障碍指南》（WCAG）2.1 AA 级。',
    testingHeading: '我们如何测试',
    testingIntroduction: '我们用以下方法检查本网站：',
    testedKeyboard: '仅用键盘操作：所有功能都能用 Tab、Shift+Tab、回车键和空格键完成，焦点始终清晰可见。',
    testedScreenReader:
      '屏幕阅读器：页面使用页眉、导航、主要内容和页脚等地标，标题层级有序，状态变化会被朗读。',
    testedContrast: '颜色对比度：文字与背景的对比度不低于 4.5:1，信息不只依靠颜色表达。',
    testedZoom: '缩放：页面放大到 400% 时，内容仍可完整阅读和操作，无需左右滚动。',
    testedAutomated: '自动化检查：浏览器测试使用 axe-core 自动检查页面。',
    limitationsHeading: '已知限制',
    limitations: '目前没有列出已知的限制。如果您发现问题，请告诉我们。',
    reportHeading: '反馈问题',
    reportIntroduction:
      '如果您在使用本网站时遇到无障碍问题，或需要以其他形式获取信息，请通过电子邮件联系我们：',
    reportWithoutContact:
      '如果您在使用本网站时遇到无障碍问题，或需要以其他形式获取信息，请联系本网站的运营机构。',
    reportAdvice: '请说明页面地址、您遇到的问题，以及您使用的设备和辅助技术。',
    updatedOn: '本声明更新于 {{date}}。',
  },
};

const en: typeof zhCN = {
  shell: {
    skipToContent: 'Skip to main content',
    documentTitle: '{{page}} – 数治 Shuzhi',
    primaryNavigation: 'Main navigation',
    menu: 'Menu',
    language: 'Language',
    loading: 'Loading…',
  },
  areas: {
    portal: { label: 'Services', sectionsNavigation: 'Services sections' },
    workbench: { label: 'Workbench', sectionsNavigation: 'Workbench sections' },
    dashboard: { label: 'Dashboard', sectionsNavigation: 'Dashboard sections' },
  },
  footer: {
    contact: 'Contact',
    email: 'Email',
    phone: 'Phone',
    address: 'Address',
    officeHours: 'Office hours',
    siteInformation: 'Site information',
    accessibility: 'Accessibility statement',
    apiDocumentation: 'API documentation',
    about:
      'Shuzhi (数治) is an open-source platform for digital government, released under the Apache-2.0 licence.',
  },
  home: {
    title: 'Home',
    heading: 'Welcome to Shuzhi',
    welcome:
      'Shuzhi is an open-source platform for digital government at every level. Citizens and enterprises handle their affairs online with fewer trips; departments share data without losing control of it; governments listen and respond to public opinion in good time, and decide from data. Every action that matters is recorded in a tamper-evident ledger that anyone can verify.',
  },
  notFound: {
    title: 'Page not found',
    body: 'There is no page at {{path}}. It may have been moved or removed, or the address may be mistyped.',
    home: 'Go to the home page',
  },
  routeError: {
    title: 'This page cannot be shown',
    body: 'Something unexpected went wrong while showing this page. Reload to try again; if the problem persists, please contact us.',
    home: 'Go to the home page',
  },
  accessibility: {
    title: 'Accessibility statement',
    introduction:
      '{{operator}} wants everyone, including people with disabilities and older people, to be able to use this website. This statement covers the Shuzhi web app that {{operator}} runs.',
    unnamedOperator: 'The organisation that runs this website',
    conformanceHeading: 'Conformance target',
    conformance: 'We aim to conform to the Web Content Accessibility Guidelines (WCAG) 2.1 at level AA.',
    testingHeading: 'How we test',
    testingIntroduction: 'We check this website in these ways:',
    testedKeyboard:
      'Keyboard only: every function works with Tab, Shift+Tab, Enter and Space, and the focus is always clearly visible.',
    testedScreenReader:
      'Screen readers: pages use header, navigation, main and footer landmarks, headings are in order, and status changes are announced.',
    testedContrast:
      'Colour contrast: text has a contrast ratio of at least 4.5:1 with its background, and no information relies on colour alone.',
    testedZoom: 'Zoom: at 400 % zoom all content can still be read and used without scrolling sideways.',
    testedAutomated: 'Automated checks: browser tests check the pages with axe-core.',
    limitationsHeading: 'Known limitations',
    limitations: 'No known limitations are listed yet. If you find a problem, please tell us.',
    reportHeading: 'Report a problem',
    reportIntroduction:
      'If you meet an accessibility problem on this website, or need information in another format, email us at:',
    reportWithoutContact:
      'If you meet an accessibility problem on this website, or need information in another format, please contact the organisation that runs it.',
    reportAdvice:
      'Please tell us the page address, the problem you met, and the device and assistive technology you use.',
    updatedOn: 'This statement was last updated on {{date}}.',
  },
};

export const appMessages: Record<Language, typeof zhCN> = { 'zh-CN': zhCN, en };
