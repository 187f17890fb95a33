/** The shape of one `infoplane` subcommand. Each lives in its own file under `src/cli/commands/`. */
import { ParsedArgs } from './parseArgs';

export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /**
   * Raw stderr for the control sequences infoplane writes itself (the progress bar's carriage return and
   * erase-line); never for text that quotes the input. Defaults to `stderr`.
   */
  terminal?(text: string): void;
}

export interface CliCommand {
  /** `point`, `mi`, `train`, `plot`... */
  name: string;
  /** One line for `infoplane --help`. */
  summary: string;
  /** Usage line(s) for `infoplane --help`, e.g. `infoplane plot RUN... --out FILE [...]`. */
  usage: string;
  /** Flags the command accepts (kebab-case, without dashes); `help` is always accepted. */
  flags: readonly string[];
  /** Flags among `flags` that take no value. */
  booleans: readonly string[];
  /** Accept estimator parameter flags too (checked by the command against the chosen estimator). */
  estimatorParams?: boolean;
  /** Full text of `infoplane NAME --help`. */
  help(): string;
  /**
   * Run the command. Throw `UsageError` (exit 2) for a usage mistake, `InfoplaneError` for bad data (exit 1,
   * or 2 for a parameter error). Map API parameter names to flags with `paramFlags` for error messages.
   */
  run(args: ParsedArgs, io: CliIO): Promise<void>;
  /** API parameter name -> flag or argument named in error messages, e.g. {t: '--activations'}. */
  paramFlags?: Record<string, string>;
}
