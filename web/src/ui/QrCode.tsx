import QRCode from 'qrcode';
import { useMemo } from 'react';

/**
 * A QR code as SVG squares drawn by React: no canvas, no markup injected from a string. `className`
 * sizes it where it is shown (an authenticator enrolment, a certificate in the wallet).
 */
export function QrCode({ text, label, className }: { text: string; label: string; className?: string }) {
  const { size, path } = useMemo(() => {
    const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
    let d = '';
    for (let row = 0; row < modules.size; row++) {
      for (let column = 0; column < modules.size; column++) {
        if (modules.get(row, column)) d += `M${column + 4} ${row + 4}h1v1h-1z`;
      }
    }
    // Four modules of quiet zone on each side, as the standard asks, so phone cameras find the code.
    return { size: modules.size + 8, path: d };
  }, [text]);
  return (
    <svg
      className={className}
      role="img"
      aria-label={label}
      viewBox={`0 0 ${size} ${size}`}
      shapeRendering="crispEdges"
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
