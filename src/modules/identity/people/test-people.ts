/** Made-up people for tests: valid resident identity numbers (with their check character) and phones. */
import { residentIdCheckCharacter } from '../../../platform/identifiers/index.ts';

export function residentIdFor(serial: number, birthDate = '19900101', division = '110105'): string {
  const body = `${division}${birthDate}${String(serial % 1000).padStart(3, '0')}`;
  return body + residentIdCheckCharacter(body);
}

export function phoneFor(serial: number): string {
  return `139${String(serial).padStart(8, '0')}`;
}

export const GOOD_PASSWORD = 'plum blossom river 7';

export function registrationBody(serial: number, overrides: Record<string, unknown> = {}) {
  return {
    name: '王小明',
    residentId: residentIdFor(serial),
    phone: phoneFor(serial),
    password: GOOD_PASSWORD,
    divisionCode: '110105',
    ...overrides,
  };
}
