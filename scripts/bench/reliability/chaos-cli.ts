/** `tsx scripts/bench/reliability/chaos-cli.ts sqlite|postgres [cycles]`: one chaos run, JSON out. */
import { runChaos } from './chaos.ts';

// A loaded machine (six helpers on two cores) can take longer than 20 s to start a server.
process.env.KAIHU_OWN_SERVER_START_MS ??= '90000';
process.env.KAIHU_OWN_SERVER_BUNDLE = 'reports/kaihu-server.mjs';
const backend = process.argv[2] === 'postgres' ? 'postgres' : 'sqlite';
const cycles = Number(process.argv[3] ?? process.env.KAIHU_CHAOS_CYCLES ?? 200);
console.log(JSON.stringify(await runChaos(backend, cycles), null, 1));
