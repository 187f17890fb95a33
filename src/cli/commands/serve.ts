/** `infoplane serve [--port P] [--open]`: serve the browser demo page (examples/browser/) on 127.0.0.1. */
import { spawn } from 'node:child_process';
import { integerParam } from '../../estimators/specs/params';
import { CliCommand, CliIO } from '../command';
import { demoMounts, startDemoServer } from '../demoServer';
import { readCommandFlag } from '../flags';
import { interruptible } from '../interrupt';
import { ParsedArgs, UsageError } from '../parseArgs';

const HELP = `Usage: infoplane serve [--port P] [--open]

Serves the browser demo (examples/browser/index.html) on http://127.0.0.1:P/ and prints its URL: a page that
trains the 12-bit network with TensorFlow.js (tanh or ReLU), estimates the information plane of its layers in a
Web Worker with the browser bundle of infoplane, draws the plane live and offers the run file for download. The
bundle, TensorFlow.js with its WebAssembly backend, Plotly and the data come from the installed packages: the
page needs no network. Only 127.0.0.1 can connect. Stop with Ctrl-C.

  --port P                port to listen on (default 8080; 0 picks a free one)
  --open                  also open the page in the default browser
`;

/** `--port`: the port of the demo server. */
const PORT = integerParam({ min: 0, max: 65535, description: 'port of the demo server' });

function openInBrowser(url: string, io: CliIO): void {
  const [cmd, args] = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
  child.on('error', () => io.stderr(`infoplane serve: could not start ${cmd}; open ${url} yourself\n`));
  child.unref();
}

async function serve(args: ParsedArgs, io: CliIO): Promise<void> {
  if (args.positionals.length > 0) throw new UsageError('infoplane serve: takes no file (see infoplane serve --help)');
  const port = readCommandFlag(args, 'infoplane serve', 'port', PORT) ?? 8080;
  const mounts = demoMounts();
  for (const m of mounts) if (!m.folder) io.stderr(`infoplane serve: warning: ${m.prefix} is not served: ${m.missing}\n`);
  const server = await startDemoServer({ port, mounts });
  try {
    io.stdout(`infoplane serve: the browser demo is at ${server.url} (Ctrl-C stops)\n`);
    if (args.flags.has('open')) openInBrowser(server.url, io);
    await interruptible(`serving ${server.url}`, () => new Promise<never>(() => undefined));
  } finally {
    await server.close();
  }
}

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'serve the browser demo page (live information plane of the 12-bit network) on 127.0.0.1',
  usage: 'infoplane serve [--port P] [--open]',
  flags: ['port', 'open', 'help'],
  booleans: ['open', 'help'],
  help: () => HELP,
  run: serve,
  paramFlags: { port: '--port' },
};
