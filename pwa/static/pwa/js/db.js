// A small promise wrapper over the app's own IndexedDB database.
//   outbox:  entries waiting for the server, keyed by entry id (one item per entry)
//   entries: the server's copies of the patient's entries, for History and editing offline
//   meta:    key/value (the sync cursor, the owner of the data)
// The outbox may also hold days of another account, held for it (see local_data.js).
const DB_NAME = "footnote";
const DB_VERSION = 1;
let opening = null;

function open() {
  if (!opening) {
    opening = new Promise((resolve, reject) => {
      const request = indexedDB.open(DB_NAME, DB_VERSION);
      request.onupgradeneeded = () => {
        const db = request.result;
        if (!db.objectStoreNames.contains("outbox"))
          db.createObjectStore("outbox", { keyPath: "id" });
        if (!db.objectStoreNames.contains("entries")) {
          db.createObjectStore("entries", { keyPath: "id" }).createIndex("date", "date");
        }
        if (!db.objectStoreNames.contains("meta")) db.createObjectStore("meta");
      };
      request.onsuccess = () => {
        const db = request.result;
        // Another tab upgrading the schema: let it, and reopen next time.
        db.onversionchange = () => {
          db.close();
          opening = null;
        };
        resolve(db);
      };
      request.onerror = () => {
        opening = null;
        reject(request.error);
      };
    });
  }
  return opening;
}

function run(storeName, mode, work) {
  return open().then(
    (db) =>
      new Promise((resolve, reject) => {
        const tx = db.transaction(storeName, mode);
        const store = tx.objectStore(storeName);
        let result;
        const request = work(store);
        if (request)
          request.onsuccess = () => {
            result = request.result;
          };
        tx.oncomplete = () => resolve(result);
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error);
      }),
  );
}

function storeApi(name) {
  return {
    get: (key) => run(name, "readonly", (s) => s.get(key)),
    all: () => run(name, "readonly", (s) => s.getAll()),
    put: (value, key) =>
      run(name, "readwrite", (s) => (key === undefined ? s.put(value) : s.put(value, key))),
    delete: (key) => run(name, "readwrite", (s) => s.delete(key)),
    clear: () => run(name, "readwrite", (s) => s.clear()),
  };
}

export const outboxStore = storeApi("outbox");
export const entryStore = {
  ...storeApi("entries"),
  byDate: (date) =>
    run("entries", "readonly", (s) => s.index("date").getAll(date)).then((rows) => rows ?? []),
  /** The entries dated `from` to `to`, both included. */
  between: (from, to) =>
    run("entries", "readonly", (s) => s.index("date").getAll(IDBKeyRange.bound(from, to))).then(
      (rows) => rows ?? [],
    ),
  putMany: (rows) =>
    run("entries", "readwrite", (s) => {
      rows.forEach((row) => s.put(row));
    }),
};
export const metaStore = storeApi("meta");

/**
 * Forget everything of the person the phone's data belongs to (signing out, deleting the
 * account). Days another account left unsent stay: only that account may send them.
 */
export async function clearAll() {
  const owner = await metaStore.get("owner");
  const held = (await outboxStore.all()).filter((item) => item.owner && item.owner !== owner);
  await Promise.all([outboxStore.clear(), entryStore.clear(), metaStore.clear()]);
  for (const item of held) await outboxStore.put(item);
}
