// The code a pool worker runs, as a string: started with `new Worker(code, { eval: true })` it
// needs no file of its own, so it survives bundling (dist/index.js is one file). It calls
// kernels only: it instantiates the module it is given on the shared memory it is given, then
// answers each { name, args } message with { result } from exports[name](...args), or
// { error } with the thrown error's name and message. Kernels keep their state in globals,
// which are per instance, so each worker has its own; the scratch they write is laid out by the
// main thread (one block per worker), which owns the memory's layout.

/** Source of a Node worker_threads worker (workerData: { module, memory }). */
export const nodeWorkerSource = `
const { parentPort, workerData } = process.getBuiltinModule('worker_threads');
const { exports } = new WebAssembly.Instance(workerData.module, { env: { memory: workerData.memory } });
parentPort.on('message', ({ name, args }) => {
  let reply;
  try {
    reply = { result: exports[name](...args) };
  } catch (error) {
    reply = { error: error instanceof Error ? error.name + ': ' + error.message : String(error) };
  }
  parentPort.postMessage(reply);
});
`;
