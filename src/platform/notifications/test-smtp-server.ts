/** A real SMTP server on a free local port, for tests: it keeps what it accepts or refuses on demand. */
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { SmtpSettings } from './smtp.ts';

export type TestSmtpServer = {
  settings: SmtpSettings;
  received: ParsedMail[];
  /** While set, every message is refused with this permanent error. */
  rejectWith(message: string | undefined): void;
  close(): Promise<void>;
};

export async function startTestSmtpServer(): Promise<TestSmtpServer> {
  const received: ParsedMail[] = [];
  let rejection: string | undefined;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          if (rejection !== undefined) {
            callback(Object.assign(new Error(rejection), { responseCode: 550 }));
            return;
          }
          received.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    settings: {
      host: '127.0.0.1',
      port,
      security: 'none',
      user: undefined,
      password: undefined,
      from: '"数治测试" <noreply@shuzhi.test>',
    },
    received,
    rejectWith(message) {
      rejection = message;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
