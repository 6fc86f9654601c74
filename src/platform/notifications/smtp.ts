import nodemailer from 'nodemailer';

/**
 * How to reach the deployment's mail relay. `security`: `tls` connects with TLS from the start (port
 * 465), `starttls` requires the upgrade on a plain connection (587) and refuses to send without it,
 * `none` sends in clear: only for a relay on the same host or a closed network.
 */
export type SmtpSettings = Readonly<{
  host: string;
  port: number;
  security: 'tls' | 'starttls' | 'none';
  user: string | undefined;
  password: string | undefined;
  /** The From address, e.g. `"某某县政务服务" <noreply@example.gov.cn>`. */
  from: string;
}>;

export type OutgoingEmail = {
  to: string;
  subject: string;
  text: string;
  /** `<…@…>`: the same for every attempt at one outbox row. */
  messageId: string;
};

/** Sends one message; resolves once the SMTP server accepted it, rejects with the server's answer. */
export type MailSender = (email: OutgoingEmail) => Promise<void>;

export function createSmtpSender(settings: SmtpSettings): MailSender {
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.security === 'tls',
    requireTLS: settings.security === 'starttls',
    ignoreTLS: settings.security === 'none',
    ...(settings.user !== undefined ? { auth: { user: settings.user, pass: settings.password ?? '' } } : {}),
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
  return async (email) => {
    await transport.sendMail({
      from: settings.from,
      to: email.to,
      subject: email.subject,
      text: email.text,
      messageId: email.messageId,
    });
  };
}
