"""The package's .npz archives: reproducible writing, deflated or stored members, and arrays
kept as their most common value and its exceptions."""

from __future__ import annotations

import io
import zipfile

import numpy as np
import pytest

from bulletin_nlp.npz_files import common_value_members, read_common_value, stored_arrays, write_npz


def _round_trip(tmp_path, name, array):
    write_npz(tmp_path / "a.npz", common_value_members(name, array), deflate=lambda member: True)
    with np.load(tmp_path / "a.npz", allow_pickle=False) as archive:
        return read_common_value(archive, name)


@pytest.mark.parametrize("array", [
    np.array([[0.0, -0.0, 1.5], [0.0, np.nan, 0.0]]),  # -0.0 and NaN differ from 0.0 bit for bit
    np.array([-1, -1, 7, -1, 3], dtype=np.int64),
    np.array([True, False, True, True]),
    np.full((3, 4, 5), 2.5, dtype=np.float32),  # no exceptions at all
    np.arange(11, dtype=np.int16).reshape(11, 1),  # no value repeats
    np.array(-0.0),  # 0-d
    np.array([1, 1, 258, 1], dtype=">i4"),  # not the machine's byte order
])
def test_common_value_round_trip_is_bit_for_bit(tmp_path, array):
    restored = _round_trip(tmp_path, "w", array)
    assert restored.dtype == array.dtype and restored.shape == array.shape
    assert restored.tobytes() == array.tobytes()


def test_common_value_members_hold_the_exceptions_only():
    array = np.zeros(1000)
    array[[3, 500, 999]] = [1.0, -0.0, 2.0]
    members = common_value_members("w", array)
    assert members["w.rest"].tobytes() == np.array([1.0, -0.0, 2.0]).tobytes()
    assert members["w.fill"].tobytes() == np.zeros(1).tobytes()
    assert members["w.mask"].size == 125


def test_common_value_refuses_what_it_cannot_restore():
    for array in (np.zeros(0), np.array(["a", "b"]), np.zeros(3, dtype=np.complex128)):
        with pytest.raises(ValueError):
            common_value_members("w", array)


def test_read_common_value_refuses_parts_that_do_not_fit(tmp_path):
    members = common_value_members("w", np.array([0.0, 1.0, 0.0, 2.0]))
    members["w.rest"] = members["w.rest"][:1]  # one exception for two marked elements
    write_npz(tmp_path / "a.npz", members, deflate=lambda member: False)
    with np.load(tmp_path / "a.npz") as archive, pytest.raises(ValueError, match="exceptions"):
        read_common_value(archive, "w")
    for part, value in (("shape", np.array([-2, -4])), ("shape", np.array([[4]])), ("rest", np.array([[1.0, 2.0]]))):
        write_npz(tmp_path / "c.npz", {**common_value_members("w", np.array([0.0, 1.0, 0.0, 2.0])), f"w.{part}": value},
                  deflate=lambda member: False)
        with np.load(tmp_path / "c.npz") as archive, pytest.raises(ValueError, match=r"^w: "):
            read_common_value(archive, "w")
    partial = {key: value for key, value in common_value_members("w", np.zeros(4)).items() if key != "w.mask"}
    write_npz(tmp_path / "d.npz", partial, deflate=lambda member: False)
    with np.load(tmp_path / "d.npz") as archive, pytest.raises(ValueError, match="all present"):
        read_common_value(archive, "w")
    write_npz(tmp_path / "b.npz", {"w": np.zeros(3)}, deflate=lambda member: False)
    with np.load(tmp_path / "b.npz") as archive:
        assert read_common_value(archive, "w") is None  # stored whole


def test_write_npz_is_reproducible_and_deflates_as_asked(tmp_path):
    arrays = {"b": np.zeros(4096), "a": np.arange(4096), "scalar": np.array("fingerprint"),
              "columns": np.zeros((64, 64))[:, ::2]}  # not contiguous
    write_npz(tmp_path / "one.npz", arrays, deflate=lambda name: name != "b")
    write_npz(tmp_path / "two.npz", dict(reversed(arrays.items())), deflate=lambda name: name != "b")
    assert (tmp_path / "one.npz").read_bytes() == (tmp_path / "two.npz").read_bytes()
    with zipfile.ZipFile(tmp_path / "one.npz") as archive:
        methods = {info.filename: info.compress_type for info in archive.infolist()}
    assert list(methods) == ["a.npy", "b.npy", "columns.npy", "scalar.npy"]
    assert methods["b.npy"] == zipfile.ZIP_STORED and methods["a.npy"] == zipfile.ZIP_DEFLATED
    with np.load(tmp_path / "one.npz") as archive:
        assert archive["scalar"].shape == () and str(archive["scalar"]) == "fingerprint"
        assert np.array_equal(archive["columns"], arrays["columns"])


def test_stored_arrays_are_what_np_load_reads_as_views_of_the_bytes(tmp_path):
    arrays = {"floats": np.linspace(-1, 1, 12).reshape(3, 4), "fortran": np.asfortranarray(np.arange(6).reshape(2, 3)),
              "flags": np.array([True, False, True]), "bytes": np.frombuffer("县政府".encode(), dtype=np.uint8),
              "scalar": np.array(7.5), "empty": np.zeros((0, 16)), "words": np.array(["城关镇", "县"])}
    path = tmp_path / "stored.npz"
    write_npz(path, arrays, deflate=lambda name: False)
    data = path.read_bytes()
    read = stored_arrays(data)
    assert read is not None and sorted(read) == sorted(arrays)
    with np.load(path, allow_pickle=False) as npz:
        for name in arrays:
            assert read[name].dtype == npz[name].dtype and read[name].shape == npz[name].shape
            assert np.array_equal(read[name], npz[name]) and not read[name].flags.writeable
    write_npz(path, arrays, deflate=lambda name: name == "flags")
    assert stored_arrays(path.read_bytes()) is None  # a deflated member: np.load reads the archive


def test_stored_arrays_refuse_objects_and_broken_archives(tmp_path):
    path = tmp_path / "objects.npz"
    with zipfile.ZipFile(path, "w") as archive, archive.open("objects.npy", "w") as member:
        np.lib.format.write_array(member, np.array([{"a": 1}], dtype=object), allow_pickle=True)
    with pytest.raises(ValueError, match="objects"):
        stored_arrays(path.read_bytes())
    write_npz(path, {"x": np.arange(1000)}, deflate=lambda name: False)
    data = path.read_bytes()
    for broken in (data[:-200], data[:100] + b"\0" * 50 + data[150:], b"not a zip"):
        with pytest.raises(ValueError):
            stored_arrays(broken)


def test_stored_arrays_refuse_a_member_shorter_than_its_header_says(tmp_path):
    # the bytes after the member (the next member's) must not be read as its data, as np.load refuses too
    path = tmp_path / "short.npz"
    with zipfile.ZipFile(path, "w") as archive:
        with archive.open("a.npy", "w") as member:
            header = io.BytesIO()
            np.lib.format.write_array_header_1_0(header, {"descr": "<i8", "fortran_order": False, "shape": (1200,)})
            member.write(header.getvalue() + np.arange(1000, dtype="<i8").tobytes())
        with archive.open("b.npy", "w") as member:
            np.lib.format.write_array(member, np.arange(1000, dtype="<i8"))
    with pytest.raises(ValueError, match="more data than the member holds"):
        stored_arrays(path.read_bytes())
