// Preloaded into a bench server (NODE_OPTIONS=--import; node refuses --cpu-prof there): profiles the whole process with the
// inspector and writes a .cpuprofile (Chrome DevTools, speedscope) into IOC_BENCH_CPU_PROF_DIR when the process exits.
import inspector from 'node:inspector';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.IOC_BENCH_CPU_PROF_DIR;
if (dir) {
  const session = new inspector.Session();
  session.connect();
  session.post('Profiler.enable', () => session.post('Profiler.start'));
  process.on('exit', () => {
    session.post('Profiler.stop', (err, res) => {
      if (!err) writeFileSync(join(dir, `server-${process.pid}.cpuprofile`), JSON.stringify(res.profile));
    });
  });
}
