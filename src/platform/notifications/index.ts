/**
 * Platform notifications: what the platform tells people. A service enqueues a notice in its own
 * transaction; the account sees it in the app, and a worker sends the e-mail (see docs/notifications.md).
 */
export {
  type AuditSink,
  DEFAULT_RETRY_POLICY,
  type DeliveryDeps,
  type DeliveryReport,
  deliverDueEmails,
  type FindEmailAddress,
  messageIdOf,
  NO_ADDRESS_REASON,
  NO_SMTP_REASON,
  type RetryPolicy,
} from './delivery.ts';
export {
  type EnqueuedNotification,
  enqueueNotification,
  type NewNotification,
  type NotificationChannel,
} from './enqueue.ts';
export { type NotificationRouteDeps, notificationRoutes, READ_OUTBOX } from './routes.ts';
export { createSmtpSender, type MailSender, type OutgoingEmail, type SmtpSettings } from './smtp.ts';
export {
  type NotificationWorkerOptions,
  type RunningNotificationWorker,
  startNotificationWorker,
} from './worker.ts';
