/** Commands beyond point, mi, entropy and demo, each in its own file. */
import { CliCommand } from '../command';

export const EXTRA_COMMANDS: readonly CliCommand[] = [];
