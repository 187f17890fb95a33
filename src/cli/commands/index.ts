/** Commands beyond point, mi, entropy and demo, each in its own file. A command here replaces a built-in of the same name. */
import { CliCommand } from '../command';
import { correlateCommand } from './correlate';
import { demoCommand } from './demo';
import { inspectCommand } from './inspect';
import { plotCommand } from './plot';
import { trainCommand } from './train';

export const EXTRA_COMMANDS: readonly CliCommand[] = [trainCommand, inspectCommand, plotCommand, correlateCommand, demoCommand];
