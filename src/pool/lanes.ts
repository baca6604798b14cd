// The loop pooled jobs run: one lane per worker, each taking the next piece of work while there
// is any, so the lanes finish close together.

/**
 * Runs every lane's loop: while more() is true, the lane awaits step(lane) (step claims its
 * piece synchronously, before its first await). After a failure, or once `signal` aborts, no
 * lane starts another step; every lane settles before this returns, since a call already
 * running still writes to its lane's blocks until it returns (or its worker has stopped); then
 * it throws the signal's reason if it aborted, else the first failure.
 */
export async function runLanes<T>(lanes: readonly T[], more: () => boolean, step: (lane: T) => Promise<void>, signal?: AbortSignal): Promise<void> {
  signal?.throwIfAborted();
  let failed = false;
  const settled = await Promise.allSettled(
    lanes.map(async (lane) => {
      try {
        while (!failed && !signal?.aborted && more()) await step(lane);
      } catch (error) {
        failed = true;
        throw error;
      }
    }),
  );
  signal?.throwIfAborted();
  for (const lane of settled) if (lane.status === 'rejected') throw lane.reason;
}
