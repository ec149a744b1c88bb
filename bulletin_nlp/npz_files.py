"""The package's ``.npz`` archives: written byte for byte reproducibly, and arrays that are
mostly one value stored as that value and its exceptions (a base module).

- :func:`write_npz` — like ``np.savez``, with sorted names, fixed timestamps and a choice, member
  by member, between deflating and storing (floats deflate by a third only, and inflating them
  costs every process its time at start-up; :func:`numpy.load` reads either).
- :func:`stored_arrays` — the arrays of an archive whose members are all stored, as read-only
  views of its bytes (no copy, no inflating); None for any other archive.
- :func:`common_value_members` / :func:`read_common_value` — an array as its most common value,
  a bit per element saying which differ from it (bit for bit: ``-0.0`` is not ``0.0``) and the
  elements that differ, in order. The pkuseg weights are 46-71 % zeros: stored so, their
  exceptions need no inflating and the file is hardly larger than deflated.
"""

from __future__ import annotations

import io
import math
import struct
import zipfile
from collections.abc import Callable, Mapping
from tokenize import TokenError

import numpy as np

from bulletin_nlp.resources import PathLike

__all__ = ["common_value_members", "read_common_value", "stored_arrays", "write_npz"]

_FIXED_TIME = (1980, 1, 1, 0, 0, 0)
_PARTS = ("fill", "mask", "rest", "shape")
_HEADER_ROOM = 1 << 14  # an .npy's magic, version, length and header (numpy reads none over 10,000 bytes)


def write_npz(path: PathLike, arrays: Mapping[str, np.ndarray], *, deflate: Callable[[str], bool]) -> None:
    """Write ``arrays`` to ``path`` as ``np.savez`` would (``{name}.npy`` members, no pickles),
    in name order with fixed timestamps; a member is deflated when ``deflate(name)`` is true,
    else stored."""
    with zipfile.ZipFile(path, "w") as archive:
        for name in sorted(arrays):
            buffer, array = io.BytesIO(), np.asarray(arrays[name])
            array = array if array.flags.c_contiguous else np.ascontiguousarray(array)  # (which makes 0-d 1-d)
            np.lib.format.write_array(buffer, array, allow_pickle=False)
            method = zipfile.ZIP_DEFLATED if deflate(name) else zipfile.ZIP_STORED
            archive.writestr(zipfile.ZipInfo(f"{name}.npy", date_time=_FIXED_TIME), buffer.getvalue(),
                             compress_type=method)


def stored_arrays(data: bytes) -> dict[str, np.ndarray] | None:
    """The arrays of the ``.npz`` archive ``data`` by name, as ``np.load`` gives them, but each a
    read-only view of ``data`` (no copy); None when a member is deflated or not an ``.npy``.
    Raises ValueError for an archive it cannot read or an array of objects (no pickles). The
    members' CRC-32 is not checked: check the archive's bytes as a whole first."""
    arrays = {}
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for info in archive.infolist():
                if info.compress_type != zipfile.ZIP_STORED or not info.filename.endswith(".npy"):
                    return None
                name_length, extra_length = struct.unpack_from("<HH", data, info.header_offset + 26)
                start = info.header_offset + 30 + name_length + extra_length
                header = io.BytesIO(data[start : start + min(info.file_size, _HEADER_ROOM)])
                version = np.lib.format.read_magic(header)
                shape, fortran_order, dtype = (np.lib.format.read_array_header_1_0(header) if version == (1, 0)
                                               else np.lib.format.read_array_header_2_0(header))
                if dtype.hasobject:
                    raise ValueError(f"{info.filename}: an array of objects (pickles are not read)")
                count, offset = math.prod(shape), start + header.tell()
                if offset + count * dtype.itemsize > start + info.file_size:
                    raise ValueError(f"{info.filename}: its header declares more data than the member holds")
                flat = np.frombuffer(data, dtype=dtype, count=count, offset=offset)
                arrays[info.filename[:-4]] = flat.reshape(shape, order="F" if fortran_order else "C")
    except (zipfile.BadZipFile, struct.error, SyntaxError, TokenError) as error:  # (numpy reads headers with these)
        raise ValueError(f"not a readable .npz archive ({type(error).__name__}: {error})") from None
    return arrays


def common_value_members(name: str, array: np.ndarray) -> dict[str, np.ndarray]:
    """``array`` as the members ``{name}.fill`` (its most common value), ``{name}.mask`` (packed
    bits: the elements that differ from it), ``{name}.rest`` (those elements, in order) and
    ``{name}.shape``; :func:`read_common_value` restores it bit for bit."""
    flat = np.ascontiguousarray(array).reshape(-1)
    if not flat.size or flat.dtype.kind not in "biuf" or flat.itemsize not in (1, 2, 4, 8):
        raise ValueError(f"{name}: only a non-empty array of numbers or booleans has a common value")
    bits = _bits(flat)
    values, counts = np.unique(bits, return_counts=True)
    differ = bits != values[counts.argmax()]
    return {f"{name}.fill": flat[np.flatnonzero(~differ)[:1]], f"{name}.mask": np.packbits(differ),
            f"{name}.rest": flat[differ], f"{name}.shape": np.array(array.shape, dtype=np.int64)}


def read_common_value(archive: np.lib.npyio.NpzFile, name: str) -> np.ndarray | None:
    """The array ``name`` that :func:`common_value_members` split in ``archive`` (an open
    ``np.load`` result), or None when the archive does not hold it so. Raises ValueError
    naming ``name`` when a part is missing or the parts do not fit together."""
    members = [f"{name}.{part}" for part in _PARTS]
    present = [member in archive.files for member in members]
    if not any(present):
        return None
    if not all(present):
        raise ValueError(f"{name}: stored as a common value without its {', '.join(_PARTS)} all present")
    fill, mask, rest, shape = (archive[member] for member in members)
    if shape.ndim != 1 or shape.dtype.kind not in "iu" or (shape < 0).any():
        raise ValueError(f"{name}: its shape {shape.tolist()} is not a list of sizes")
    size = math.prod(int(n) for n in shape)
    if (fill.shape != (1,) or rest.ndim != 1 or rest.dtype != fill.dtype or fill.itemsize not in (1, 2, 4, 8)
            or mask.ndim != 1 or mask.dtype != np.uint8 or mask.size != (size + 7) // 8):
        raise ValueError(f"{name}: its fill value, bits and exceptions do not fit together")
    differ = np.unpackbits(mask, count=size).view(bool)
    if int(np.count_nonzero(differ)) != rest.size:
        raise ValueError(f"{name}: {rest.size} exceptions for {np.count_nonzero(differ)} marked elements")
    out = np.full(size, _bits(fill)[0])  # the fill value's bits, as they were
    out[differ] = _bits(rest)
    return out.view(fill.dtype).reshape(tuple(int(n) for n in shape))


def _bits(array: np.ndarray) -> np.ndarray:
    """``array`` viewed as unsigned integers of its width (comparisons then go bit for bit)."""
    return array.view(f"u{array.itemsize}")
