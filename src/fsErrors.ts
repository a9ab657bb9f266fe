/** A failed open/read/write as the reason a user can act on, without Node's error code soup. */
export function describeFsError(e: unknown, expected: string): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return `is a directory, expected ${expected}`;
    case 'ENOTDIR':
      return `a folder in the path is a file, expected ${expected}`;
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'ENAMETOOLONG':
      return 'the path is too long';
    default:
      // "EIO: i/o error, read" — the path is dropped: the caller's message already names the file
      return (e as Error).message.replace(/, \w+ '.*'$/s, '');
  }
}

/** a failed read (EIO, ...), as opposed to an abort or a bug */
export function isSystemError(e: unknown): e is NodeJS.ErrnoException {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).syscall === 'string';
}
