// hopfield4j file mapping: read-only memory maps of a file region, the native memory of a mapped
// memory store (MemoryStore.mapNpy / mapNpz). A Java buffer (FileChannel.map) holds at most 2 GB and
// a store's native pointer must be one contiguous region, so the mapping is made here.
// Bound to Java by org.hopfield4j.nativelib.HopfieldNative; arguments are validated in Java (the
// path names a regular file whose length Java checked against the .npy header).
//
// The file is mapped from byte 0 (mappings start on a page boundary) to offset + length, shared and
// read-only: the pages are the OS page cache, read on first touch and dropped under memory pressure,
// so a store larger than RAM works. The file must not be truncated while it is mapped (a read past
// its new end is a SIGBUS, as with numpy.memmap).
#pragma once

#include <cerrno>

#if !defined(_WIN32)
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace h4j {

// The address of byte `offset` of a read-only mapping of the first offset + length bytes of the file
// at `path`, or null with *error set to an errno value (EINVAL for a bad range, ERANGE when the file
// is shorter than offset + length, ENOSYS where mapping is not implemented).
inline const void* map_file_readonly(const char* path, long long offset, long long length, int* error) noexcept {
  *error = 0;
  if (path == nullptr || offset < 0 || length <= 0 || offset > (1LL << 62) - length) {
    *error = EINVAL;
    return nullptr;
  }
#if defined(_WIN32)
  *error = ENOSYS;
  return nullptr;
#else
  const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    *error = errno;
    return nullptr;
  }
  struct stat st;
  const long long span = offset + length;
  void* base = MAP_FAILED;
  if (::fstat(fd, &st) != 0) {
    *error = errno;
  } else if (static_cast<long long>(st.st_size) < span) {
    *error = ERANGE;  // shorter than Java saw: changed since it was checked
  } else {
    base = ::mmap(nullptr, static_cast<size_t>(span), PROT_READ, MAP_SHARED, fd, 0);
    if (base == MAP_FAILED) *error = errno;
  }
  ::close(fd);  // the mapping keeps the file open
  if (base == MAP_FAILED) return nullptr;
  return static_cast<const char*>(base) + offset;
#endif
}

// Unmaps what map_file_readonly(path, offset, length) returned as `data`; 0, or an errno value.
inline int unmap_file(const void* data, long long offset, long long length) noexcept {
#if defined(_WIN32)
  (void)data, (void)offset, (void)length;
  return ENOSYS;
#else
  void* base = const_cast<char*>(static_cast<const char*>(data) - offset);
  return ::munmap(base, static_cast<size_t>(offset + length)) == 0 ? 0 : errno;
#endif
}

}  // namespace h4j
