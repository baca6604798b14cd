// The package version, inlined from package.json by the bundler.
import { version } from '../../package.json';

/** The package version, e.g. `0.1.0`. */
export const VERSION: string = version;
