// The sampler's exact output distribution in plain JavaScript (Float64Array), the same
// algorithms as the kernels, for the bench (bench/schedules.mjs):
//   random      assembly/samplerRandom.ts: level by level over the schedule's levels only, a
//               block of q^|W| cells per revealed set W; conditionals from the marginals of the
//               sets of sizes w and w + 1; for each W and each s-subset S of its masked
//               positions, the products for all x_W (partial products over S's first digits
//               shared), added into the child block of W ∪ S in the child's row-major order.
//   confidence  assembly/samplerDistribution.ts: a forward pass over the reachable lattice
//               states only, one Map (lattice index -> mass) per revealed count, expanded by
//               revealed count and, within one, by decreasing lattice index; each state reveals
//               the s_k most confident masked positions (ties: lowest position), a step that
//               must reveal every masked position skips scoring, and fully revealed children
//               go straight into the output table.
// Both take the lattice of bench/js/lattice.mjs and return the q^n output table.
import { ipow } from './lattice.mjs';
import { chooseTop } from './policy.mjs';

function choose(m, k) {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (m - k + i)) / i;
  return r;
}

function popcount(mask) {
  let c = 0;
  for (let m = mask; m !== 0; m &= m - 1) c++;
  return c;
}

/** Masks of `size` bits below 2^n, increasing. */
function masksOfSize(n, size) {
  const out = [];
  for (let mask = 0; mask < 2 ** n; mask++) if (popcount(mask) === size) out.push(mask);
  return out;
}

/** The step size at each level w (0 where none starts). */
function sizeAtLevels(n, sizes) {
  const at = new Int32Array(n);
  let w = 0;
  for (const s of sizes) {
    at[w] = s;
    w += s;
  }
  return at;
}

/**
 * The random policy's output q_mix = E_S q_S (uniform ordered partitions with these sizes).
 * Work: sum_k C(n, w_(k+1)) C(w_(k+1), s_(k+1)) q^(w_(k+1)) multiply-adds.
 */
export function samplerRandom(lattice, q, n, sizes) {
  const latticeStrides = Array.from({ length: n }, (_, i) => ipow(q + 1, n - 1 - i));
  const offsets = new Uint32Array(2 ** n);
  const blockOffsets = (size) => {
    const masks = masksOfSize(n, size);
    masks.forEach((mask, b) => { offsets[mask] = b * ipow(q, size); });
    return masks;
  };
  /** M[V, x_V] for every V of `size` positions, walking the lattice in its own order. */
  const extract = (size) => {
    const marginals = new Float64Array(choose(n, size) * ipow(q, size));
    const walk = (i, need, z, V, x) => {
      if (i === n) {
        marginals[offsets[V] + x] = lattice[z];
        return;
      }
      if (need > 0) for (let a = 0; a < q; a++) walk(i + 1, need - 1, z + a * latticeStrides[i], V | (1 << i), x * q + a);
      if (n - i > need) walk(i + 1, need, z + q * latticeStrides[i], V, x);
    };
    walk(0, size, 0, 0, 0);
    return marginals;
  };
  let parents = new Float64Array([1]);
  let w = 0;
  for (const s of sizes) {
    const next = w + s;
    blockOffsets(w + 1);
    const marginalsNext = extract(w + 1);
    const parentMasks = blockOffsets(w);
    const marginals = extract(w);
    blockOffsets(next);
    const children = new Float64Array(choose(n, next) * ipow(q, next));
    const weight = 1 / choose(n - w, s);
    const cw = ipow(q, w);
    for (const W of parentMasks) {
      const masked = [];
      for (let i = 0; i < n; i++) if (!((W >> i) & 1)) masked.push(i);
      const m = masked.length;
      // Conditionals at ((j q + a) cw + x_W).
      const conditionals = new Float64Array(m * q * cw);
      const mw = offsets[W];
      masked.forEach((i, j) => {
        const low = ipow(q, popcount(W >>> i));
        const block = offsets[W | (1 << i)];
        for (let a = 0; a < q; a++) {
          let x = 0;
          for (let h = 0; h < cw / low; h++) {
            for (let l = 0; l < low; l++) conditionals[(j * q + a) * cw + x++] = marginalsNext[block + (h * q + a) * low + l];
          }
        }
        for (let x = 0; x < cw; x++) {
          const mz = marginals[mw + x];
          for (let a = 0; a < q; a++) {
            const at = (j * q + a) * cw + x;
            conditionals[at] = mz > 0 ? conditionals[at] / mz : 1 / q;
          }
        }
      });
      const prefixes = Array.from({ length: s }, () => new Float64Array(cw));
      for (let x = 0; x < cw; x++) prefixes[0][x] = weight * parents[offsets[W] + x];
      const products = new Float64Array(ipow(q, s) * cw);
      const step = [];
      const expand = (d, t) => {
        const j = step[d];
        for (let a = 0; a < q; a++) {
          const c = (j * q + a) * cw;
          const ta = t * q + a;
          const src = prefixes[d];
          if (d === s - 1) {
            for (let x = 0; x < cw; x++) products[ta * cw + x] = src[x] * conditionals[c + x];
          } else {
            const dst = prefixes[d + 1];
            for (let x = 0; x < cw; x++) dst[x] = src[x] * conditionals[c + x];
            expand(d + 1, ta);
          }
        }
      };
      for (let pick = (1 << s) - 1; pick < 2 ** m; pick = nextMask(pick)) {
        step.length = 0;
        let C = W;
        for (let j = 0; j < m; j++) {
          if ((pick >> j) & 1) {
            step.push(j);
            C |= 1 << masked[j];
          }
        }
        expand(0, 0);
        // Each digit of C's stride in the products (x_S, x_W), then the add in C's order.
        const reads = [];
        let strideW = 1;
        let strideS = cw;
        for (let i = n - 1; i >= 0; i--) {
          if (!((C >> i) & 1)) continue;
          if ((W >> i) & 1) {
            reads.unshift(strideW);
            strideW *= q;
          } else {
            reads.unshift(strideS);
            strideS *= q;
          }
        }
        addProducts(children, offsets[C], products, reads, q);
      }
    }
    parents = children;
    w = next;
  }
  return parents;
}

/** Gosper's hack: the next larger integer with as many set bits. */
function nextMask(mask) {
  const low = mask & -mask;
  const ripple = mask + low;
  return (((ripple ^ mask) >>> 2) / low) | ripple;
}

/** child[x_C] += products[sum of digit x reads] over the child block in row-major order. */
function addProducts(children, offset, products, reads, q) {
  const c = reads.length;
  const digits = new Int32Array(c);
  const last = reads[c - 1];
  const count = ipow(q, c - 1);
  let read = 0;
  let dst = offset;
  for (let o = 0; o < count; o++) {
    for (let a = 0; a < q; a++) children[dst++] += products[read + a * last];
    for (let t = c - 2; t >= 0; t--) {
      if (digits[t] + 1 < q) {
        digits[t]++;
        read += reads[t];
        break;
      }
      digits[t] = 0;
      read -= (q - 1) * reads[t];
    }
  }
}

/**
 * The confidence policy's output: from every reachable state z, reveal the s most confident
 * masked positions (max_a p(x_i = a | z), ties within 1e-12 to the lowest position), carrying
 * Q(z) prod p(x_i | z) to each filled state. The states with w revealed positions are a Map
 * z -> Q(z), expanded (w increasing, z decreasing: the order of the kernel's pass, so every sum
 * is added up in the same order) before their children's; fully revealed children are added
 * to the output directly. States kept: sum_{k<K} q^(w_k) at most.
 */
export function samplerConfidence(lattice, q, n, sizes) {
  const strides = Array.from({ length: n }, (_, i) => ipow(q + 1, n - 1 - i));
  const outStrides = Array.from({ length: n }, (_, i) => ipow(q, n - 1 - i));
  const sizeAt = sizeAtLevels(n, sizes);
  const out = new Float64Array(ipow(q, n));
  const levels = Array.from({ length: n }, () => null);
  levels[0] = new Map([[lattice.length - 1, 1]]);
  const conditionals = new Float64Array(n * q);
  const scores = new Float64Array(n);
  const maskedList = new Int32Array(n);
  const chosenList = new Int32Array(n);
  let chosen = chosenList;
  let size = 0;
  let children = null;
  const pushStates = (t, weight, index) => {
    const position = chosen[t];
    const stride = strides[position];
    for (let a = 0; a < q; a++) {
      const w = weight * conditionals[position * q + a];
      if (w === 0) continue;
      const target = index - (q - a) * stride;
      if (t === size - 1) {
        const m = children.get(target);
        children.set(target, m === undefined ? w : m + w);
      } else pushStates(t + 1, w, target);
    }
  };
  const pushOut = (t, weight, index) => {
    const position = chosen[t];
    const stride = outStrides[position];
    for (let a = 0; a < q; a++) {
      const w = weight * conditionals[position * q + a];
      if (w === 0) continue;
      const target = index + a * stride;
      if (t === size - 1) out[target] += w;
      else pushOut(t + 1, w, target);
    }
  };
  for (let level = 0; level < n; level++) {
    const states = levels[level];
    if (states === null) continue;
    levels[level] = null;
    const step = sizeAt[level];
    if (step <= 0) continue;
    const order = Uint32Array.from(states.keys()).sort().reverse();
    for (const z of order) {
      const mass = states.get(z);
      // The masked positions (digit q) and the revealed part of the output index.
      let masked = 0;
      let base = 0;
      let rest = z;
      for (let i = 0; i < n; i++) {
        const digit = Math.floor(rest / strides[i]);
        rest -= digit * strides[i];
        if (digit === q) maskedList[masked++] = i;
        else base += digit * outStrides[i];
      }
      const mz = lattice[z];
      for (let j = 0; j < masked; j++) {
        const position = maskedList[j];
        for (let a = 0; a < q; a++) conditionals[position * q + a] = mz > 0 ? lattice[z - (q - a) * strides[position]] / mz : 1 / q;
      }
      // The set S: a step that must reveal every masked position needs no scores.
      if (step < masked) {
        for (let j = 0; j < masked; j++) {
          const position = maskedList[j];
          let top = -1;
          for (let a = 0; a < q; a++) if (conditionals[position * q + a] > top) top = conditionals[position * q + a];
          scores[position] = top;
        }
        size = chooseTop(scores, maskedList, masked, step, chosenList);
        chosen = chosenList;
      } else {
        size = masked;
        chosen = maskedList;
      }
      const child = level + size;
      if (child === n) pushOut(0, mass, base);
      else {
        children = levels[child] ??= new Map();
        pushStates(0, mass, z);
      }
    }
  }
  return out;
}
