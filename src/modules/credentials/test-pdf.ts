// jsqr is CommonJS whose typings declare an ES default export; under Node's ESM the function is that default.
const jsQR = jsQRModule as unknown as typeof jsQRModule.default;

/** Reads a PDF as a person would: its text, and the QR code on its rendered page (mupdf, jsQR). */
import jsQRModule from 'jsqr';
import * as mupdf from 'mupdf';

export function readPdf(bytes: Uint8Array): {
  pageCount: number;
  text: string;
  title: string;
  qrCodes: string[];
} {
  const document = mupdf.Document.openDocument(bytes, 'application/pdf');
  const pageCount = document.countPages();
  let text = '';
  const qrCodes: string[] = [];
  for (let index = 0; index < pageCount; index++) {
    const page = document.loadPage(index);
    text += page.toStructuredText('preserve-whitespace').asText();
    const pixmap = page.toPixmap(mupdf.Matrix.scale(2, 2), mupdf.ColorSpace.DeviceRGB, false, true);
    const [width, height] = [pixmap.getWidth(), pixmap.getHeight()];
    const rgb = pixmap.getPixels();
    const rgba = new Uint8ClampedArray(width * height * 4);
    for (let i = 0; i < width * height; i++) {
      rgba[i * 4] = rgb[i * 3]!;
      rgba[i * 4 + 1] = rgb[i * 3 + 1]!;
      rgba[i * 4 + 2] = rgb[i * 3 + 2]!;
      rgba[i * 4 + 3] = 255;
    }
    const found = jsQR(rgba, width, height);
    if (found) qrCodes.push(found.data);
  }
  return { pageCount, text, title: document.getMetaData('info:Title') ?? '', qrCodes };
}
