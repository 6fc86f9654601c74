/**
 * Uploads for a form's file fields: the content type is what the bytes are (sniffed by `file-type`),
 * never what the client says, and must be one the field accepts, within its size; the stored upload's
 * id becomes the field's answer.
 */
import { createHash, randomUUID } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import type { AccessActor } from '../../identity/index.ts';
import { hashPayload, recordAuditEvents } from '../../ledger/index.ts';
import { getGuide } from '../catalogue/index.ts';
import { applicationErrors } from './errors.ts';
import { type ApplicationDeps, readAnswers, writeAnswers } from './service.ts';
import { deleteMaterial, insertMaterials, lockApplication } from './store.ts';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export async function uploadMaterial(
  deps: ApplicationDeps,
  actor: AccessActor,
  id: string,
  input: { pointer: string; contentBase64: string },
) {
  return deps.db.transaction().execute(async (tx) => {
    const row = await lockApplication(tx, id);
    if (!row || row.applicant_account_id !== actor.accountId) throw applicationErrors.notFound(id);
    // A draft's files, or the missing materials a supplement notice asked for.
    if (row.state !== 'draft' && row.state !== 'awaiting-supplements')
      throw applicationErrors.uploadsClosed(row.state);
    const guide = await getGuide(tx, row.item_code, { version: row.version_number });
    const field = guide.form.ui.pages
      .flatMap((page) => (page.kind === 'question' ? page.fields : []))
      .find((candidate) => candidate.pointer === input.pointer);
    if (!field?.file)
      throw applicationErrors.invalidUpload('/pointer', 'is not a file question of this form');
    if (!BASE64.test(input.contentBase64) || input.contentBase64.length % 4 !== 0)
      throw applicationErrors.invalidUpload('/contentBase64', 'must be base64');
    const bytes = Buffer.from(input.contentBase64, 'base64');
    if (bytes.length === 0) throw applicationErrors.invalidUpload('/contentBase64', 'is empty');
    if (bytes.length > field.file.maxBytes)
      throw applicationErrors.invalidUpload(
        '/contentBase64',
        `is ${bytes.length} bytes; this question takes at most ${field.file.maxBytes}`,
      );
    const sniffed = await fileTypeFromBuffer(bytes);
    if (!sniffed || !field.file.accept.includes(sniffed.mime))
      throw applicationErrors.invalidUpload(
        '/contentBase64',
        `is ${sniffed ? sniffed.mime : 'of a kind that cannot be recognised'}; this question takes ${field.file.accept.join(', ')}`,
      );
    const now = deps.clock.now();
    const materialKey = input.pointer.slice(1);
    const uploadId = randomUUID();
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await deleteMaterial(tx, id, materialKey);
    await insertMaterials(tx, [
      {
        id: uploadId,
        application_id: id,
        province_code: row.province_code,
        material_key: materialKey,
        kind: 'upload',
        content: bytes,
        sha256,
        content_type: sniffed.mime,
        size_bytes: bytes.length,
        credential_identifier: null,
        created_at: now,
      },
    ]);
    await writeAnswers(tx, deps, row, { ...readAnswers(deps, row), [materialKey]: uploadId }, now);
    await recordAuditEvents(tx, [
      {
        action: 'services.application.material-uploaded',
        actor: { kind: actor.kind, id: actor.accountId },
        onBehalfOf: actor.organisationId,
        record: { type: 'services.application', id },
        at: now,
        payloadHash: hashPayload({
          pointer: input.pointer,
          sha256,
          contentType: sniffed.mime,
          size: bytes.length,
        }),
      },
    ]);
    return {
      id: uploadId,
      pointer: input.pointer,
      contentType: sniffed.mime,
      sizeBytes: bytes.length,
      sha256,
    };
  });
}
