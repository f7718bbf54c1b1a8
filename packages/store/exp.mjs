import { MemoryLevel } from 'memory-level';
import { ClassicLevel } from 'classic-level';
import fs from 'node:fs'; import os from 'node:os'; import path from 'node:path';
const enc = { keyEncoding: 'view', valueEncoding: 'view' };
const te = new TextEncoder();
for (const db of [new MemoryLevel({ storeEncoding: 'view' }), new ClassicLevel(fs.mkdtempSync(path.join(os.tmpdir(), 'exp-')))]) {
  await db.open();
  try { await db.batch([{ type: 'put', key: new Uint8Array(0), value: new Uint8Array([1]) }], enc); console.log('empty key ok', await db.get(new Uint8Array(0), enc)); } catch (e) { console.log('empty key err', e.code, e.message); }
  const v = new Uint8Array([1,2,3]);
  await db.batch([{ type: 'put', key: te.encode('a'), value: v }], enc);
  v[0] = 9;
  const g = await db.get(te.encode('a'), enc);
  console.log('after mutate', g, g.constructor.name);
  console.log('limit0', await db.iterator({ ...enc, limit: 0 }).all());
  await db.close();
  try { await db.get(te.encode('a'), enc) } catch (e) { console.log('closed get', e.code, e.message) }
  try { const it = db.iterator(enc); console.log('iter created'); await it.next() } catch (e) { console.log('closed iter', e.code) }
  try { await db.batch([], enc) } catch (e) { console.log('closed batch', e.code) }
  try { await db.clear(enc) } catch (e) { console.log('closed clear', e.code) }
  await db.close(); console.log('close twice ok', db.status);
  if (db.location) {
    const a = new ClassicLevel(db.location); await a.open();
    const b = new ClassicLevel(db.location);
    try { await b.open() } catch (e) { console.log('locked', e.code, e.cause?.code, e.cause?.message) }
    await a.close();
    fs.writeFileSync(path.join(db.location, 'CURRENT'), 'garbage');
    try { await b.open() } catch (e) { console.log('corrupt', e.code, e.cause?.code, e.cause?.message) }
    const c = new ClassicLevel('/proc/nonexistent/x');
    try { await c.open() } catch (e) { console.log('io', e.code, e.cause?.code, e.cause?.message) }
  }
}
