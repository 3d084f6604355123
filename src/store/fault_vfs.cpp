#include "store/fault_vfs.h"

#include <sqlite3.h>

#include <array>
#include <atomic>
#include <cstring>
#include <mutex>

namespace minsheng::store::fault_vfs {
namespace {

// One armed fault. Arm() writes `remaining` last (release) and a call reads it first (acquire), so a
// call that sees it armed also sees its files and skip; a call racing with a re-Arm may use either
// setting, which tests accept (they arm between phases, not per call).
struct Rule {
  std::atomic<unsigned> files{0};
  std::atomic<std::int64_t> skip{0};
  std::atomic<std::int64_t> remaining{0};  // 0: disarmed; kUntilCleared: until Clear()
  std::atomic<std::int64_t> injected{0};
};

std::array<Rule, kFaultCount> rules;
// Calls per file kind, by bit index of FileKind.
std::array<std::atomic<std::int64_t>, 4> writes{};
std::array<std::atomic<std::int64_t>, 4> syncs{};

Rule& RuleOf(Fault fault) { return rules[static_cast<std::size_t>(fault)]; }

int BitIndex(unsigned kind) {
  switch (kind) {
    case kMainDb: return 0;
    case kWal: return 1;
    case kJournal: return 2;
    default: return 3;
  }
}

// Takes away one of `counter`'s positive units; false when it is not positive.
bool TakeOne(std::atomic<std::int64_t>& counter) {
  std::int64_t n = counter.load(std::memory_order_acquire);
  while (n > 0) {
    if (counter.compare_exchange_weak(n, n - 1, std::memory_order_acq_rel)) return true;
  }
  return false;
}

// True when this call to a file of `kind` must fail with `fault` (and counts it).
bool ShouldFail(Fault fault, unsigned kind) {
  Rule& rule = RuleOf(fault);
  const std::int64_t remaining = rule.remaining.load(std::memory_order_acquire);
  if (remaining == 0) return false;
  if ((rule.files.load(std::memory_order_relaxed) & kind) == 0) return false;
  if (TakeOne(rule.skip)) return false;
  if (remaining != kUntilCleared && !TakeOne(rule.remaining)) return false;
  rule.injected.fetch_add(1, std::memory_order_relaxed);
  return true;
}

bool Pending(Fault fault, unsigned kind) {
  const Rule& rule = RuleOf(fault);
  return rule.remaining.load(std::memory_order_acquire) != 0 &&
         (rule.files.load(std::memory_order_relaxed) & kind) != 0;
}

// Our file: the wrapped file of the base VFS lives right after it (szOsFile covers both).
struct FaultFile {
  sqlite3_file base;
  unsigned kind;
  sqlite3_file* real;
};

sqlite3_vfs* BaseVfs(sqlite3_vfs* vfs) { return static_cast<sqlite3_vfs*>(vfs->pAppData); }
FaultFile* Self(sqlite3_file* file) { return reinterpret_cast<FaultFile*>(file); }
sqlite3_file* Real(sqlite3_file* file) { return Self(file)->real; }

int Close(sqlite3_file* file) { return Real(file)->pMethods->xClose(Real(file)); }

int Read(sqlite3_file* file, void* buffer, int amount, sqlite3_int64 offset) {
  if (ShouldFail(Fault::kReadError, Self(file)->kind)) return SQLITE_IOERR_READ;
  return Real(file)->pMethods->xRead(Real(file), buffer, amount, offset);
}

int Write(sqlite3_file* file, const void* buffer, int amount, sqlite3_int64 offset) {
  const unsigned kind = Self(file)->kind;
  writes[BitIndex(kind)].fetch_add(1, std::memory_order_relaxed);
  if (ShouldFail(Fault::kDiskFull, kind)) return SQLITE_FULL;
  if (ShouldFail(Fault::kWriteError, kind)) return SQLITE_IOERR_WRITE;
  return Real(file)->pMethods->xWrite(Real(file), buffer, amount, offset);
}

int Truncate(sqlite3_file* file, sqlite3_int64 size) {
  if (ShouldFail(Fault::kDiskFull, Self(file)->kind)) return SQLITE_FULL;
  return Real(file)->pMethods->xTruncate(Real(file), size);
}

int Sync(sqlite3_file* file, int flags) {
  const unsigned kind = Self(file)->kind;
  syncs[BitIndex(kind)].fetch_add(1, std::memory_order_relaxed);
  // The data is in the file already (written through to the OS); only the promise of durability fails.
  if (ShouldFail(Fault::kFsyncError, kind)) return SQLITE_IOERR_FSYNC;
  return Real(file)->pMethods->xSync(Real(file), flags);
}

int FileSize(sqlite3_file* file, sqlite3_int64* size) { return Real(file)->pMethods->xFileSize(Real(file), size); }
int Lock(sqlite3_file* file, int level) { return Real(file)->pMethods->xLock(Real(file), level); }
int Unlock(sqlite3_file* file, int level) { return Real(file)->pMethods->xUnlock(Real(file), level); }
int CheckReservedLock(sqlite3_file* file, int* out) {
  return Real(file)->pMethods->xCheckReservedLock(Real(file), out);
}
int FileControl(sqlite3_file* file, int op, void* arg) {
  return Real(file)->pMethods->xFileControl(Real(file), op, arg);
}
int SectorSize(sqlite3_file* file) { return Real(file)->pMethods->xSectorSize(Real(file)); }
int DeviceCharacteristics(sqlite3_file* file) {
  return Real(file)->pMethods->xDeviceCharacteristics(Real(file));
}
int ShmMap(sqlite3_file* file, int region, int size, int extend, void volatile** out) {
  return Real(file)->pMethods->xShmMap(Real(file), region, size, extend, out);
}
int ShmLock(sqlite3_file* file, int offset, int n, int flags) {
  return Real(file)->pMethods->xShmLock(Real(file), offset, n, flags);
}
void ShmBarrier(sqlite3_file* file) { Real(file)->pMethods->xShmBarrier(Real(file)); }
int ShmUnmap(sqlite3_file* file, int delete_flag) { return Real(file)->pMethods->xShmUnmap(Real(file), delete_flag); }
int Fetch(sqlite3_file* file, sqlite3_int64 offset, int amount, void** out) {
  // While reads of this file are to fail, no page comes from the memory map: SQLite then uses xRead.
  if (Pending(Fault::kReadError, Self(file)->kind)) {
    *out = nullptr;
    return SQLITE_OK;
  }
  return Real(file)->pMethods->xFetch(Real(file), offset, amount, out);
}
int Unfetch(sqlite3_file* file, sqlite3_int64 offset, void* page) {
  return Real(file)->pMethods->xUnfetch(Real(file), offset, page);
}

// Version 3 methods; used only for files whose real methods are version 3 too (see Open).
const sqlite3_io_methods kMethods = {
    3,        Close,       Read,     Write,      Truncate,  Sync,     FileSize,
    Lock,     Unlock,      CheckReservedLock,    FileControl,         SectorSize,
    DeviceCharacteristics, ShmMap,   ShmLock,    ShmBarrier, ShmUnmap, Fetch, Unfetch,
};
// The same for real files without shared memory or memory maps (version 1).
const sqlite3_io_methods kMethodsV1 = {
    1,    Close,  Read, Write, Truncate, Sync, FileSize, Lock, Unlock, CheckReservedLock, FileControl,
    SectorSize, DeviceCharacteristics, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
};

unsigned KindOf(int flags) {
  if (flags & SQLITE_OPEN_MAIN_DB) return kMainDb;
  if (flags & SQLITE_OPEN_WAL) return kWal;
  if (flags & (SQLITE_OPEN_MAIN_JOURNAL | SQLITE_OPEN_SUBJOURNAL | SQLITE_OPEN_SUPER_JOURNAL)) return kJournal;
  return kOther;
}

int Open(sqlite3_vfs* vfs, sqlite3_filename name, sqlite3_file* file, int flags, int* out_flags) {
  FaultFile* self = Self(file);
  self->kind = KindOf(flags);
  self->real = reinterpret_cast<sqlite3_file*>(self + 1);
  self->real->pMethods = nullptr;
  const int rc = BaseVfs(vfs)->xOpen(BaseVfs(vfs), name, self->real, flags, out_flags);
  // SQLite calls xClose only when pMethods is set, whether or not the open succeeded.
  const sqlite3_io_methods* real_methods = self->real->pMethods;
  if (real_methods == nullptr) {
    file->pMethods = nullptr;
  } else {
    file->pMethods = real_methods->iVersion >= 3 ? &kMethods : &kMethodsV1;
  }
  return rc;
}

int Delete(sqlite3_vfs* vfs, const char* name, int sync_dir) {
  return BaseVfs(vfs)->xDelete(BaseVfs(vfs), name, sync_dir);
}
int Access(sqlite3_vfs* vfs, const char* name, int flags, int* out) {
  return BaseVfs(vfs)->xAccess(BaseVfs(vfs), name, flags, out);
}
int FullPathname(sqlite3_vfs* vfs, const char* name, int size, char* out) {
  return BaseVfs(vfs)->xFullPathname(BaseVfs(vfs), name, size, out);
}
void* DlOpen(sqlite3_vfs* vfs, const char* name) { return BaseVfs(vfs)->xDlOpen(BaseVfs(vfs), name); }
void DlError(sqlite3_vfs* vfs, int size, char* out) { BaseVfs(vfs)->xDlError(BaseVfs(vfs), size, out); }
void (*DlSym(sqlite3_vfs* vfs, void* handle, const char* symbol))(void) {
  return BaseVfs(vfs)->xDlSym(BaseVfs(vfs), handle, symbol);
}
void DlClose(sqlite3_vfs* vfs, void* handle) { BaseVfs(vfs)->xDlClose(BaseVfs(vfs), handle); }
int Randomness(sqlite3_vfs* vfs, int size, char* out) {
  return BaseVfs(vfs)->xRandomness(BaseVfs(vfs), size, out);
}
int Sleep(sqlite3_vfs* vfs, int microseconds) { return BaseVfs(vfs)->xSleep(BaseVfs(vfs), microseconds); }
int CurrentTime(sqlite3_vfs* vfs, double* out) { return BaseVfs(vfs)->xCurrentTime(BaseVfs(vfs), out); }
int GetLastError(sqlite3_vfs* vfs, int size, char* out) {
  return BaseVfs(vfs)->xGetLastError(BaseVfs(vfs), size, out);
}
int CurrentTimeInt64(sqlite3_vfs* vfs, sqlite3_int64* out) {
  return BaseVfs(vfs)->xCurrentTimeInt64(BaseVfs(vfs), out);
}

}  // namespace

const char* Register() {
  static std::once_flag once;
  static sqlite3_vfs vfs;
  std::call_once(once, [] {
    sqlite3_initialize();
    sqlite3_vfs* base = sqlite3_vfs_find(nullptr);
    std::memset(&vfs, 0, sizeof vfs);
    vfs.iVersion = 2;
    vfs.szOsFile = static_cast<int>(sizeof(FaultFile)) + base->szOsFile;
    vfs.mxPathname = base->mxPathname;
    vfs.zName = kName;
    vfs.pAppData = base;
    vfs.xOpen = Open;
    vfs.xDelete = Delete;
    vfs.xAccess = Access;
    vfs.xFullPathname = FullPathname;
    vfs.xDlOpen = DlOpen;
    vfs.xDlError = DlError;
    vfs.xDlSym = DlSym;
    vfs.xDlClose = DlClose;
    vfs.xRandomness = Randomness;
    vfs.xSleep = Sleep;
    vfs.xCurrentTime = CurrentTime;
    vfs.xGetLastError = GetLastError;
    vfs.xCurrentTimeInt64 = base->iVersion >= 2 && base->xCurrentTimeInt64 != nullptr ? CurrentTimeInt64 : nullptr;
    sqlite3_vfs_register(&vfs, /*makeDflt=*/0);
  });
  return kName;
}

void Arm(Fault fault, unsigned files, std::int64_t count, std::int64_t skip) {
  Rule& rule = RuleOf(fault);
  rule.remaining.store(0, std::memory_order_release);
  rule.files.store(files, std::memory_order_relaxed);
  rule.skip.store(skip < 0 ? 0 : skip, std::memory_order_relaxed);
  rule.remaining.store(count < 0 ? kUntilCleared : count, std::memory_order_release);
}

void Clear(Fault fault) { RuleOf(fault).remaining.store(0, std::memory_order_release); }

void ClearAll() {
  for (Rule& rule : rules) rule.remaining.store(0, std::memory_order_release);
}

bool Armed(Fault fault) { return RuleOf(fault).remaining.load(std::memory_order_acquire) != 0; }

std::int64_t Injected(Fault fault) { return RuleOf(fault).injected.load(std::memory_order_relaxed); }

namespace {
std::int64_t Sum(const std::array<std::atomic<std::int64_t>, 4>& counters, unsigned files) {
  std::int64_t total = 0;
  for (unsigned bit = 0; bit < counters.size(); ++bit) {
    if (files & (1u << bit)) total += counters[bit].load(std::memory_order_relaxed);
  }
  return total;
}
}  // namespace

std::int64_t Writes(unsigned files) { return Sum(writes, files); }
std::int64_t Syncs(unsigned files) { return Sum(syncs, files); }

}  // namespace minsheng::store::fault_vfs
