import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { type DivisionMatch, searchDivisions } from './accountApi.ts';
import { DivisionSearchField } from './DivisionSearchField.tsx';

/** Where a citizen lives, searched across the whole country. */
export function DivisionField({
  id,
  chosen,
  onChoose,
  error,
}: {
  id: string;
  chosen: DivisionMatch | null;
  onChoose: (division: DivisionMatch) => void;
  error: string | undefined;
}) {
  const { t } = useTranslation('account');
  const texts = useMemo(
    () => ({
      chosen: (name: string) => t('register.divisionChosen', { name }),
      searching: t('register.divisionSearching'),
      none: (query: string) => t('register.divisionNone', { query }),
      found: (count: number) => t('register.divisionFound', { count }),
      unavailable: t('register.divisionUnavailable'),
      results: t('register.divisionResults'),
    }),
    [t],
  );
  return (
    <DivisionSearchField
      id={id}
      label={t('register.division')}
      hint={t('register.divisionHint')}
      chosen={chosen}
      onChoose={onChoose}
      error={error}
      search={searchDivisions}
      texts={texts}
      radioName="divisionCode"
      chosenTestId="division-chosen"
    />
  );
}
