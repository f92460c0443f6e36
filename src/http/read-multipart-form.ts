// Reads a posted multipart form as its chunks arrive (@fastify/busboy), and hands the result
// to hono's body cache, so `c.req.parseBody()` answers from it. Hono's own reading buffers the
// whole body and parses it in one synchronous pass (undici's FormData): 50 MB of evidence held
// the thread for 0.7–3 s, during which no other request was answered (docs/PERFORMANCE.md).
import { Busboy, type BusboyInstance } from '@fastify/busboy';
import { createMiddleware } from 'hono/factory';
import { HTTPException } from 'hono/http-exception';

const contentOfFile = new WeakMap<File, Buffer>();

/** The bytes of an uploaded file: those this reader kept, without a copy, or read from the File. */
export async function contentOfUploadedFile(file: File): Promise<Uint8Array> {
  return contentOfFile.get(file) ?? new Uint8Array(await file.arrayBuffer());
}

export const readMultipartForm = createMiddleware(async (c, next) => {
  const contentType = c.req.header('content-type') ?? '';
  if (c.req.method !== 'POST' || !/^multipart\/form-data\s*;/i.test(contentType) || !c.req.raw.body) return next();
  const form = await formOfStream(c.req.raw.body, contentType);
  // Hono keeps the FormData it parsed here and awaits it when asked; this one is ready.
  c.req.bodyCache.formData = form;
  return next();
});

/** The form a multipart body carries; a body that is not one is a 400. (Its size was capped by the body limit before.) */
async function formOfStream(body: ReadableStream<Uint8Array>, contentType: string): Promise<FormData> {
  const form = new FormData();
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
    parser.on('file', (name, stream, filename, _encoding, mimeType) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      const received = new Promise<void>((done, failed) => {
        stream.on('end', () => {
          // One copy of the content, kept beside its File: reading a File built of a thousand
          // chunks back through Blob costs more than the upload's every other step.
          const content = Buffer.concat(chunks);
          // A file input left empty arrives as a part without a name (filename="").
          const file = new File([content], filename ?? '', { type: mimeType });
          contentOfFile.set(file, content);
          form.append(name, file);
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
      if (!parser.write(read.value)) await Promise.race([new Promise((drained) => parser.once('drain', drained)), parsed]);
    }
    parser.end();
    await parsed;
    await Promise.all(files);
  } catch (error) {
    throw new HTTPException(400, { message: 'The form could not be read.', cause: error });
  }
  return form;
}
