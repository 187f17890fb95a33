/**
 * The few browser APIs the browser build uses, typed structurally: the project compiles against ES2022 and Node's
 * types only (no DOM library, so that Node code cannot use a browser API by accident), and these are read from
 * `globalThis` where they are used.
 */

/** The part of an HTML element the live plane and the download use. */
export interface ElementLike {
  style: Record<string, string>;
  appendChild(child: ElementLike): unknown;
  remove(): void;
  click(): void;
  href?: string;
  download?: string;
  textContent: string | null;
}

export interface DocumentLike {
  body: ElementLike;
  createElement(tag: string): ElementLike;
  getElementById(id: string): ElementLike | null;
  querySelector(selector: string): ElementLike | null;
}

/** A dedicated Web Worker, as seen from the page. */
export interface WebWorkerLike {
  postMessage(message: unknown, transfer?: unknown[]): void;
  addEventListener(type: 'message' | 'error' | 'messageerror', listener: (event: { data?: unknown; message?: string }) => void): void;
  terminate(): void;
}

export type WebWorkerConstructor = new (url: string | URL, options?: { type?: 'module' | 'classic'; name?: string }) => WebWorkerLike;

/** The page's document, or undefined outside a page (a worker, Node). */
export function pageDocument(): DocumentLike | undefined {
  return (globalThis as { document?: DocumentLike }).document;
}

/** The Web Worker constructor, or undefined where there is none. */
export function webWorkerConstructor(): WebWorkerConstructor | undefined {
  return (globalThis as { Worker?: WebWorkerConstructor }).Worker;
}
