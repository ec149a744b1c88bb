# The probe of a PackedTable (IntMap's hashing, one (key, value) row per slot), shared by the
# compiled modules (cimported).
from libc.stdint cimport int64_t, uint64_t


cdef inline int64_t probe_rows(const int64_t[:, ::1] rows, uint64_t shift, int64_t mask, int64_t key) noexcept nogil:
    """The value of ``key`` in a PackedTable's ``(key, value)`` rows, or -1."""
    cdef int64_t slot = <int64_t>((<uint64_t>key * 0x9E3779B97F4A7C15ULL) >> shift)
    cdef int64_t found
    while True:
        found = rows[slot, 0]
        if found == key:
            return rows[slot, 1]
        if found == -1:
            return -1
        slot = (slot + 1) & mask
