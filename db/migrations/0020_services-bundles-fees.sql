-- Fees of service applications paid at the counter (one payment order per application, payments with
-- receipt numbers, daily reconciliation against the bank statement), and "one thing, one go" bundles
-- (一件事): a bundle of items at a division with one merged form, and bundle cases grouping one
-- application per member item.

insert into permission (code, module, description_zh, description_en) values
  ('services.fees.collect', 'services', '记录窗口收费、导入银行对账单并对账',
   'Record fees paid at the counter, import bank statements and reconcile them'),
  ('services.fees.waive', 'services', '减免办件收费（须说明理由）', 'Waive an application''s fee, with a reason');

create table service_fee_order (
  id uuid primary key,
  application_id uuid not null unique references service_application (id),
  province_code text not null check (province_code ~ '^[0-9]{2}$'),
  division_code text not null references division (code),
  implementing_organisation_id uuid not null,
  item_code text not null,
  item_version_id uuid not null references service_item_version (id),
  provider text not null check (provider in ('counter')),
  lines jsonb not null,
  amount_fen bigint not null check (amount_fen > 0),
  paid_fen bigint not null default 0 check (paid_fen >= 0 and paid_fen <= amount_fen),
  state text not null check (state in ('unpaid', 'paid', 'waived')),
  waiver_reason text,
  waived_by uuid,
  created_at timestamptz not null,
  settled_at timestamptz,
  check ((state = 'waived') = (waiver_reason is not null)),
  check ((state = 'paid') = (paid_fen = amount_fen))
);
comment on table service_fee_order is 'The payment order of an application whose item version charges a fee: what is owed, by the guide, and where it stands.';
comment on column service_fee_order.id is 'Stable identifier.';
comment on column service_fee_order.application_id is 'The application the fee is for (one order per application).';
comment on column service_fee_order.province_code is 'Province of the serving division (distribution column).';
comment on column service_fee_order.division_code is 'The division of the implementation that collects the fee.';
comment on column service_fee_order.implementing_organisation_id is 'The implementing organisation that collects the fee.';
comment on column service_fee_order.item_code is 'The service item.';
comment on column service_fee_order.item_version_id is 'The item version whose guide set the fee lines.';
comment on column service_fee_order.provider is 'The payment provider: counter (offline payment recorded by a clerk).';
comment on column service_fee_order.lines is 'The guide''s fee lines: [{nameZh, nameEn, amountFen, basisZh, basisEn}].';
comment on column service_fee_order.amount_fen is 'Total owed, in fen (1/100 yuan).';
comment on column service_fee_order.paid_fen is 'Sum of the payments recorded, in fen.';
comment on column service_fee_order.state is 'unpaid, paid (in full) or waived.';
comment on column service_fee_order.waiver_reason is 'Why the fee was waived (only for waived).';
comment on column service_fee_order.waived_by is 'Account id of who waived it.';
comment on column service_fee_order.created_at is 'When the order was created.';
comment on column service_fee_order.settled_at is 'When it became paid or waived.';

create table service_fee_payment (
  id uuid primary key,
  order_id uuid not null references service_fee_order (id),
  province_code text not null check (province_code ~ '^[0-9]{2}$'),
  division_code text not null references division (code),
  amount_fen bigint not null check (amount_fen > 0),
  method text not null check (method in ('cash', 'pos', 'bank-transfer')),
  receipt_number text not null check (receipt_number ~ '^[A-Za-z0-9-]{1,40}$'),
  received_on date not null,
  recorded_by uuid not null,
  recorded_at timestamptz not null,
  unique (division_code, receipt_number)
);
create index service_fee_payment_day on service_fee_payment (division_code, received_on);
comment on table service_fee_payment is 'A payment received at the counter and recorded by a clerk.';
comment on column service_fee_payment.id is 'Stable identifier.';
comment on column service_fee_payment.order_id is 'The payment order it pays.';
comment on column service_fee_payment.province_code is 'Province (distribution column).';
comment on column service_fee_payment.division_code is 'The division of the collecting office; receipt numbers are unique within it.';
comment on column service_fee_payment.amount_fen is 'Amount received, in fen.';
comment on column service_fee_payment.method is 'cash, pos (card terminal) or bank-transfer.';
comment on column service_fee_payment.receipt_number is 'The receipt number given to the payer (非税收入票据号), the reference on the bank statement.';
comment on column service_fee_payment.received_on is 'The Beijing-time day the money was received (the statement day it must appear on).';
comment on column service_fee_payment.recorded_by is 'Account id of the clerk who recorded it.';
comment on column service_fee_payment.recorded_at is 'When it was recorded.';

create table service_fee_reconciliation (
  id uuid primary key,
  province_code text not null check (province_code ~ '^[0-9]{2}$'),
  division_code text not null references division (code),
  statement_date date not null,
  statement_sha256 text not null,
  matched integer not null check (matched >= 0),
  missing integer not null check (missing >= 0),
  unexpected integer not null check (unexpected >= 0),
  amount_differs integer not null check (amount_differs >= 0),
  lines jsonb not null,
  reconciled_by uuid not null,
  created_at timestamptz not null
);
create index service_fee_reconciliation_day on service_fee_reconciliation (division_code, statement_date);
comment on table service_fee_reconciliation is 'A daily reconciliation of the recorded payments of a division against an imported bank statement, with its report.';
comment on column service_fee_reconciliation.id is 'Stable identifier.';
comment on column service_fee_reconciliation.province_code is 'Province (distribution column).';
comment on column service_fee_reconciliation.division_code is 'The division whose payments were reconciled.';
comment on column service_fee_reconciliation.statement_date is 'The statement day (Beijing time).';
comment on column service_fee_reconciliation.statement_sha256 is 'SHA-256 of the imported CSV, so the report names exactly what it was run against.';
comment on column service_fee_reconciliation.matched is 'Expected entries found on the statement with the same amount.';
comment on column service_fee_reconciliation.missing is 'Expected entries not on the statement.';
comment on column service_fee_reconciliation.unexpected is 'Statement lines no recorded payment explains.';
comment on column service_fee_reconciliation.amount_differs is 'Entries on both sides with different amounts.';
comment on column service_fee_reconciliation.lines is 'The report: [{reference, outcome, expectedFen, statementFen, method}].';
comment on column service_fee_reconciliation.reconciled_by is 'Account id of who ran it.';
comment on column service_fee_reconciliation.created_at is 'When it was run.';

create table service_bundle (
  id uuid primary key,
  code text not null check (code ~ '^[a-z][a-z0-9-]{1,39}$'),
  division_code text not null references division (code),
  province_code text not null check (province_code ~ '^[0-9]{2}$'),
  name_zh text not null,
  name_en text not null,
  members jsonb not null,
  form_schema jsonb not null,
  form_ui jsonb not null,
  updated_at timestamptz not null,
  updated_by text not null,
  unique (code, division_code)
);
comment on table service_bundle is 'A "one thing, one go" bundle (一件事) at a division: member items and one merged form.';
comment on column service_bundle.id is 'Stable identifier.';
comment on column service_bundle.code is 'The bundle code, e.g. enterprise-opening (企业开办).';
comment on column service_bundle.division_code is 'The division whose implementations of the member items serve it.';
comment on column service_bundle.province_code is 'Province (distribution column).';
comment on column service_bundle.name_zh is 'Name in Chinese.';
comment on column service_bundle.name_en is 'Name in English.';
comment on column service_bundle.members is 'Member items in order: [{itemCode, fields: {memberProperty: bundleProperty}}].';
comment on column service_bundle.form_schema is 'JSON Schema of the merged answers.';
comment on column service_bundle.form_ui is 'How the merged form is asked (the catalogue''s form UI shape).';
comment on column service_bundle.updated_at is 'When the definition was last written.';
comment on column service_bundle.updated_by is 'Account id of who wrote it, or seed.';

create table service_bundle_serial (
  division_code text not null references division (code),
  day date not null,
  last_serial integer not null check (last_serial between 1 and 999999),
  primary key (division_code, day)
);
comment on table service_bundle_serial is 'The last bundle case serial per division and Beijing-time day.';
comment on column service_bundle_serial.division_code is 'The bundle''s division.';
comment on column service_bundle_serial.day is 'The Beijing-time day of submission.';
comment on column service_bundle_serial.last_serial is 'The serial given to the last bundle case of that day.';

create table service_bundle_case (
  id uuid primary key,
  case_number text not null unique check (case_number ~ '^[0-9]{2,12}-[0-9]{8}-Y[0-9]{6}$'),
  bundle_id uuid not null references service_bundle (id),
  province_code text not null check (province_code ~ '^[0-9]{2}$'),
  division_code text not null references division (code),
  applicant_account_id uuid not null,
  applicant_organisation_id uuid,
  submitted_at timestamptz not null
);
create index service_bundle_case_applicant on service_bundle_case (applicant_account_id, submitted_at);
comment on table service_bundle_case is 'One submission of a bundle: one number for the applicant, one application per member item.';
comment on column service_bundle_case.id is 'Stable identifier.';
comment on column service_bundle_case.case_number is 'The bundle case number: division, Beijing-time day, Y and a serial.';
comment on column service_bundle_case.bundle_id is 'The bundle definition it was submitted under.';
comment on column service_bundle_case.province_code is 'Province (distribution column).';
comment on column service_bundle_case.division_code is 'The bundle''s division.';
comment on column service_bundle_case.applicant_account_id is 'The account that submitted it.';
comment on column service_bundle_case.applicant_organisation_id is 'The organisation an enterprise account acted for.';
comment on column service_bundle_case.submitted_at is 'When it was submitted.';

create table service_bundle_case_member (
  case_id uuid not null references service_bundle_case (id),
  item_code text not null,
  application_id uuid not null unique references service_application (id),
  province_code text not null check (province_code ~ '^[0-9]{2}$'),
  primary key (case_id, item_code)
);
comment on table service_bundle_case_member is 'The application a bundle case made for one member item.';
comment on column service_bundle_case_member.case_id is 'The bundle case.';
comment on column service_bundle_case_member.item_code is 'The member item.';
comment on column service_bundle_case_member.application_id is 'The application handled by that item''s own department and workflow.';
comment on column service_bundle_case_member.province_code is 'Province (distribution column).';
