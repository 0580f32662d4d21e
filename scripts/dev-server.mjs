// `npm run dev:server`: the GroupKit server on the embedded database, then the demo pointed
// at it (VITE_GROUPKIT_BASE_URL), with the demo's origin allowed by CORS. Ctrl-C stops both.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const port = process.env.PORT ?? '8787';
const demoOrigin = 'http://localhost:5173';
const children = [];

function stop(code = 0) {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exitCode = code;
}
process.once('SIGINT', () => stop(0));
process.once('SIGTERM', () => stop(0));

const server = spawn(
  'npx',
  [
    'tsx',
    '--conditions=source',
    'packages/server/src/cli/run.ts',
    'start',
    '--scenario',
    'default',
    '--if-empty',
    '--port',
    port,
    '--cors-origin',
    demoOrigin,
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
children.push(server);
server.on('exit', (code) => stop(code ?? 1));

createInterface({ input: server.stdout }).on('line', (line) => {
  process.stdout.write(`[server] ${line}\n`);
  if (!line.startsWith('GroupKit server listening on ')) return;
  const url = line.slice('GroupKit server listening on '.length).split(' ')[0];
  const demo = spawn(
    'npm',
    ['run', 'dev', '-w', '@groupkit/demo', '--', '--port', '5173', '--strictPort'],
    {
      stdio: 'inherit',
      env: { ...process.env, VITE_GROUPKIT_BASE_URL: url },
    },
  );
  children.push(demo);
  demo.on('exit', (code) => stop(code ?? 0));
});
