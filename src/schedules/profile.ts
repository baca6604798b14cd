// Checking an entropy profile { h, D } passed to the schedule functions.
import { ArgumentRangeError, ArgumentTypeError, describe } from '../errors.js';
import type { Profile } from '../Joint.js';

/** Checks profile.h has n + 1 >= 2 finite entries and profile.D the n differences; returns n. */
export function requireProfile(fn: string, profile: unknown): number {
  const p = profile as Partial<Profile> | null;
  if (p === null || typeof p !== 'object' || p.h === undefined || p.D === undefined) {
    throw new ArgumentTypeError({ fn, argument: 'profile', expected: 'an entropy profile { h, D } (joint.profile())', received: describe(profile) });
  }
  const n = p.h.length - 1;
  if (n < 1 || p.D.length !== n) {
    throw new ArgumentRangeError({ fn, argument: 'profile', expected: 'h of length n + 1 >= 2 and D of length n', received: `h of length ${p.h.length}, D of length ${p.D.length}` });
  }
  for (const [name, values] of [['h', p.h], ['D', p.D]] as const) {
    for (let j = 0; j < values.length; j++) {
      if (!Number.isFinite(values[j])) {
        throw new ArgumentRangeError({ fn, argument: `profile.${name}[${j}]`, expected: 'a finite number', received: describe(values[j]) });
      }
    }
  }
  return n;
}
