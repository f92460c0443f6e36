// Reads a posted multipart form as its chunks arrive (@fastify/busboy). Its fields go to hono's
// body cache, so `c.req.parseBody()` answers from it; its files are kept aside, each as the one
// buffer its chunks were joined into (`uploadedFilesOf`), and never become Files: a Blob copies
// its bytes when made and again when read, and on 50 MB of evidence those copies held the
// thread for most of a second (docs/PERFORMANCE.md). Hono's own reading buffers the whole body
// and parses it in one synchronous pass (undici's FormData), which held it for seconds.
import { Busboy, type BusboyInstance } from '@fastify/busboy';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { HTTPException } from 'hono/http-exception';

/** One file part of a posted form: the field it came in, the name it was sent with, its bytes. */
export interface UploadedPart {
  field: string;
  filename: string;
  content: Buffer;
}

const partsOfRequest = new WeakMap<Request, UploadedPart[]>();

/** The file parts this reader kept for the request, in the order they came (none for any other body). */
export function uploadedFilesOf(c: Context): UploadedPart[] {
  return partsOfRequest.get(c.req.raw) ?? [];
}

export const readMultipartForm = createMiddleware(async (c, next) => {
  const contentType = c.req.header('content-type') ?? '';
  if (c.req.method !== 'POST' || !/^multipart\/form-data\s*;/i.test(contentType) || !c.req.raw.body) return next();
  const { form, parts } = await formOfStream(c.req.raw.body, contentType);
  // Hono keeps the FormData it parsed here and awaits it when asked; this one is ready.
  c.req.bodyCache.formData = form;
  partsOfRequest.set(c.req.raw, parts);
  return next();
});

/** The fields and files a multipart body carries; a body that is not one is a 400. (Its size was capped by the body limit before.) */
async function formOfStream(
  body: ReadableStream<Uint8Array>,
  contentType: string,
): Promise<{ form: FormData; parts: UploadedPart[] }> {
  const form = new FormData();
  const parts: UploadedPart[] = [];
  let parser: BusboyInstance;
  try {
    // Names are passed on as sent; cleanFilename (src/domain/attachments.ts) cuts and cleans them.
    parser = new Busboy({ headers: { 'content-type': contentType }, preservePath: true });
  } catch {
    throw new HTTPException(400, { message: 'The form could not be read.' });
  }
  const files: Promise<void>[] = [];
  const parsed = new Promise<void>((resolve, reject) => {
    parser.on('field', (name, value) => form.append(name, value));
    parser.on('file', (name, stream, filename) => {
      const chunks: Buffer[] = [];
      // Kept in the order the parts came, whenever each one ends.
      const part: UploadedPart = { field: name, filename: filename ?? '', content: Buffer.alloc(0) };
      parts.push(part);
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      const received = new Promise<void>((done, failed) => {
        stream.on('end', () => {
          // The one copy of the content: its chunks joined.
          part.content = Buffer.concat(chunks);
          done();
        });
        stream.on('error', failed);
      });
      // A part cut short fails the whole parse too; that failure is the one reported.
      received.catch(() => undefined);
      files.push(received);
    });
    parser.on('finish', resolve);
    parser.on('error', reject);
  });
  parsed.catch(() => undefined);
  try {
    // Chunk by chunk, waiting for the parser to take each: the thread is free between them.
    const reader = body.getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      if (!parser.write(read.value))
        await Promise.race([new Promise((drained) => parser.once('drain', drained)), parsed]);
    }
    parser.end();
    await parsed;
    await Promise.all(files);
  } catch (error) {
    throw new HTTPException(400, { message: 'The form could not be read.', cause: error });
  }
  return { form, parts };
}
