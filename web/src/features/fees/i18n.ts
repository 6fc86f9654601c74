import type { Language } from '../../app/languages.ts';

const zhCN = {
  counter: {
    title: '窗口收费',
    introduction:
      '申请人在窗口缴费后，录入办件编号、金额、缴费方式和收据号。缴清或减免后，办件才能办结并出具结果。',
    applicationNumber: '办件编号',
    applicationNumberHint: '例如 330106-20261127-0000427',
    amountYuan: '金额（元）',
    amountYuanHint: '最多两位小数，不超过待缴金额',
    method: '缴费方式',
    receiptNumber: '收据号',
    receiptNumberHint: '交给缴费人的收据号，也是银行对账单上的摘要；字母、数字和连字符',
    submit: '登记缴费',
    submitting: '正在登记…',
    recorded: '已登记。办件 {{number}}：已缴 {{paid}} 元，待缴 {{outstanding}} 元。',
    result: '缴费情况',
    state: '状态',
    amount: '应缴',
    paid: '已缴',
    outstanding: '待缴',
    payments: '缴费记录',
  },
  methods: { cash: '现金', pos: '刷卡（POS）', 'bank-transfer': '银行转账' },
  states: { free: '不收费', unpaid: '未缴清', paid: '已缴清', waived: '已减免' },
  problems: {
    applicationNumber: '请填写正确的办件编号，例如 330106-20261127-0000427。',
    amountYuan: '请填写金额，单位为元，最多两位小数，且大于零。',
    receiptNumber: '请填写收据号（字母、数字和连字符，最多 40 个字符）。',
    method: '请选择缴费方式。',
    notFound: '没有找到您可以收费的这个办件，请核对编号。',
    forbidden: '您的账户没有窗口收费的权限（services.fees.collect）。',
    unexpected: '服务返回错误（HTTP {{status}}）：{{detail}}',
    unreachable: '暂时无法连接服务，请稍后再试。',
  },
};

const en: typeof zhCN = {
  counter: {
    title: 'Fees at the counter',
    introduction:
      'When an applicant pays at the counter, record the application number, the amount, how it was paid and the receipt number. A case is decided and its result issued only once its fee is paid or waived.',
    applicationNumber: 'Application number',
    applicationNumberHint: 'For example 330106-20261127-0000427',
    amountYuan: 'Amount (yuan)',
    amountYuanHint: 'At most two decimals, no more than is outstanding',
    method: 'Paid by',
    receiptNumber: 'Receipt number',
    receiptNumberHint:
      'The receipt given to the payer, also the reference on the bank statement; letters, digits and hyphens',
    submit: 'Record payment',
    submitting: 'Recording…',
    recorded: 'Recorded. Application {{number}}: {{paid}} yuan paid, {{outstanding}} yuan outstanding.',
    result: 'Fee',
    state: 'State',
    amount: 'Owed',
    paid: 'Paid',
    outstanding: 'Outstanding',
    payments: 'Payments',
  },
  methods: { cash: 'Cash', pos: 'Card (POS)', 'bank-transfer': 'Bank transfer' },
  states: { free: 'Free', unpaid: 'Not fully paid', paid: 'Paid', waived: 'Waived' },
  problems: {
    applicationNumber: 'Enter a valid application number, such as 330106-20261127-0000427.',
    amountYuan: 'Enter an amount in yuan above zero, with at most two decimals.',
    receiptNumber: 'Enter the receipt number (letters, digits and hyphens, up to 40).',
    method: 'Choose how it was paid.',
    notFound: 'No application you may collect fees for has that number; check it.',
    forbidden: 'Your account may not record fees (services.fees.collect).',
    unexpected: 'The service answered with an error (HTTP {{status}}): {{detail}}',
    unreachable: 'The service cannot be reached right now. Try again later.',
  },
};

export const feesMessages: Record<Language, typeof zhCN> = { 'zh-CN': zhCN, en };
