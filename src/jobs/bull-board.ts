// bull-board at /admin/queues: the queues, their delayed and failed jobs, for supervisors and
// admins only (the session cookie decides; anyone else gets the 403 page). Served with no
// request leaving this machine: no web fonts from Google, xiufu's own favicon.
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { HonoAdapter } from '@bull-board/hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import type { JobQueues } from './queues.js';

export const bullBoardPath = '/admin/queues';

// bull-board's page template (@bull-board/ui dist/index.ejs, 9.10) links IBM Plex from
// fonts.googleapis.com unconditionally, and no UI option turns it off; its stylesheet falls
// back to the system fonts, which the theme below names outright.
const googleFontsLink = /<link\b[^>]*\bhref="https:\/\/fonts\.googleapis\.com\/[^"]*"[^>]*>\s*/g;
const systemFonts = {
  'font-sans': 'system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", sans-serif',
  'font-mono': 'ui-monospace, "DejaVu Sans Mono", monospace',
};

export function bullBoardApp(queues: JobQueues): Hono {
  const adapter = new HonoAdapter(serveStatic);
  adapter.setBasePath(bullBoardPath);
  createBullBoard({
    // Read-only: the database decides when a timer fires; promoting a delayed job by hand must not.
    queues: queues.all.map((q) => new BullMQAdapter(q, { readOnlyMode: true })),
    serverAdapter: adapter,
    options: {
      uiConfig: {
        boardTitle: 'xiufu queues',
        favIcon: { default: '/favicon.ico', alternative: '/favicon.ico' },
        hideDocsLink: true,
        theme: { light: systemFonts, dark: systemFonts },
      },
    },
  });
  const board = new Hono();
  board.use(async (c, next) => {
    await next();
    if (!c.res.headers.get('content-type')?.startsWith('text/html')) return;
    const html = (await c.res.text()).replace(googleFontsLink, '');
    c.res = new Response(html, { status: c.res.status, headers: c.res.headers });
  });
  board.route('/', adapter.registerPlugin() as unknown as Hono);
  return board;
}
