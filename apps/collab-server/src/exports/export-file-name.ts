import { frameNumber, type FrameNumbering } from "@umbra/doc";
import { EXPORT_EXTENSIONS, type ExportSettings } from "@umbra/protocol";

/** Names Windows refuses for a file, whatever the extension. */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;
const MAX_STEM = 80;

/**
 * A download's file name from a chain's name, which anyone who can edit wrote:
 * letters, digits, '-', '_' and '.' only (no separators, no NUL, no "..", no leading
 * dot), not a Windows device name, at most 80 characters before the extension.
 * It names the download; the stored file is named by the export's id alone.
 */
export function exportFileName(chainName: string, settings: Pick<ExportSettings, "format" | "size" | "fps" | "view" | "range">, numbering: FrameNumbering): string {
  const cleaned = chainName
    .normalize("NFKC")
    .replace(/[^\p{L}\p{N}._-]+/gu, "_")
    .replace(/\.{2,}/g, ".")
    .replace(/^[._-]+|[._-]+$/g, "")
    .slice(0, MAX_STEM);
  const stem = cleaned === "" ? "chain" : WINDOWS_RESERVED.test(cleaned.split(".")[0]!) ? `_${cleaned}` : cleaned;
  const range = settings.range ? `_f${frameNumber(settings.range.in, numbering)}-${frameNumber(settings.range.out, numbering)}` : "";
  // Latents have no pixels: no view, no size.
  const look = settings.format === "w-npy" ? "_w" : `${settings.view === "shadows" ? "_shadows" : ""}_${settings.size}px`;
  return `${stem}${range}${look}_${settings.fps}fps.${EXPORT_EXTENSIONS[settings.format]}`;
}

/** Content-Disposition for a download: an ASCII fallback, and the exact name in RFC 5987 form. */
export function attachmentHeader(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
