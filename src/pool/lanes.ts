// The loop both pooled jobs run: one lane per worker, each taking the next piece of work while
// there is any, so the lanes finish close together.

/**
 * Runs every lane's loop: while more() is true, the lane awaits step(lane) (step claims its
 * piece synchronously, before its first await). After a failure no lane starts another step;
 * every lane settles before this returns, since a call already running still writes to its
 * lane's blocks until it returns; then the first failure is thrown.
 */
export async function runLanes<T>(lanes: readonly T[], more: () => boolean, step: (lane: T) => Promise<void>): Promise<void> {
  let failed = false;
  const settled = await Promise.allSettled(
    lanes.map(async (lane) => {
      try {
        while (!failed && more()) await step(lane);
      } catch (error) {
        failed = true;
        throw error;
      }
    }),
  );
  for (const lane of settled) if (lane.status === 'rejected') throw lane.reason;
}
