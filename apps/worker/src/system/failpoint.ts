import type { AppConfig, FailpointName } from '@baanrian/config';
import { writeSync } from 'node:fs';

/**
 * Failpoints: named places where the fault suite kills this worker on purpose (issue 12,
 * scenarios 2 and 8), e.g. right after a grade commits and before its job is marked completed.
 * Armed once at boot from `config.worker.failpoints` (WORKER_FAILPOINTS, refused in production by
 * libs/config); unarmed, `failpoint()` is a map lookup that does nothing.
 *
 * A point fires on its Nth pass in this process only (the count starts again with the process), so
 * a worker restarted without the variable, or with a later N, does not die in a loop. Firing is a
 * SIGKILL to itself: no `finally`, no shutdown hook, no BullMQ `completed`, no transaction
 * rollback message, as a power cut or the kernel's OOM killer would end it. Module state rather
 * than a provider: the point is process-wide, and the benchmarks and tests that build the services
 * by hand need no extra constructor argument.
 */
const armed = new Map<FailpointName, number>();
const passes = new Map<FailpointName, number>();

export function armFailpoints(points: AppConfig['worker']['failpoints']): void {
  armed.clear();
  passes.clear();
  for (const { name, hit } of points) armed.set(name, hit);
}

/** Counts a pass through `name`; on the armed pass the process dies at once. `context` goes to stderr first, for the test to check where. */
export function failpoint(name: FailpointName, context: Record<string, unknown> = {}): void {
  const hit = armed.get(name);
  if (hit === undefined) return;
  const n = (passes.get(name) ?? 0) + 1;
  passes.set(name, n);
  if (n !== hit) return;
  // Synchronous, so the line is out before the signal lands (a pipe write through console may not be).
  writeSync(2, `FAILPOINT ${name} fired on pass ${n} ${JSON.stringify(context)}\n`);
  process.kill(process.pid, 'SIGKILL');
}
