/** The in-app path to return to after signing in: only same-site absolute paths are accepted. */
export function nextPath(search: string): string {
  const next = new URLSearchParams(search).get('next');
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\')
    ? next
    : '/';
}

/** The login URL that brings the user back to `path` afterwards. */
export function loginUrl(path: string): string {
  return path === '/' || path.startsWith('/login')
    ? '/login'
    : `/login?next=${encodeURIComponent(path)}`;
}
