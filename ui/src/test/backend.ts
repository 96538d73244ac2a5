import { mockIPC } from '@tauri-apps/api/mocks';

export type Handler = (args: Record<string, unknown>) => unknown;
export type Call = { cmd: string; args: Record<string, unknown> };

/**
 * Mocks the backend with one handler per command (an unknown command fails the way Tauri does)
 * and records every call.
 */
export function mockBackend(handlers: Record<string, Handler>, options?: { shouldMockEvents?: boolean }): Call[] {
  const calls: Call[] = [];
  mockIPC((cmd, payload) => {
    const args = (payload ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args });
    const h = handlers[cmd];
    if (!h) return Promise.reject(`command ${cmd} not found`);
    return h(args);
  }, options);
  return calls;
}

/** A promise and the functions that settle it, to hold a command's answer back. */
export function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
