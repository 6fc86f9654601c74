import { parse } from 'csv-parse/sync';
import { DomainError } from '../../platform/errors/index.ts';
import { type FeedbackDeps, submitRequest } from './intake.ts';
import { listCategoryMappings, type RequestStatus } from './store.ts';

export const BOSTON_311 = 'boston-311';
const BOSTON_ZONE = 'America/New_York';

/** The columns of the City of Boston's 311 export that the import reads. */
const REQUIRED_COLUMNS = [
  'case_enquiry_id',
  'open_dt',
  'closed_dt',
  'case_status',
  'closure_reason',
  'case_title',
  'type',
  'submittedphoto',
  'location',
  'latitude',
  'longitude',
] as const;

export type ImportProgress = { done: number; total: number };

export type ImportReport = {
  imported: number;
  /** Records already imported by an earlier run (the import can be run again safely). */
  alreadyImported: number;
  /** Records whose type has no row in feedback_category_mapping: nothing is guessed. */
  unmapped: { externalId: string; type: string }[];
  /** Records that contradict themselves (closed without a closing time): left out, not repaired. */
  invalid: { externalId: string; reason: string }[];
};

type Row = Record<(typeof REQUIRED_COLUMNS)[number], string>;

/** The instant of a wall-clock time in a zone (the export's dates carry none; they are Boston time). */
export function zonedWallTimeToDate(wallTime: string, timeZone: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(wallTime);
  if (!match) throw new Error(`not a date and time: ${wallTime}`);
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  const asUtc = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
  const offsetAt = (instant: number) => {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      })
        .formatToParts(new Date(instant))
        .map((part) => [part.type, part.value]),
    );
    const local = Date.UTC(
      +parts.year!,
      +parts.month! - 1,
      +parts.day!,
      +parts.hour!,
      +parts.minute!,
      +parts.second!,
    );
    return local - instant;
  };
  // Two passes settle the offset even when the first guess falls on the other side of a DST change.
  const first = asUtc - offsetAt(asUtc);
  return new Date(asUtc - offsetAt(first));
}

const blankToNull = (value: string | undefined) => {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
};

/**
 * Imports the City of Boston's 311 records into a division (Boston has no Chinese division code, so
 * the caller says where they belong), each mapped to our category and kind by
 * feedback_category_mapping, routed like any request, with its history and audit events. A record
 * already imported is skipped, so the import can be run again; a type without a mapping is reported,
 * never guessed.
 */
export async function importBoston311(
  deps: FeedbackDeps,
  csvText: string,
  options: { divisionCode: string; onProgress?: (progress: ImportProgress) => void },
): Promise<ImportReport> {
  let records: Row[];
  try {
    records = parse(csvText, { columns: true, skip_empty_lines: true, bom: true }) as Row[];
  } catch (error) {
    throw new DomainError({
      kind: 'invalid',
      code: 'feedback.import-csv',
      title: 'Not a readable CSV file',
      detail: `The file is not valid CSV: ${(error as Error).message}.`,
    });
  }
  const header = records[0] ? Object.keys(records[0]) : [];
  const missing = REQUIRED_COLUMNS.filter((column) => !header.includes(column));
  if (records.length > 0 && missing.length > 0) {
    throw new DomainError({
      kind: 'invalid',
      code: 'feedback.import-columns',
      title: 'Not a Boston 311 export',
      detail: `The file lacks the columns ${missing.join(', ')}.`,
    });
  }
  const mappings = new Map(
    (await listCategoryMappings(deps.db, BOSTON_311)).map((row) => [row.external_type, row]),
  );
  const existing = new Set(
    (
      await deps.db
        .selectFrom('feedback_request')
        .select('external_id')
        .where('external_source', '=', BOSTON_311)
        .execute()
    ).map((row) => row.external_id),
  );
  const report: ImportReport = { imported: 0, alreadyImported: 0, unmapped: [], invalid: [] };
  options.onProgress?.({ done: 0, total: records.length });
  for (const [index, record] of records.entries()) {
    const externalId = record.case_enquiry_id.trim();
    const mapping = mappings.get(record.type);
    if (existing.has(externalId)) report.alreadyImported += 1;
    else if (!mapping) report.unmapped.push({ externalId, type: record.type });
    else if (record.case_status.trim() === 'Closed' && !blankToNull(record.closed_dt))
      report.invalid.push({ externalId, reason: 'closed without closed_dt' });
    else {
      const latitude = blankToNull(record.latitude);
      const longitude = blankToNull(record.longitude);
      const status: RequestStatus = record.case_status.trim() === 'Closed' ? 'closed' : 'open';
      const closedDt = blankToNull(record.closed_dt);
      await submitRequest(
        deps,
        { kind: 'import', source: BOSTON_311 },
        {
          categoryCode: mapping.category_code,
          kind: mapping.kind,
          description: blankToNull(record.case_title) ?? record.type,
          divisionCode: options.divisionCode,
          address: blankToNull(record.location),
          latitude: latitude === null ? null : Number(latitude),
          longitude: longitude === null ? null : Number(longitude),
          mediaUrl: blankToNull(record.submittedphoto),
        },
        {
          imported: {
            externalId,
            status,
            submittedAt: zonedWallTimeToDate(record.open_dt.trim(), BOSTON_ZONE),
            closedAt: status === 'closed' && closedDt ? zonedWallTimeToDate(closedDt, BOSTON_ZONE) : null,
            statusNotes: status === 'closed' ? blankToNull(record.closure_reason) : null,
          },
        },
      );
      report.imported += 1;
    }
    options.onProgress?.({ done: index + 1, total: records.length });
  }
  return report;
}
