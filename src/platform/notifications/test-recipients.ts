/** Test helpers: real accounts to notify (registered through the API) and requests made as them. */
import type { FastifyInstance } from 'fastify';
import type { Authenticate } from '../http/index.ts';
import { residentIdCheckCharacter } from '../identifiers/index.ts';

export async function registerRecipient(app: FastifyInstance, serial: number): Promise<string> {
  const body = `110105199001${String(10 + (serial % 20)).padStart(2, '0')}${String(serial % 1000).padStart(3, '0')}`;
  const response = await app.inject({
    method: 'POST',
    url: '/api/identity/registrations',
    payload: {
      name: '李四',
      residentId: body + residentIdCheckCharacter(body),
      phone: `137${String(serial).padStart(8, '0')}`,
      password: 'notify me by the river 9',
      divisionCode: '110105',
    },
  });
  if (response.statusCode !== 201) throw new Error(`registration failed: ${response.body}`);
  return (response.json() as { accountId: string }).accountId;
}

/** `Authorization: Bearer <account id>`; the account named in `operators` holds every permission. */
export function bearerAuthenticate(operators: ReadonlySet<string>): Authenticate {
  return async (request) => {
    const id = request.headers.authorization?.replace(/^Bearer /, '');
    return id ? { id, hasPermission: () => operators.has(id) } : undefined;
  };
}

export const as = (accountId: string) => ({ authorization: `Bearer ${accountId}` });
