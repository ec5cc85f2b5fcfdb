/**
 * The layer rules of src/, checked by `npm test` (docs/design.md, "Layers", is rendered from this file).
 *
 * The data flows one way: entry points (cli, lambda) read the spec, readers (aws, kubernetes) turn the live cluster
 * into plain data, the engine plans and runs the updates. The simulator stands beside all of it and shares only the
 * spec contract; the constructs run at synth and reach the engine only through the bundles in assets/.
 */
const folder = (name) => `^src/${name}/`;
const anyOf = (...names) => `^src/(${names.join('|')})/`;

/** What each folder may import besides itself: anything else under src/ is a violation. */
const MAY_IMPORT = {
  // The contract shared by synth and apply: depends on nothing of ours, so both sides can read it.
  'upgrade-spec': [],
  // Errors and exit codes every apply-time layer throws or maps; a leaf, so no layer needs another to throw.
  errors: [],
  // The one AWS client module and the state reader: they hand the engine plain data, never the other way round.
  aws: ['upgrade-spec', 'errors'],
  // The Kubernetes reads sign their token with the AWS credentials, so they sit beside aws, one step above it.
  kubernetes: ['aws', 'upgrade-spec', 'errors'],
  // Planner, rules, executor, waiter: no entry point, no construct, and never the simulator.
  engine: ['aws', 'kubernetes', 'upgrade-spec', 'errors'],
  // Reads a live cluster into a simulator seed; it describes the simulator's seed without importing it.
  snapshot: ['engine', 'aws', 'kubernetes', 'upgrade-spec', 'errors'],
  // Entry points: flags, notices, exit codes. The CLI also starts the simulator for rehearsals.
  cli: ['snapshot', 'engine', 'aws', 'kubernetes', 'upgrade-spec', 'errors', 'simulator'],
  lambda: ['engine', 'aws', 'kubernetes', 'upgrade-spec', 'errors'],
  // Written from docs/eks-rules.md, never from the engine: it shares only the spec contract.
  simulator: ['upgrade-spec'],
  // Synth time: the constructs render the spec; the engine reaches users only as a bundled asset.
  constructs: ['upgrade-spec'],
};

const FOLDERS = Object.keys(MAY_IMPORT);

const layerRules = FOLDERS.map((from) => {
  const forbidden = FOLDERS.filter((to) => to !== from && !MAY_IMPORT[from].includes(to));
  return {
    name: `layer-${from}`,
    comment: `src/${from} may import only ${MAY_IMPORT[from].length ? MAY_IMPORT[from].map((f) => `src/${f}`).join(', ') : 'itself'} (docs/design.md, "Layers")`,
    severity: 'error',
    from: { path: folder(from) },
    to: { path: anyOf(...forbidden) },
  };
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Two modules that need each other are one concept, or one of them holds what both need: split it out',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'jsii-root-exports-constructs',
      comment: 'src/index.ts is the jsii API: it re-exports the constructs and nothing that runs at apply time',
      severity: 'error',
      from: { path: '^src/index\\.ts$' },
      to: { path: '^src/', pathNot: anyOf('constructs') },
    },
    {
      name: 'every-source-in-a-layer',
      comment: 'A module outside the layer folders has no rule to check it: put it in the folder of its concern',
      severity: 'error',
      from: { path: '^src/', pathNot: [anyOf(...FOLDERS), '^src/index\\.ts$'] },
      to: {},
    },
    ...layerRules,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // The rules are about our own layers; packages and node's modules are each layer's own business.
    includeOnly: '^src/',
    // Type-only imports count: a cycle through types is still two concepts tangled together.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.check.json' },
    exclude: { path: '^(node_modules|lib|assets|flavours)/' },
  },
};
