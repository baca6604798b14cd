// Pool workers on Node's worker_threads, reached through process.getBuiltinModule (Node >= 20.16)
// so the platform-neutral bundle has no import of a Node module.
import { nodeWorkerSource } from './workerSource.js';
import type { PortHandlers, SpawnWorker, WorkerInit, WorkerPort } from './port.js';

type WorkerThreads = typeof import('node:worker_threads');

/** Node's worker_threads, or undefined outside Node (or before Node 20.16). */
export function nodeWorkerThreads(): WorkerThreads | undefined {
  const process = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  return process?.getBuiltinModule?.('worker_threads') as WorkerThreads | undefined;
}

/** A SpawnWorker starting worker_threads workers, each first sent `init`. */
export function nodeSpawner(threads: WorkerThreads, init: WorkerInit): SpawnWorker {
  return (handlers: PortHandlers): WorkerPort => {
    const worker = new threads.Worker(nodeWorkerSource, { eval: true });
    let live = true;
    const fail = (reason: string) => {
      if (!live) return;
      live = false;
      handlers.fail(reason);
    };
    worker.on('message', (message) => live && handlers.reply(message));
    worker.on('error', (error) => fail(`${error.name}: ${error.message}`));
    worker.on('exit', (code) => fail(`exited with code ${code}`));
    worker.unref();
    worker.postMessage(init);
    return {
      post: (call, transfer) => worker.postMessage(call, transfer),
      keepAlive: (on) => (on ? worker.ref() : worker.unref()),
      // terminate() resolves once the thread has stopped: it writes nothing afterwards.
      terminate: async () => {
        live = false;
        await worker.terminate();
      },
      interruptible: true,
    };
  };
}
