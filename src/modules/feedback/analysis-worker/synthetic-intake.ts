import type { SyntheticRequest } from '../analysis/index.ts';
import type { ImportedFacts, RequestInput } from '../intake.ts';

/** The generator's topics as this platform's request categories (docs/feedback-analysis.md). */
export const SYNTHETIC_CATEGORY_CODES: Readonly<Record<string, string>> = {
  noise: 'noise',
  roads: 'road-damage',
  sanitation: 'sanitation',
  utilities: 'water-drainage',
  property: 'housing',
  traffic: 'parking',
  market: 'government-services',
  safety: 'public-health',
};

/**
 * A generated request as the intake takes it from an import: its category mapped, its time kept,
 * and the answers a category requires (road damage asks whether it is a hazard) filled in.
 */
export function syntheticIntake(
  request: SyntheticRequest,
  source: string,
): { input: RequestInput; imported: ImportedFacts } {
  const categoryCode = SYNTHETIC_CATEGORY_CODES[request.category] ?? 'government-services';
  return {
    input: {
      categoryCode,
      kind: 'complaint',
      description: request.text,
      divisionCode: request.divisionCode,
      latitude: request.point?.latitude ?? null,
      longitude: request.point?.longitude ?? null,
      attributes: categoryCode === 'road-damage' ? { hazard: 'no' } : {},
    },
    imported: {
      externalId: `${source}:${request.id}`,
      status: 'open',
      submittedAt: new Date(request.at),
      closedAt: null,
      statusNotes: null,
    },
  };
}
