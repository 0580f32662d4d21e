/**
 * Saves text as a file through the browser's download UI: a Blob URL on an `<a download>`,
 * clicked. The URL is revoked a minute later, long after the download has read it.
 */
export function downloadFile(text: string, filename: string, type = 'text/csv;charset=utf-8') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
