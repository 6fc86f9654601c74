import type { TFunction } from 'i18next';
import { type ComponentProps, type ReactNode, useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';
import { Button } from '../../ui/Button.tsx';
import {
  ErrorSummary,
  type FieldErrors,
  fieldOfPointer,
  isUnreachable,
  SelectField,
  summaryItemsOf,
  TextField,
  useFormProblems,
} from '../account/index.ts';
import type { Page } from './administrationApi.ts';

export type AdminT = TFunction<'administration'>;

/** The reader's own words for the problems administrators meet; the server's detail otherwise. */
export function problemMessage(t: AdminT, error: unknown): string {
  if (!(error instanceof ApiError)) {
    return isUnreachable(error) ? t('problems.unreachable') : String(error);
  }
  switch (error.code) {
    case 'identity.outside-scope':
      return t('problems.outsideScope');
    case 'identity.grant-exceeds-own-rights':
    case 'identity.role-exceeds-own-rights':
    case 'identity.role-change-exceeds-own-rights':
      return t('problems.exceedsOwnRights', { detail: error.detail ?? '' });
    case 'permission-denied':
      return t('problems.forbidden');
    case 'identity.role-code-taken':
      return t('problems.codeTaken');
    case 'identity.credit-code-taken':
      return t('problems.creditCodeTaken');
    case 'identity.organisation-inactive':
      return t('problems.inactive');
    case 'identity.organisation-in-use':
      return t('problems.inUse');
    case 'identity.grant-already-revoked':
      return t('problems.alreadyRevoked');
    case 'identity.account-already-disabled':
      return t('problems.alreadyDisabled');
    case 'identity.cannot-disable-self':
      return t('problems.cannotDisableSelf');
    default:
      return t('problems.unexpected', { status: error.status, detail: error.detail ?? error.title });
  }
}

/**
 * Field errors from a failed submission, keyed by the form's fields; what names no field goes to the
 * summary alone.
 */
export function formProblemsOf<Field extends string>(
  t: AdminT,
  error: unknown,
  fields: readonly Field[],
): { fields: FieldErrors<Field>; other: string | undefined } {
  const placed: FieldErrors<Field> = {};
  if (error instanceof ApiError) {
    for (const problem of error.errors) {
      const field = fieldOfPointer(problem.pointer) as Field;
      if (fields.includes(field)) placed[field] ??= problem.detail;
    }
    // A code with its own words says more than the field detail the server wrote in English.
    if (Object.keys(placed).length > 0 && error.code !== 'identity.credit-code-taken') {
      return { fields: placed, other: undefined };
    }
  }
  return { fields: {}, other: problemMessage(t, error) };
}

/** Select options for organisations by Chinese name, after a first option that chooses none. */
export function OrganisationSelect({
  organisations,
  noneLabel,
  ...selectProps
}: Omit<ComponentProps<typeof SelectField>, 'children'> & {
  organisations: readonly { id: string; nameZh: string }[];
  noneLabel: string;
}) {
  return (
    <SelectField {...selectProps}>
      <option value="">{noneLabel}</option>
      {organisations.map((organisation) => (
        <option key={organisation.id} value={organisation.id}>
          {organisation.nameZh}
        </option>
      ))}
    </SelectField>
  );
}

/**
 * A table that scrolls sideways on a phone: the scrolling region is focusable and named by the caption.
 * `children` are its body rows, under one column heading each of `headings`.
 */
export function DataTable({
  caption,
  headings,
  children,
}: {
  caption: string;
  headings: readonly string[];
  children: ReactNode;
}) {
  const captionId = useId();
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a keyboard user must be able to scroll a wide table.
    <section className="admin-table" aria-labelledby={captionId} tabIndex={0}>
      <table>
        <caption id={captionId}>{caption}</caption>
        <thead>
          <tr>
            {headings.map((heading) => (
              <th scope="col" key={heading}>
                {heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </section>
  );
}

export type Listing<T> =
  | { kind: 'loading' }
  | { kind: 'forbidden' }
  | { kind: 'unavailable' }
  | { kind: 'loaded'; items: readonly T[]; nextCursor: string | null; isLoadingMore: boolean };

/**
 * A list read a page at a time; `fetchPage` must keep its identity while the filters stay (useCallback). `reload` starts again from the first page (after a change); a 403
 * becomes its own state so that the page can say plainly that the reader may not see it.
 */
export function usePagedList<T>(
  fetchPage: (cursor: string | undefined, signal?: AbortSignal) => Promise<Page<T>>,
) {
  const [listing, setListing] = useState<Listing<T>>({ kind: 'loading' });
  const [generation, setGeneration] = useState(0);

  // A new fetchPage (other filters) or a reload starts again from the first page.
  // biome-ignore lint/correctness/useExhaustiveDependencies: generation is the reload signal.
  useEffect(() => {
    const controller = new AbortController();
    setListing({ kind: 'loading' });
    fetchPage(undefined, controller.signal).then(
      (page) =>
        setListing({ kind: 'loaded', items: page.items, nextCursor: page.nextCursor, isLoadingMore: false }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setListing({ kind: error instanceof ApiError && error.status === 403 ? 'forbidden' : 'unavailable' });
      },
    );
    return () => controller.abort();
  }, [fetchPage, generation]);

  const loadMore = useCallback(async () => {
    if (listing.kind !== 'loaded' || !listing.nextCursor || listing.isLoadingMore) return;
    setListing({ ...listing, isLoadingMore: true });
    try {
      const page = await fetchPage(listing.nextCursor);
      setListing({
        kind: 'loaded',
        items: [...listing.items, ...page.items],
        nextCursor: page.nextCursor,
        isLoadingMore: false,
      });
    } catch {
      setListing({ ...listing, isLoadingMore: false });
    }
  }, [listing, fetchPage]);

  const reload = useCallback(() => setGeneration((count) => count + 1), []);
  return { listing, loadMore, reload };
}

export function LoadMore<T>({ listing, onLoadMore }: { listing: Listing<T>; onLoadMore: () => void }) {
  const { t } = useTranslation('administration');
  if (listing.kind !== 'loaded' || !listing.nextCursor) return null;
  return (
    <div>
      <Button onClick={onLoadMore} aria-disabled={listing.isLoadingMore || undefined}>
        {listing.isLoadingMore ? t('common.loadingMore') : t('common.loadMore')}
      </Button>
    </div>
  );
}

/** What a list shows while loading, when refused, or when the server cannot be reached. */
export function ListingState<T>({ listing }: { listing: Listing<T> }) {
  const { t } = useTranslation('administration');
  if (listing.kind === 'loading') return <p role="status">{t('layout.loading')}</p>;
  if (listing.kind === 'forbidden') return <p className="account-alert">{t('layout.sectionForbidden')}</p>;
  if (listing.kind === 'unavailable') return <p className="account-alert">{t('layout.unavailable')}</p>;
  if (listing.items.length === 0) return <p>{t('common.none')}</p>;
  return null;
}

/** A list read a page at a time as a table: what it shows while loading or refused, its rows, and "load more". */
export function PagedTable<T>({
  listing,
  caption,
  headings,
  row,
  onLoadMore,
}: {
  listing: Listing<T>;
  caption: string;
  headings: readonly string[];
  row: (item: T) => ReactNode;
  onLoadMore: () => void;
}) {
  return (
    <>
      <ListingState listing={listing} />
      {listing.kind === 'loaded' && listing.items.length > 0 && (
        <DataTable caption={caption} headings={headings}>
          {listing.items.map(row)}
        </DataTable>
      )}
      <LoadMore listing={listing} onLoadMore={onLoadMore} />
    </>
  );
}

/** A message after a change succeeded; a status region, so a screen reader says it without moving focus. */
export function Notice({ message }: { message: string | undefined }) {
  return (
    <p className="admin-notice" role="status">
      {message}
    </p>
  );
}

/**
 * Asks for the reason of a revocation, deactivation or disabling before doing it. The question takes
 * focus when it opens; cancelling returns focus to the button that opened it.
 */
export function ReasonConfirmation({
  id,
  heading,
  confirmLabel,
  onConfirm,
  onCancel,
}: {
  id: string;
  heading: string;
  confirmLabel: string;
  onConfirm: (reason: string) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation('administration');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [reason, setReason] = useState('');
  const [isBusy, setIsBusy] = useState(false);
  const { errors, formError, summaryRef, showProblems } = useFormProblems<'reason'>();
  const fieldId = `${id}-reason`;

  useEffect(() => headingRef.current?.focus(), []);

  async function confirm() {
    if (isBusy) return;
    if (reason.trim().length < 2) {
      showProblems({ reason: t('problems.reasonShort') });
      return;
    }
    setIsBusy(true);
    try {
      await onConfirm(reason.trim());
    } catch (error) {
      const { fields, other } = formProblemsOf(t, error, ['reason'] as const);
      showProblems(fields, other);
      setIsBusy(false);
    }
  }

  return (
    <section className="admin-panel admin-confirm" aria-labelledby={`${id}-heading`}>
      <ErrorSummary
        items={summaryItemsOf(['reason'] as const, { reason: fieldId }, errors, formError)}
        summaryRef={summaryRef}
      />
      <h3 id={`${id}-heading`} ref={headingRef} tabIndex={-1}>
        {heading}
      </h3>
      <form
        className="account-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void confirm();
        }}
      >
        <TextField
          id={fieldId}
          name="reason"
          label={t('common.reason')}
          hint={t('common.reasonHint')}
          error={errors.reason}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          maxLength={500}
        />
        <div className="account-actions">
          <Button type="submit" className="button--danger" aria-disabled={isBusy || undefined}>
            {confirmLabel}
          </Button>
          <Button onClick={onCancel}>{t('common.cancel')}</Button>
        </div>
      </form>
    </section>
  );
}
