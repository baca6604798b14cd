// Pool workers in browsers: Web Workers started from a Blob URL of their inlined source, so the
// bundle needs no worker file beside it.
import { browserWorkerSource } from './workerSource.js';
import type { PortHandlers, SpawnWorker, WorkerInit, WorkerPort } from './port.js';

/** One Blob URL of the worker source per page, made on first use and kept (a few KB). */
let sourceUrl: string | undefined;

/** Whether this environment has Web Workers and Blob URLs. */
export function hasWebWorkers(): boolean {
  return typeof Worker === 'function' && typeof Blob === 'function' && typeof URL.createObjectURL === 'function';
}

/** The page's Web Locks, where it has them (secure contexts, which cross-origin isolation implies). */
function webLocks(): LockManager | undefined {
  const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
  return locks !== undefined && typeof globalThis.crypto?.randomUUID === 'function' ? locks : undefined;
}

/**
 * A SpawnWorker starting Web Workers, each first sent `init`. Worker.terminate() does not say
 * when the thread has really stopped, so a worker on the shared memory holds a Web Lock of its
 * own while it lives (workerSource.ts), and terminate() resolves once the page gets that lock:
 * the worker is interruptible. Without Web Locks it is not: a call it runs must be let finish
 * before its blocks are freed. A worker on its own memory never writes the page's.
 */
export function browserSpawner(init: WorkerInit): SpawnWorker {
  sourceUrl ??= URL.createObjectURL(new Blob([browserWorkerSource], { type: 'text/javascript' }));
  const url = sourceUrl;
  const locks = 'memory' in init ? webLocks() : undefined;
  return (handlers: PortHandlers): WorkerPort => {
    const worker = new Worker(url, { name: 'unmasking pool worker' });
    const lock = locks && `unmasking pool worker ${crypto.randomUUID()}`;
    let live = true;
    const fail = (reason: string) => {
      if (!live) return;
      live = false;
      worker.terminate();
      handlers.fail(reason);
    };
    worker.onmessage = (event: MessageEvent) => live && handlers.reply(event.data);
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      fail(`error event: ${event.message || 'the worker failed to start or threw'}`);
    };
    worker.onmessageerror = () => fail('a message from the worker could not be read');
    worker.postMessage(lock === undefined ? init : { ...init, lock });
    return {
      post: (call, transfer) => worker.postMessage(call, transfer),
      keepAlive: () => {},
      terminate: async () => {
        live = false;
        worker.terminate();
        if (locks !== undefined && lock !== undefined) await locks.request(lock, () => {});
      },
      interruptible: !('memory' in init) || lock !== undefined,
    };
  };
}
