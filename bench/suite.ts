// Every benchmark of the project, in the order `npm run bench` runs them.

import type { Benchmark } from './measure';
import { exchangeBenchmark } from './exchange.bench';
import { postgresBenchmark, postgresScaleBenchmark } from './postgres.bench';
import { queriesBenchmark } from './queries.bench';
import { storeBenchmark } from './store.bench';
import { uiBenchmark } from './ui.bench';
import { uiEntryBenchmark } from './ui-entry.bench';

export const BENCHMARKS: readonly Benchmark[] = [storeBenchmark, exchangeBenchmark, queriesBenchmark, postgresBenchmark, postgresScaleBenchmark, uiBenchmark, uiEntryBenchmark];
