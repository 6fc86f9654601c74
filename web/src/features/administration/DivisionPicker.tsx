import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { type DivisionOption, DivisionSearchField } from '../account/index.ts';
import { useAdministration } from './AdministrationContext.tsx';
import { searchDivisions } from './administrationApi.ts';

export type PickedDivision = DivisionOption;

/**
 * Picks a division inside the reader's areas: the areas themselves are offered at once, and a name
 * search looks only inside them.
 */
export function DivisionPicker({
  id,
  label,
  hint,
  chosen,
  onChoose,
  error,
}: {
  id: string;
  label: string;
  hint: string;
  chosen: PickedDivision | null;
  onChoose: (division: PickedDivision) => void;
  error: string | undefined;
}) {
  const { t } = useTranslation('administration');
  const { areas } = useAdministration();
  const areaOptions = useMemo(
    () => areas.map((area) => ({ code: area.divisionCode, fullName: area.divisionName })),
    [areas],
  );
  const searchWithinAreas = useCallback(
    async (query: string, signal: AbortSignal) =>
      (await Promise.all(areas.map((area) => searchDivisions(query, area.divisionCode, signal)))).flat(),
    [areas],
  );
  const texts = useMemo(
    () => ({
      chosen: (name: string) => t('picker.chosen', { name }),
      searching: t('picker.searching'),
      none: (query: string) => t('picker.none', { query }),
      found: (count: number) => t('picker.found', { count }),
      unavailable: t('layout.unavailable'),
      results: t('picker.results'),
    }),
    [t],
  );
  return (
    <DivisionSearchField
      id={id}
      label={label}
      hint={hint}
      chosen={chosen}
      onChoose={(division) => onChoose({ code: division.code, fullName: division.fullName })}
      error={error}
      search={searchWithinAreas}
      texts={texts}
      fixedOptions={areaOptions}
      radioName={`${id}-choice`}
      chosenTestId={`${id}-chosen`}
    />
  );
}
