// Work that runs beside the HTTP server until the job workers (BullMQ) take it over: the
// outbox relay every few seconds, and the display-period sweep at start and every six hours.
// Neither overlaps itself; a failure is logged and the next round tries again.
import type { ServiceContext } from './context.js';
import { relayOutbox } from './relay-outbox.js';
import { sweepDisplayPeriods } from './sweep-display-periods.js';

export function runBackgroundWork(ctx: ServiceContext, log: (message: string, error?: unknown) => void = console.error): { stop(): Promise<void> } {
  const loops = [
    every(5_000, () => relayOutbox(ctx), (error) => log('outbox relay failed', error)),
    every(6 * 3_600_000, () => sweepDisplayPeriods(ctx), (error) => log('display-period sweep failed', error), true),
  ];
  return { stop: async () => void (await Promise.all(loops.map((l) => l.stop()))) };
}

function every(ms: number, work: () => Promise<unknown>, onError: (error: unknown) => void, runNow = false) {
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (running) return;
    running = work()
      .catch(onError)
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, ms);
  timer.unref();
  if (runNow) tick();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
