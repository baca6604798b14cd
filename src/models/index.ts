// Model builders: joints with known structure (and closed forms for tests).
export { uniform } from './uniform.js';
export { product } from './product.js';
export { copies } from './copies.js';
export { parity } from './parity.js';
export { markovChain, type MarkovChainOptions } from './markovChain.js';
export { isingChain, ising2d, type IsingOptions } from './ising.js';
export { dirichlet, type DirichletOptions } from './dirichlet.js';
