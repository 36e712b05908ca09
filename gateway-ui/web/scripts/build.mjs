// Builds the web console: type check (tsc), then one bundle (esbuild) with
// the catalogs compiled in. Output: index.html, app.js, app.css in --out.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, v, i, all) => (v.startsWith('--') ? [...acc, [v.slice(2), all[i + 1]]] : acc), []));
for (const name of ['source', 'modules', 'catalogs', 'out', 'version']) {
  if (!args[name]) {
    console.error(`build.mjs: --${name} is required`);
    process.exit(2);
  }
}
const source = resolve(args.source);
const modules = resolve(args.modules);
const out = resolve(args.out);
const require = createRequire(join(modules, 'noop.js'));
const esbuild = require('esbuild');

// Type check against the modules installed in the build directory.
const tsconfig = join(out, '..', 'tsconfig.build.json');
writeFileSync(tsconfig, JSON.stringify({
  extends: join(source, 'tsconfig.json'),
  compilerOptions: { noEmit: true, baseUrl: source, typeRoots: [join(modules, '@types')],
    paths: { uplot: [join(modules, 'uplot')], '@catalogs/*': [join(resolve(args.catalogs), '*')] } },
  include: [join(source, 'src')],
}));
const tsc = spawnSync(process.execPath, [join(modules, 'typescript', 'bin', 'tsc'), '-p', tsconfig], { stdio: 'inherit' });
if (tsc.status !== 0) {
  console.error('build.mjs: the type check failed');
  process.exit(1);
}

mkdirSync(out, { recursive: true });
await esbuild.build({
  entryPoints: { app: join(source, 'src', 'main.ts') },
  bundle: true,
  minify: true,
  sourcemap: false,
  format: 'iife',
  target: ['es2020'],
  outdir: out,
  nodePaths: [modules],
  alias: { '@catalogs': resolve(args.catalogs) },
  define: { __NG_VERSION__: JSON.stringify(args.version) },
  legalComments: 'none',
  logLevel: 'warning',
});
const html = readFileSync(join(source, 'src', 'index.html'), 'utf8').replaceAll('__NG_VERSION__', args.version);
writeFileSync(join(out, 'index.html'), html);
console.log(`web console built into ${out}`);
