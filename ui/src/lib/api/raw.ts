// The hand-written part of the client: what the generated commands (`commands.ts`) take besides
// plain arguments — the headers of the raw-body commands and the progress channel.
import { Channel } from '@tauri-apps/api/core';
import type { ExportProgress, UploadKind } from './contract';
import type { ChosenFile, ReceiptFile } from './types';

/**
 * The headers of `uploads.put` (read by the core, `kabinet_core::uploads::HEADER_*`): a new
 * upload of a kind, or the replacement of an upload by its id; the file name URI-encoded so
 * the values stay ASCII.
 */
export function uploadHeaders(
  file: Pick<ChosenFile, 'name'>,
  target: { kind: UploadKind } | { replaces: number },
): Record<string, string> {
  const which: Record<string, string> =
    'kind' in target ? { 'kabinet-upload-kind': target.kind } : { 'kabinet-upload-replaces': String(target.replaces) };
  return { ...which, 'kabinet-upload-name': encodeURIComponent(file.name) };
}

/** The headers of `debts.claimPaid`: the debt's id and the receipt's file name (URI-encoded). */
export function receiptHeaders(id: number, name: ReceiptFile['name']): Record<string, string> {
  return { 'x-kabinet-debt': String(id), 'x-kabinet-name': encodeURIComponent(name) };
}

/**
 * The channel a long command reports its steps through, each handed to `onprogress`:
 * `exports.documentsZip` (`ExportProgress`), `printing.printDay` and `printing.saveDay`
 * (`BatchProgress`).
 */
export function progressChannel<Step = ExportProgress>(onprogress: (step: Step) => void): Channel<Step> {
  const progress = new Channel<Step>();
  progress.onmessage = onprogress;
  return progress;
}
