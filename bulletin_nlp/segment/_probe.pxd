# The probe of IntMap's open-addressing table, shared by the compiled modules (cimported).
from libc.stdint cimport int64_t, uint64_t


cdef inline int64_t probe(const int64_t[::1] keys, const int64_t[::1] vals, uint64_t shift, int64_t mask,
                          int64_t key) noexcept nogil:
    """IntMap.get for one key: its value, or -1."""
    cdef int64_t slot = <int64_t>((<uint64_t>key * 0x9E3779B97F4A7C15ULL) >> shift)
    cdef int64_t found
    while True:
        found = keys[slot]
        if found == key:
            return vals[slot]
        if found == -1:
            return -1
        slot = (slot + 1) & mask
