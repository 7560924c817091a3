import { buildTestApp } from '../test/helpers/build-test-app.ts';
const { app, cleanup } = await buildTestApp();
const r = await app.inject({ url: '/api/v1/catalogue' }).catch((e) => { console.log(String(e).slice(0, 2000)); return null; });
console.log(r?.statusCode, r?.body.slice(0, 500));
await cleanup().catch((e) => console.log(String(e).slice(0, 3000)));
