/** A speech bubble: comments (the accessible name goes on the button that holds it). */
export function CommentIcon() {
  return (
    <svg
      className="icon"
      viewBox="0 0 16 16"
      width="14"
      height="14"
      fill="currentColor"
      aria-hidden="true"
      focusable="false"
    >
      <path d="M2 2.5A1.5 1.5 0 0 1 3.5 1h9A1.5 1.5 0 0 1 14 2.5v7a1.5 1.5 0 0 1-1.5 1.5H7l-3.2 2.8A.5.5 0 0 1 3 13.4V11h.5A1.5 1.5 0 0 1 2 9.5z" />
    </svg>
  );
}
