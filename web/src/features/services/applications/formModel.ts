/**
 * The form's rules as the server applies them (src/modules/services/applications/form.ts): which pages
 * show for the answers so far, and which answers a submission keeps. Kept the same so that the page
 * the applicant sees is the page the server checks.
 */
import type { Answers, ApplicationForm, Condition, FormField, FormPage } from './applicationsApi.ts';

function partsOf(pointer: string): string[] {
  return pointer
    .split('/')
    .slice(1)
    .map((raw) => raw.replaceAll('~1', '/').replaceAll('~0', '~'));
}

export function valueAt(answers: Answers, pointer: string): unknown {
  let value: unknown = answers;
  for (const part of partsOf(pointer)) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** A copy of the answers with the value at the pointer set, or removed when undefined. */
export function withValue(answers: Answers, pointer: string, value: unknown): Answers {
  const [head, ...rest] = partsOf(pointer);
  if (head === undefined) return answers;
  const copy: Answers = { ...answers };
  if (rest.length === 0) {
    if (value === undefined) delete copy[head];
    else copy[head] = value;
    return copy;
  }
  const inner = copy[head];
  copy[head] = withValue(
    inner !== null && typeof inner === 'object' ? (inner as Answers) : {},
    `/${rest.join('/')}`,
    value,
  );
  return copy;
}

export function holds(condition: Condition, answers: Answers): boolean {
  if ('all' in condition) return condition.all.every((inner) => holds(inner, answers));
  if ('any' in condition) return condition.any.some((inner) => holds(inner, answers));
  const value = valueAt(answers, condition.pointer);
  if ('equals' in condition) return value === condition.equals;
  return condition.in.some((candidate) => candidate === value);
}

export function isShown(page: FormPage, answers: Answers): boolean {
  return page.showIf === undefined || holds(page.showIf, answers);
}

/** The pages the applicant goes through for these answers, up to and including an exit page reached. */
export function pagesFor(form: ApplicationForm, answers: Answers): FormPage[] {
  const shown: FormPage[] = [];
  for (const page of form.ui.pages) {
    if (!isShown(page, answers)) continue;
    shown.push(page);
    if (page.kind === 'exit') break;
  }
  return shown;
}

/** Answers to questions on pages not shown are dropped, as the server drops them on submission. */
export function visibleAnswers(form: ApplicationForm, answers: Answers): Answers {
  let kept = answers;
  for (const page of form.ui.pages) {
    if (page.kind !== 'question' || isShown(page, answers)) continue;
    for (const field of page.fields) kept = withValue(kept, field.pointer, undefined);
  }
  return kept;
}

/** The property's schema a field points at (through `properties`), or an empty schema. */
export function propertyOf(form: ApplicationForm, pointer: string): Record<string, unknown> {
  let schema: Record<string, unknown> = form.schema;
  for (const part of partsOf(pointer)) {
    const properties = schema.properties as Record<string, Record<string, unknown>> | undefined;
    schema = properties?.[part] ?? {};
  }
  return schema;
}

/** Whether the schema requires the field (its parent object's `required` names it). */
export function isRequired(form: ApplicationForm, pointer: string): boolean {
  const parts = partsOf(pointer);
  const name = parts.pop();
  const parent = parts.length === 0 ? form.schema : propertyOf(form, `/${parts.join('/')}`);
  return name !== undefined && ((parent.required as string[] | undefined) ?? []).includes(name);
}

/**
 * A pre-filled answer comes from a record the government holds and is verified, so it is shown but
 * not editable; a form may let the applicant change one by marking its property `"readOnly": false`.
 */
export function isLockedByPrefill(form: ApplicationForm, field: FormField, isPrefilled: boolean): boolean {
  return isPrefilled && propertyOf(form, field.pointer).readOnly !== false;
}

export function isAnswered(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

/** The DOM id of a field's control: the error summary links to it. */
export function fieldIdOf(pointer: string): string {
  return `field${pointer.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}
