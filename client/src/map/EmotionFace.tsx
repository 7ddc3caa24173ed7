const COLORS: Readonly<Record<number, string>> = {
  [-2]: '#c0392b',
  [-1]: '#e67e22',
  0: '#95a5a6',
  1: '#58b56f',
  2: '#1e8449',
};

/**
 * A face drawn for an emotion score (-2 frowning red ... +2 smiling green). Drawn in SVG, not
 * emoji, so it looks the same on every system; decorative (the label or score says it in words).
 */
export function EmotionFace({ score, size = 18 }: { score: number; size?: number }) {
  const mouth = 13 + score * 1.6;
  return (
    <svg
      className="emotion-face"
      viewBox="0 0 20 20"
      width={size}
      height={size}
      aria-hidden="true"
      focusable="false"
    >
      <circle cx="10" cy="10" r="9" fill={COLORS[score] ?? COLORS[0]} />
      <circle cx="7" cy="8" r="1.2" fill="#fff" />
      <circle cx="13" cy="8" r="1.2" fill="#fff" />
      {score <= -2 && (
        <path d="M5 5.2 L8.4 6.4 M15 5.2 L11.6 6.4" stroke="#fff" strokeWidth="1.2" />
      )}
      <path
        d={`M6 ${13 - score * 0.3} Q10 ${mouth} 14 ${13 - score * 0.3}`}
        stroke="#fff"
        strokeWidth="1.5"
        strokeLinecap="round"
        fill="none"
      />
    </svg>
  );
}
