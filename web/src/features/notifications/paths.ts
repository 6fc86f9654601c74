/** Public addresses of the notification pages. */
export const notificationPaths = {
  inbox: '/account/notifications',
  outbox: '/admin/notifications',
} as const;
