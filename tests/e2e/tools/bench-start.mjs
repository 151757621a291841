// Prints how long the real app takes from process start to a usable sign-in screen: the time
// from asking tauri-driver for a session (which starts the binary) until the identifier field
// is displayed. Runs under the same keyring and Xvfb wrapper as the suite. Not a test.
import { freshDataDir, launch } from '../support/app.mjs';
import { waitFor } from '../support/ui.mjs';

const RUNS = Number(process.env.RUNS ?? 7);
const dataDir = freshDataDir();
const samples = [];
for (let run = 0; run <= RUNS; run += 1) {
  const started = performance.now();
  const app = await launch(dataDir);
  try {
    await waitFor(app.browser, 'signin-identifier', 30000);
    if (run > 0) samples.push(performance.now() - started);
  } finally {
    await app.close();
  }
}
samples.sort((a, b) => a - b);
const median = samples[Math.floor(samples.length / 2)];
console.log(`app start to sign-in screen (first run discarded: it creates the database), ${RUNS} runs:`);
console.log(`  median ${median.toFixed(0)} ms, min ${samples[0].toFixed(0)} ms, max ${samples.at(-1).toFixed(0)} ms`);
