export const hotTopicPaths = {
  list: '/hot-topics',
  alert: (id: string) => `/hot-topics/${encodeURIComponent(id)}`,
};
