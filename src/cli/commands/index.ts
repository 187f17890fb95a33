/** Commands beyond point, mi, entropy and demo, each in its own file. A command here replaces a built-in of the same name. */
import { CliCommand } from '../command';
import { bmiCommand } from './bmi';
import { correlateCommand } from './correlate';
import { demoCommand } from './demo';
import { estimateCommand } from './estimate';
import { inspectCommand } from './inspect';
import { mergeCommand } from './merge';
import { planCommand } from './plan';
import { serveCommand } from './serve';
import { plotCommand } from './plot';
import { trainCommand } from './train';

export const EXTRA_COMMANDS: readonly CliCommand[] = [trainCommand, estimateCommand, planCommand, mergeCommand, inspectCommand, plotCommand, correlateCommand, bmiCommand, demoCommand, serveCommand];
