// Files the CLI writes: why a write failed, in words.

/** Why a file could not be written, from its Node error code. */
export function writeProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such directory';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return String((error as Error).message ?? error).split('\n')[0];
}
