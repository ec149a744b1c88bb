# The probe of a PackedTable (IntMap's hashing, one (key, value) row per slot), shared by the
# compiled modules (cimported), and a prefetch of the slot a probe will read first.
from libc.stdint cimport int64_t, uint64_t


# How many positions (terms) ahead a loop asks for the row it will read: far enough that the
# load has arrived when the loop gets there, near enough that the rows are still in the cache.
cdef enum:
    PREFETCH_AHEAD = 8


cdef extern from *:
    """
    #if defined(__GNUC__) || defined(__clang__)
    #define BULLETIN_NLP_PREFETCH(address) __builtin_prefetch(address)
    #else
    #define BULLETIN_NLP_PREFETCH(address) ((void)(address))
    #endif
    """
    void prefetch "BULLETIN_NLP_PREFETCH"(const void* address) noexcept nogil


cdef inline void prefetch_bytes(const void* start, Py_ssize_t size) noexcept nogil:
    """Prefetch every 64-byte cache line of the ``size`` bytes from ``start`` (a hint)."""
    cdef const char* line = <const char*>(<size_t>start & ~(<size_t>63))
    cdef const char* end = <const char*>start + size
    while line < end:
        prefetch(line)
        line += 64


cdef inline int64_t slot_of(uint64_t shift, int64_t key) noexcept nogil:
    """The first slot a probe for ``key`` reads (IntMap's Fibonacci hashing)."""
    return <int64_t>((<uint64_t>key * 0x9E3779B97F4A7C15ULL) >> shift)


cdef inline void prefetch_slot(const int64_t[:, ::1] rows, uint64_t shift, int64_t key) noexcept nogil:
    """Ask the CPU to load the row a probe for ``key`` reads first, so that probes a few keys
    apart wait for memory at the same time instead of one after another (a hint: no effect on
    the result)."""
    prefetch(&rows[slot_of(shift, key), 0])


cdef inline int64_t probe_rows(const int64_t[:, ::1] rows, uint64_t shift, int64_t mask, int64_t key) noexcept nogil:
    """The value of ``key`` in a PackedTable's ``(key, value)`` rows, or -1."""
    cdef int64_t slot = slot_of(shift, key)
    cdef int64_t found
    while True:
        found = rows[slot, 0]
        if found == key:
            return rows[slot, 1]
        if found == -1:
            return -1
        slot = (slot + 1) & mask
