/** A failed request's cause in one line: undici puts the useful part (ECONNREFUSED …) in `cause`. */
export function describeNetworkError(e: unknown): string {
  const err = e as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = err.code ?? err.cause?.code;
  const message = err.cause?.message ?? err.message ?? String(e);
  return code && !message.includes(code) ? `${code} ${message}` : message;
}
