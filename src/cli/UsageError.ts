// Bad input to the command line: an unknown command or option, a bad model spec, an unreadable
// or invalid table. main.ts prints its message as one line and exits with code 2.
import { ArgumentRangeError, ArgumentTypeError, MemoryLimitError } from '../errors.js';

/** Drops the `options.` prefix of a library argument name: `options.J` -> `J`. */
function bareName(argument: string): string {
  return argument.replace(/^options\./, '');
}

/** An error in what the user typed or supplied; its message is one line, without the `unmasking: ` prefix. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }

  /**
   * Restates a library error about bad input (ArgumentTypeError, ArgumentRangeError and its
   * subclasses, MemoryLimitError) in the CLI's terms: `context` says where the input came from
   * and `rename` maps the library's argument names to the user's. Returns undefined for any
   * other error.
   * @example UsageError.from(error, 'model "ising2d:40x1"') // model "ising2d:40x1": rows must be an integer in [1, 32]; received 40.
   */
  static from(error: unknown, context: string, rename: (argument: string) => string = bareName): UsageError | undefined {
    if (error instanceof ArgumentTypeError || error instanceof ArgumentRangeError) {
      return new UsageError(`${context}: ${rename(error.argument)} must be ${error.expected}; received ${error.received}.`);
    }
    if (error instanceof MemoryLimitError) {
      return new UsageError(`${context}: ${error.message.slice(error.fn.length + 2)}`);
    }
    return undefined;
  }
}
