// The API reference at /api/docs: Scalar's standalone bundle, served from the installed package
// at /assets/scalar-api-reference.js, renders the OpenAPI document. No CDN, no inline script:
// the bundle reads its settings from the #api-reference element (Scalar's HTML API), so the
// page runs under a Content-Security-Policy whose script-src is 'self'.
import { raw } from 'hono/html';

/** Nothing fetched from scalar.com: no web fonts (the system's are used) and no telemetry. */
const scalarConfiguration = { withDefaultFonts: false, telemetry: false, defaultOpenAllTags: true };

export function ApiDocsPage(props: { title: string; documentUrl: string }) {
  return (
    <>
      {raw('<!doctype html>')}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{props.title}</title>
          <link rel="icon" type="image/svg+xml" href="/favicon.ico" />
        </head>
        <body>
          {/* application/json: data for the bundle, never run as a script. */}
          <script
            id="api-reference"
            type="application/json"
            data-url={props.documentUrl}
            data-configuration={JSON.stringify(scalarConfiguration)}
          ></script>
          <script src="/assets/scalar-api-reference.js"></script>
        </body>
      </html>
    </>
  );
}
