import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { CredentialPayload } from './signed-record.ts';

const require = createRequire(import.meta.url);

/**
 * Noto Sans SC (SIL Open Font License 1.1, from the npm package @expo-google-fonts/noto-sans-sc).
 * pdfkit embeds only the glyphs a document uses, so a certificate carries a few kilobytes of font
 * rather than ten megabytes.
 */
const FONTS = {
  regular: require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'),
  bold: require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'),
};

export type PdfContent = {
  payload: CredentialPayload;
  /** Every claim with its labels, in the type's printed order. */
  claims: { labelZh: string; labelEn: string; value: unknown }[];
  verifyUrl: string;
  status: string;
};

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 56;

function claimText(value: unknown): string {
  return Array.isArray(value) ? value.map(String).join('、') : String(value);
}

function dateOnly(iso: string | null): string {
  return iso === null ? '长期 / No expiry' : iso.slice(0, 10);
}

/** Draws the QR code as filled squares: vector, so it prints sharp at any size. */
function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const quiet = 4;
  const cells = qr.modules.size + quiet * 2;
  const cell = size / cells;
  doc.rect(x, y, size, size).fill('white');
  for (let row = 0; row < qr.modules.size; row++) {
    for (let column = 0; column < qr.modules.size; column++) {
      if (qr.modules.get(row, column))
        doc.rect(x + (column + quiet) * cell, y + (row + quiet) * cell, cell, cell);
    }
  }
  doc.fill('black');
}

/**
 * The printable certificate: A4, the type's Chinese and English names as the title, every claim with
 * its label, the validity and issuer, the identifier, and a QR code of the verification link.
 */
export function renderCredentialPdf(content: PdfContent): Promise<Buffer> {
  const { payload } = content;
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: {
      Title: `${payload.type.nameZh} ${payload.id}`,
      Subject: payload.type.nameEn,
      Author: payload.issuer.nameZh,
      Creator: 'Shuzhi',
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', FONTS.regular);
  doc.registerFont('bold', FONTS.bold);
  const width = A4.width - MARGIN * 2;

  doc.font('bold').fontSize(28).text(payload.type.nameZh, { align: 'center', width });
  doc.font('regular').fontSize(13).fillColor('#333333').text(payload.type.nameEn, { align: 'center', width });
  doc.moveDown(0.5);
  doc.fontSize(10).text(`编号 Identifier: ${payload.id}`, { align: 'center', width });
  doc.moveDown(1.2);

  const labelWidth = 170;
  const row = (labelZh: string, labelEn: string, value: string) => {
    const y = doc.y;
    doc.font('bold').fontSize(11).fillColor('#000000').text(labelZh, MARGIN, y, { width: labelWidth });
    doc.font('regular').fontSize(8).fillColor('#555555').text(labelEn, MARGIN, doc.y, { width: labelWidth });
    const labelBottom = doc.y;
    doc
      .font('regular')
      .fontSize(11)
      .fillColor('#000000')
      .text(value, MARGIN + labelWidth, y, {
        width: width - labelWidth,
      });
    doc.y = Math.max(labelBottom, doc.y) + 6;
    doc.x = MARGIN;
  };
  for (const claim of content.claims) row(claim.labelZh, claim.labelEn, claimText(claim.value));
  row('有效期自', 'Valid from', dateOnly(payload.validFrom));
  row('有效期至', 'Valid until', dateOnly(payload.validUntil));
  row('发证机关', 'Issued by', [payload.issuer.nameZh, payload.issuer.nameEn].filter(Boolean).join('\n'));
  row('发证日期', 'Issued on', dateOnly(payload.issuedAt));
  row('状态', 'Status', content.status);

  const qrSize = 150;
  if (doc.y + 16 + qrSize > A4.height - MARGIN) doc.addPage();
  const qrY = Math.max(doc.y + 16, A4.height - MARGIN - qrSize - 40);
  drawQr(doc, content.verifyUrl, MARGIN, qrY, qrSize);
  doc
    .font('regular')
    .fontSize(10)
    .fillColor('#000000')
    .text('扫描二维码或访问以下地址核验本证照的真伪与状态：', MARGIN + qrSize + 16, qrY + 24, {
      width: width - qrSize - 16,
    })
    .fontSize(9)
    .fillColor('#333333')
    .text('Scan the code or open this address to verify the credential and its status:', {
      width: width - qrSize - 16,
    })
    .moveDown(0.5)
    .fillColor('#000000')
    .text(content.verifyUrl, { width: width - qrSize - 16 })
    .moveDown(0.5)
    .fontSize(8)
    .fillColor('#555555')
    .text('本证照为电子签名的机读记录（JWS，Ed25519），签发事件记录于防篡改审计账本。', {
      width: width - qrSize - 16,
    });
  doc.end();
  return finished;
}
