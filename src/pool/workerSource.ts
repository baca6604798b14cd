// The code a pool worker runs, as strings: a Node worker_threads worker started with
// `new Worker(code, { eval: true })`, a browser Web Worker from a Blob URL of its code. Neither
// needs a file of its own, so both survive bundling (dist/index.js is one file). A worker calls
// kernels only. Its first message (WorkerInit, port.ts) gives the compiled module and either the
// main thread's shared memory or the maximum of a memory of its own (answered with
// { ready: true }, so the pool can tell a worker that cannot start from one that dies later); it answers each later
// { name, args } message with { result } from kernels[name](...args), or { error } with the
// thrown error's name and message. On its own memory it first grows the memory to `bytes` and
// writes the `copyIn` bytes, and afterwards sends the `copyOut` ranges back as `copied`
// (transferred). Kernels keep their state in globals, which are per instance, so each worker has
// its own; the scratch they write is laid out by the main thread (one block per worker), which
// owns the memory's layout. A failed start is reported as the error of every call, so a worker
// that cannot start is not replaced again and again. It declares none of the names of a CommonJS
// wrapper (exports, require, module, __filename, __dirname): Deno's worker_threads evaluates the
// code inside one, where such a declaration is a SyntaxError.

/** The message handler both kinds of worker share; `post(message, transfer)` answers. */
const answer = `
let kernels, memory, broken;
function start(init) {
  try {
    memory = init.memory ?? new WebAssembly.Memory({ initial: 1, maximum: init.maximumPages, shared: true });
    kernels = new WebAssembly.Instance(init.module, { env: { memory } }).exports;
  } catch (error) {
    broken = describe(error);
  }
}
function describe(error) {
  return error instanceof Error ? error.name + ': ' + error.message : String(error);
}
function answer(message) {
  if (message.module !== undefined) return start(message), post({ ready: true }, []);
  if (broken !== undefined) return post({ error: broken }, []);
  try {
    const { name, args, bytes, copyIn, copyOut } = message;
    const have = memory.buffer.byteLength;
    if (bytes > have) memory.grow(Math.ceil((bytes - have) / 65536));
    for (const { at, data } of copyIn ?? []) new Uint8Array(memory.buffer, at, data.byteLength).set(new Uint8Array(data));
    const result = kernels[name](...args);
    if (copyOut === undefined) return post({ result }, []);
    const copied = copyOut.map(({ at, bytes }) => new Uint8Array(memory.buffer, at, bytes).slice().buffer);
    post({ result, copied }, copied);
  } catch (error) {
    post({ error: describe(error) }, []);
  }
}
`;

/** Source of a Node worker_threads worker. */
export const nodeWorkerSource = `
const { parentPort } = process.getBuiltinModule('worker_threads');
const post = (message, transfer) => parentPort.postMessage(message, transfer);
${answer}
parentPort.on('message', answer);
`;

/**
 * Source of a browser Web Worker (a classic script). Given `lock` in its init message (a worker
 * on the shared memory), it holds that Web Lock for the rest of its life and answers nothing
 * before it has it: the page then knows the worker has stopped, and writes no more, when the
 * page gets the lock after Worker.terminate().
 */
export const browserWorkerSource = `
const post = (message, transfer) => self.postMessage(message, transfer);
${answer}
let held;
self.onmessage = (event) => {
  const message = event.data;
  if (message.lock !== undefined) held = new Promise((granted) => navigator.locks.request(message.lock, () => (granted(), new Promise(() => {}))));
  if (held === undefined) answer(message);
  else held = held.then(() => answer(message));
};
`;
