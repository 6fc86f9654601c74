export type { CreditCode, CreditCodeRejection } from './credit-code.ts';
export { creditCodeCheckCharacter, parseCreditCode } from './credit-code.ts';
export { maskPersonName, maskPhone, maskResidentId } from './masking.ts';
export { organisationCodeCheckCharacter } from './organisation-code.ts';
export type { ParseResult } from './parse-result.ts';
export type { PhoneRejection } from './phone.ts';
export { parsePhone } from './phone.ts';
export type { ResidentId, ResidentIdRejection } from './resident-id.ts';
export { EARLIEST_BIRTH_DATE, parseResidentId, residentIdCheckCharacter } from './resident-id.ts';
