import { mkdirSync, realpathSync, rmSync, rmdirSync, statSync, unlinkSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { join, relative } from 'node:path';

/**
 * One process per embedded database folder (issue 9 item 2). PGlite has no lock of its own: two
 * processes on one folder both start and overwrite each other's pages, losing acknowledged data.
 *
 * The holder listens on a Unix domain socket inside the folder. Binding is exclusive and the kernel
 * closes the socket when the process dies, however it dies (kill -9 included), so a lock is never
 * left stuck: a newcomer that finds the socket file but gets ECONNREFUSED knows the holder is gone,
 * removes the stale file and takes over; one that connects reads the holder's PID and refuses.
 * Binding and taking over a stale socket happen under a small mkdir mutex, so two newcomers
 * starting at once after a crash cannot both take it.
 */
export class FolderLockedError extends Error {
  constructor(
    readonly folder: string,
    readonly pid: number | undefined,
  ) {
    super(
      `The embedded database folder ${folder} is in use by another motcua process` +
        ` (PID ${pid ?? 'unknown'}). Only one process may open it: stop that process first, or use` +
        ' PostgreSQL (DATABASE_URL) to run several instances.',
    );
    this.name = 'FolderLockedError';
  }
}

export interface FolderLock {
  readonly socketPath: string;
  release(): Promise<void>;
}

const SOCKET = '.motcua.lock.sock';
const TAKEOVER = '.motcua.lock.takeover';
/** A takeover mutex older than this belongs to a process that died while taking over. */
const TAKEOVER_STALE_MS = 10_000;
/** sun_path holds 108 bytes on Linux, 104 on macOS. */
const MAX_SOCKET_PATH = 100;

type Probe = { state: 'held'; pid: number | undefined } | { state: 'stale' };

function listen(path: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer((socket) => {
      socket.end(JSON.stringify({ pid: process.pid }));
    });
    server.once('error', reject);
    server.listen(path, () => {
      server.off('error', reject);
      // The lock must not keep the process alive on its own.
      server.unref();
      resolve(server);
    });
  });
}

/** Connects to the socket: a live holder answers with its PID; a dead one refuses the connection. */
function probe(path: string): Promise<Probe> {
  return new Promise((resolve) => {
    const socket = connect(path);
    let connected = false;
    let data = '';
    socket.setEncoding('utf8');
    socket.setTimeout(2_000, () => socket.destroy());
    socket.on('connect', () => {
      connected = true;
    });
    socket.on('data', (chunk: string) => {
      data += chunk;
    });
    let failure: string | undefined;
    socket.on('error', (error: NodeJS.ErrnoException) => {
      failure = error.code;
    }); // 'close' follows and answers
    socket.on('close', () => {
      // Refused or missing: nobody listens. Any other failure counts as held (refuse rather than risk two holders).
      if (!connected && (failure === 'ECONNREFUSED' || failure === 'ENOENT')) {
        resolve({ state: 'stale' });
        return;
      }
      let pid: number | undefined;
      try {
        pid = (JSON.parse(data) as { pid?: number }).pid;
      } catch {
        pid = undefined;
      }
      resolve({ state: 'held', pid });
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `fn` holding the takeover mutex (an exclusive mkdir). */
async function withTakeoverMutex<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  const mutex = join(dir, TAKEOVER);
  for (;;) {
    try {
      mkdirSync(mutex);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      try {
        if (Date.now() - statSync(mutex).mtimeMs > TAKEOVER_STALE_MS) rmSync(mutex, { recursive: true, force: true });
      } catch {
        /* removed meanwhile */
      }
      await sleep(25);
    }
  }
  try {
    return await fn();
  } finally {
    rmdirSync(mutex);
  }
}

function socketPathFor(folder: string): string {
  const absolute = join(folder, SOCKET);
  const rel = relative(process.cwd(), absolute);
  const path = rel.length < absolute.length ? rel : absolute;
  if (Buffer.byteLength(path) > MAX_SOCKET_PATH) {
    throw new Error(
      `The embedded database folder path is too long for its lock socket (${absolute}); use a shorter PGLITE_DIR.`,
    );
  }
  return path;
}

/**
 * Takes the exclusive lock of an embedded database folder (creating the folder), or throws
 * FolderLockedError naming the folder and the PID of the process that holds it.
 */
export async function acquireFolderLock(dir: string): Promise<FolderLock> {
  mkdirSync(dir, { recursive: true });
  const folder = realpathSync(dir);
  const path = socketPathFor(folder);
  // Every bind happens under the mutex: a socket between its bind and its listen refuses
  // connections, and must not look stale to a newcomer probing at that instant.
  const server = await withTakeoverMutex(folder, async () => {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        return await listen(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
      }
      const found = await probe(path);
      if (found.state === 'held') throw new FolderLockedError(folder, found.pid);
      // The socket of a holder that died: remove it and bind again.
      try {
        unlinkSync(path);
      } catch {
        /* already gone */
      }
    }
    throw new Error(`Could not take the lock of the embedded database folder ${folder}`);
  });
  return {
    socketPath: join(folder, SOCKET),
    release: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
      }),
  };
}
