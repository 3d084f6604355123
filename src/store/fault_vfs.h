// A fault-injecting SQLite VFS for tests, in the spirit of LevelDB's fault-injection Env and SQLite's
// own I/O-error tests. It wraps the default VFS ("unix") and passes every call through, except that a
// test can make chosen calls fail: the disk is full, a write fails, an fsync fails, a read fails.
//
// Use: fault_vfs::Register() once, then open the database with DatabaseOptions::sqlite_vfs =
// fault_vfs::kName. Arm() and Clear() may be called from any thread at any time (the state is atomics);
// they act on every connection opened through the VFS in this process, so tests that arm faults
// must not run in parallel in one process (GoogleTest runs tests one after another).
#pragma once

#include <cstdint>

namespace minsheng::store::fault_vfs {

// The name the VFS is registered under (pass it to sqlite3_open_v2 or DatabaseOptions::sqlite_vfs).
inline constexpr char kName[] = "minsheng_fault";

// Registers the VFS with SQLite (not as the default); idempotent and thread-safe. Returns kName.
const char* Register();

enum class Fault {
  kDiskFull,    // xWrite and xTruncate fail with SQLITE_FULL and change nothing (ENOSPC)
  kWriteError,  // xWrite fails with SQLITE_IOERR_WRITE and writes nothing (EIO)
  kFsyncError,  // xSync fails with SQLITE_IOERR_FSYNC *after* the data was written: what was written
                // stays in the file (as after a real failed fsync the kernel may still write it back)
  kReadError,   // xRead fails with SQLITE_IOERR_READ; memory-mapped reads (xFetch) of an affected file
                // fall back to xRead while it is armed, so they fail too
};
inline constexpr int kFaultCount = 4;

// Which files a fault applies to; OR them together.
enum FileKind : unsigned {
  kMainDb = 1u << 0,   // the database file (written by checkpoints in WAL mode)
  kWal = 1u << 1,      // the -wal file (written by every commit in WAL mode)
  kJournal = 1u << 2,  // a rollback journal (-journal, not used in WAL mode) or statement journal
  kOther = 1u << 3,    // temporary files and anything else
  kAnyFile = kMainDb | kWal | kJournal | kOther,
};

// Arm() count for a fault that stays until Clear().
inline constexpr std::int64_t kUntilCleared = -1;

// Arms `fault` on calls to files of kind `files`: the first `skip` matching calls still succeed, then
// the next `count` matching calls fail (or every one until Clear(), with kUntilCleared). Re-arming a
// fault replaces its previous setting; different faults are independent.
void Arm(Fault fault, unsigned files = kAnyFile, std::int64_t count = kUntilCleared, std::int64_t skip = 0);
// Disarms `fault`.
void Clear(Fault fault);
// Disarms every fault.
void ClearAll();
// True while `fault` still has calls to fail.
bool Armed(Fault fault);

// How many calls `fault` has failed since the process started (never reset; compare before and after).
std::int64_t Injected(Fault fault);
// How many xWrite / xSync calls reached files of kind `files` (faulted or not), for tests that wait
// until SQLite has actually touched a file (e.g. a checkpoint writing the database file).
std::int64_t Writes(unsigned files = kAnyFile);
std::int64_t Syncs(unsigned files = kAnyFile);

}  // namespace minsheng::store::fault_vfs
