"""Tests for bulletin_nlp.segment.pkuseg: FastPkuseg must cut exactly as spacy_pkuseg does.

The reference is ``spacy_pkuseg.pkuseg(model_dir, user_dict=..., postag=False)`` with
``postprocesser.do_process = False`` (and left on for ``default_dict=True``).  Texts:
every line of ``shared/data/seg/ud_test.txt`` joined without spaces (skipped when
``../shared`` is absent) and bulletin-style sentences written for these tests.

The model is ``models/pkuseg`` when present, else a tiny one trained here (1 iteration).
The user dictionary's cuts are also compared directly with ``spacy_pkuseg.Preprocesser``.
"""
from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.support import ROOT, SHARED

spacy_pkuseg = pytest.importorskip("spacy_pkuseg")

from bulletin_nlp.segment.pkuseg import COMPILED, FastPkuseg  # noqa: E402
from bulletin_nlp.segment.userdict import UserDictionary  # noqa: E402

SEG_DATA = SHARED / "data" / "seg"

# Hand-segmented lines, used to train the fallback model when ../shared is absent.
TRAIN_FALLBACK = """\
县 科工局 加速 技改 助力 企业 转型 升级 。
一季度 ， 我 县 技改 投资 上报额 5452 万 元 ， 同比 增速 达到 54.8% 。
按照 “ 对接 项目 抓 签约 ， 签约 项目 抓 开工 ” 总体 思路 ， 完善 沟通 机制 。
2023年 ， 开发区 在建 项目 共 25 个 、 总投资 122.74 亿 元 。
县 交通 运输局 全力 推进 安罗 高速 项目 建设 。
组织 党员 干部 86 名 深入 一线 ， 发放 明白纸 3 万 份 。
""".splitlines()

SENTENCES = [
    "县科工局加速技改助力企业转型升级 建立技改项目库，加强部门联动。",
    "一季度，我县技改投资上报额 5452 万元，同比增速达到 54.8%。（科工局）",
    "县民政局为困难群众发放棉被 6500 条。",
    "累计铺设管网6500条，总投资１２．５亿元，增长１５％。",
    "２０２３年４月２１日　第 18 期",
    "ＡＢＣ公司与ａｂｃ集团签约，GDP增长5.2%，PM2.5浓度下降。",
    "网址：http://www.yanjin.gov.cn/a_b-c|d*e:f,g",
    "【全力拼经济】“对接项目抓签约，签约项目抓开工，开工项目抓进度”！？……——",
    "延津政务快报\n\n第 18 期\n\n延津县人民政府办公室\r\n2023 年 4 月 21 日\n",
    "县开发区强化要素保障全力推进重点项目建设\t对连续四次最后一名的所有包联项目责\n任人进行责任追究。",
    "安罗高速项目建设；安罗高速公路；安罗",
    "𠮷野家在延津开店\xa0三家，新增就业岗位 120 个。",
    "",
    "   ",
    " \n\t\u3000\r\n ",
    "一",
    "6500",
    "延津县延津县延津县",
]

USER_WORDS = ["延津县", "科工局", "技改", "6500条", "PM2.5", "5452万元", "拼经济", "安罗", "安罗高速公路", "县开发区"]


@pytest.fixture(scope="session")
def model_dir(tmp_path_factory) -> Path:
    shipped = ROOT / "models" / "pkuseg"
    if (shipped / "features.msgpack").exists() and (shipped / "weights.npz").exists():
        return shipped
    tmp = tmp_path_factory.mktemp("pkuseg")
    if (SEG_DATA / "ud_train.txt").exists():
        lines = (SEG_DATA / "ud_train.txt").read_text("utf-8").splitlines()[:300]
    else:
        lines = TRAIN_FALLBACK * 20
    (tmp / "train.txt").write_text("\n".join(lines) + "\n", "utf-8")
    (tmp / "test.txt").write_text("\n".join(lines[:20]) + "\n", "utf-8")
    spacy_pkuseg.train(str(tmp / "train.txt"), str(tmp / "test.txt"), str(tmp / "model"), train_iter=1)
    return tmp / "model"


def reference(model_dir: Path, user_dict, do_process: bool = False):
    seg = spacy_pkuseg.pkuseg(model_name=str(model_dir), user_dict=user_dict, postag=False)
    seg.postprocesser.do_process = do_process
    return seg


@pytest.fixture(scope="session")
def segmenters(model_dir):
    """(reference, FastPkuseg) for no user dictionary and for USER_WORDS, built once."""
    return {
        name: (reference(model_dir, words), FastPkuseg(model_dir, words, cache_size=0))
        for name, words in (("no-dict", []), ("user-dict", USER_WORDS))
    }


@pytest.fixture(scope="session")
def ud_test_lines() -> list[str]:
    path = SEG_DATA / "ud_test.txt"
    if not path.exists():
        pytest.skip(f"{path} not found (needs the shared data next to the repository)")
    return ["".join(line.split()) for line in path.read_text("utf-8").splitlines()]


@pytest.mark.parametrize("dict_name", ["no-dict", "user-dict"])
def test_pkuseg_matches_pkuseg_on_ud_test(segmenters, ud_test_lines, dict_name):
    ref, fast = segmenters[dict_name]
    expected = [ref.cut(line) for line in ud_test_lines]
    assert fast.cut_many(ud_test_lines) == expected
    assert [fast.cut(line) for line in ud_test_lines] == expected


@pytest.mark.parametrize("dict_name", ["no-dict", "user-dict"])
@pytest.mark.parametrize("text", SENTENCES, ids=[f"s{i}" for i in range(len(SENTENCES))])
def test_pkuseg_matches_pkuseg_on_bulletin_text(segmenters, dict_name, text):
    ref, fast = segmenters[dict_name]
    assert fast.cut(text) == ref.cut(text)


def test_pkuseg_cache_is_exact(model_dir, segmenters):
    ref, _ = segmenters["user-dict"]
    fast = FastPkuseg(model_dir, USER_WORDS, cache_size=8)  # small: gets cleared on the way
    for _ in range(2):
        assert [fast.cut(t) for t in SENTENCES] == [ref.cut(t) for t in SENTENCES]


def test_pkuseg_cache_overflow_keeps_this_calls_hits(model_dir):
    """A call that both hits the cache and overflows it clears it only after use."""
    fast = FastPkuseg(model_dir, (), cache_size=3)
    first = fast.cut("今天天气 很好")
    assert fast.cut("今天天气 我们出去 玩一玩")[: len(first) - 1] == first[:-1]


def test_pkuseg_batches_and_long_pieces(model_dir, segmenters):
    ref, _ = segmenters["user-dict"]
    long_piece = "".join("".join(SENTENCES).split()) * 3
    texts = [*SENTENCES, long_piece, *SENTENCES]
    fast = FastPkuseg(model_dir, USER_WORDS, cache_size=0, batch_chars=64)  # many small batches
    assert fast.cut_many(texts) == [ref.cut(t) for t in texts]


@pytest.mark.slow
def test_pkuseg_piece_longer_than_a_window_is_decoded_window_by_window(model_dir, segmenters):
    from bulletin_nlp.segment.pkuseg import MAX_PIECE

    ref, _ = segmenters["no-dict"]
    solid = "".join("".join(SENTENCES).split())
    piece = (solid * (2 * MAX_PIECE // len(solid) + 2))[: 2 * MAX_PIECE + 77]
    windows = [piece[:MAX_PIECE], piece[MAX_PIECE : 2 * MAX_PIECE], piece[2 * MAX_PIECE :]]
    fast = FastPkuseg(model_dir, (), cache_size=0)
    assert fast.cut(piece) == [w for window in windows for w in ref.cut(window)]
    assert fast.cut(piece[:MAX_PIECE]) == ref.cut(piece[:MAX_PIECE])  # up to a window: exact


def test_pkuseg_user_dict_file(model_dir, tmp_path):
    path = tmp_path / "user.txt"
    path.write_text("".join(f"  {w}\tn\n" for w in USER_WORDS) + "\n", "utf-8")
    ref = reference(model_dir, str(path))
    fast = FastPkuseg(model_dir, path)
    assert [fast.cut(t) for t in SENTENCES] == [ref.cut(t) for t in SENTENCES]


def test_pkuseg_default_dict_like_spacy(model_dir):
    """spaCy's ChineseTokenizer keeps pkuseg's post-processor (default.pkl) switched on."""
    ref = reference(model_dir, USER_WORDS, do_process=True)
    fast = FastPkuseg(model_dir, USER_WORDS, default_dict=True)
    texts = [*SENTENCES, "".join(SENTENCES[:4])]
    assert fast.cut_many(texts) == [ref.cut(t) for t in texts]


def test_pkuseg_words_are_text_without_whitespace(model_dir):
    fast = FastPkuseg(model_dir, USER_WORDS)
    for text in SENTENCES:
        words = fast.cut(text)
        assert "".join(words) == "".join(text.split())
        assert all(words) and not any(c.isspace() for w in words for c in w)
    assert fast.cut("") == [] and fast.cut(" \u3000\n") == []


def test_pkuseg_node_scores_bit_identical(segmenters):
    from spacy_pkuseg import inference

    from bulletin_nlp.segment.intmap import code_points
    from bulletin_nlp.segment.pkuseg import _SEP, _TRANSLATE

    ref, fast = segmenters["no-dict"]
    for piece in "".join(SENTENCES).split():
        nodes = list(ref.feature_extractor.normalize_text(piece))
        feats = [ref.feature_extractor.get_node_features_idx(i, nodes) for i in range(len(nodes))]
        m = ref.model
        expected, _ = inference.getLogYY(feats, m.n_tag, m.n_feature * m.n_tag, m.w, 1.0)
        got = fast._node_scores(code_points((_SEP + piece + _SEP).translate(_TRANSLATE)))
        np.testing.assert_array_equal(got[len(_SEP) : len(_SEP) + len(piece)], expected)


def test_pkuseg_normalisation_tables_match_pkuseg():
    from spacy_pkuseg.feature_extractor import FeatureExtractor

    from bulletin_nlp.segment import pkuseg as segmenter

    assert set(segmenter._NUM) == FeatureExtractor.num
    assert set(segmenter._LETTER) == FeatureExtractor.letter
    assert FeatureExtractor.keywords == segmenter._KEYWORDS


TABLES_TEXT = "县市场监督管理局开展电子计价秤专项检查，共检查商户 38 家，处置路面病害6处。２０２４年"


@pytest.fixture
def model_files(tmp_path):
    """A folder with the shipped pkuseg model's files and no tables (skips without the model)."""
    import shutil

    from bulletin_nlp.resources import model_path

    source = model_path("pkuseg")
    if source is None:
        pytest.skip("no shipped model")
    for name in ("features.msgpack", "weights.npz"):
        shutil.copyfile(source / name, tmp_path / name)
    return tmp_path


def test_pkuseg_saved_tables_give_identical_words(model_files):
    """tables.npz (derived lookup tables) loads to exactly the decoder built from the model files."""
    text = TABLES_TEXT
    built = FastPkuseg(model_files, ["县市场监督管理局"])
    built.save_tables()
    loaded = FastPkuseg(model_files, ["县市场监督管理局"])
    assert loaded.cut(text) == built.cut(text)
    with np.load(model_files / "weights.npz") as npz:
        sizes, weights = npz["sizes"], npz["w"]
    np.savez_compressed(model_files / "weights.npz", sizes=sizes, w=weights * 2)
    assert not loaded._load_tables()  # the tables no longer match the model files: rebuilt instead


def test_pkuseg_tables_store_the_weights_as_zeros_and_exceptions(model_files):
    """The mostly-zero weight arrays are stored as their common value and exceptions, the
    exceptions not deflated; loaded, every array equals the one built from the model files."""
    built = FastPkuseg(model_files)
    with zipfile.ZipFile(built.save_tables()) as archive:
        methods = {info.filename: info.compress_type for info in archive.infolist()}
    for name in ("char_w", "bi_w", "word_w"):
        assert f"{name}.npy" not in methods and methods[f"{name}.rest.npy"] == zipfile.ZIP_STORED
    assert methods["trie_child.npy"] == zipfile.ZIP_DEFLATED
    loaded = FastPkuseg(model_files)
    assert loaded._load_tables()  # read from the tables, not rebuilt
    for name in FastPkuseg._ARRAYS:
        assert getattr(loaded, name).tobytes() == getattr(built, name).tobytes()
        assert getattr(loaded, name).dtype == getattr(built, name).dtype


def test_pkuseg_shipped_tables_are_built_from_the_shipped_model(model_files):
    """The shipped tables.npz matches the shipped model files (else every process would rebuild
    them, ~0.4 s) and equals, array for array, what save_tables builds from those files."""
    from bulletin_nlp.resources import model_path

    shipped = FastPkuseg(model_path("pkuseg"))
    assert shipped._load_tables()
    built = FastPkuseg(model_files)  # the same model files without tables: built from them
    for name in FastPkuseg._ARRAYS:
        assert getattr(shipped, name).tobytes() == getattr(built, name).tobytes(), name
    for name in FastPkuseg._MAPS:
        assert np.array_equal(shipped._ordered_keys(name), built._ordered_keys(name)), name


def test_pkuseg_tables_match_the_model_files_by_their_digests(model_files):
    """The digests a caller has checked stand for hashing the files; digests of other files
    make the tables not match (rebuilt from the model files)."""
    FastPkuseg(model_files).save_tables()
    digests = {name: hashlib.sha256((model_files / name).read_bytes()).hexdigest()
               for name in ("features.msgpack", "weights.npz")}
    assert FastPkuseg(model_files, file_digests=digests)._load_tables()
    assert not FastPkuseg(model_files, file_digests={**digests, "weights.npz": "0" * 64})._load_tables()


def test_pkuseg_tables_hold_the_maps_keys_and_older_tables_their_slots(model_files):
    """tables.npz holds each map's keys in order; the numpy decoder builds the maps from them,
    equal to those built from the model files. Tables written before (each map's slots, whole
    arrays, the SHA-256 of the files' bytes) load to the same words."""
    tmp_path, text = model_files, TABLES_TEXT
    built = FastPkuseg(tmp_path, compiled=False)
    with np.load(built.save_tables()) as npz:
        assert not any(name.endswith((".keys", ".vals")) for name in npz.files)
    loaded = FastPkuseg(tmp_path, compiled=False)
    assert loaded.cut(text) == built.cut(text)
    for name in FastPkuseg._MAPS:
        assert np.array_equal(getattr(loaded, name).keys, getattr(built, name).keys)
        assert np.array_equal(getattr(loaded, name).vals, getattr(built, name).vals)
    older = {name: getattr(built, name) for name in FastPkuseg._ARRAYS}
    for name in FastPkuseg._MAPS:
        intmap = getattr(built, name)
        older.update({f"{name}.keys": intmap.keys, f"{name}.vals": intmap.vals,
                      f"{name}.shift": np.array(intmap.shift), f"{name}.mask": np.array(intmap.mask)})
    np.savez_compressed(tmp_path / "tables.npz", sizes=np.array([built.n_tag, built.n_words]),
                        fingerprint=np.array(built._concatenated_fingerprint()), **older)
    assert FastPkuseg(tmp_path)._load_tables()
    for compiled in {False, COMPILED}:
        assert FastPkuseg(tmp_path, compiled=compiled).cut(text) == built.cut(text)


# User dictionary ----------------------------------------------------------------------------

def pkuseg_plan(pre, text: str) -> list[tuple[str, bool]]:
    """What pkuseg.cut does before decoding: (piece, is user word) per chunk of ``text``."""
    return [(p, forced) for chunk in text.split() for p, forced, _ in zip(*pre.solve(chunk), strict=True)]


WORD_CHARS = "县局镇乡区ab𠮷\ud800"  # an astral character and a lone surrogate included
SPACES = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2028\u2029\u3000"


@settings(max_examples=500, deadline=None)
@given(
    words=st.lists(st.text(alphabet=WORD_CHARS + " \u3000\t", max_size=5), max_size=8),
    prefixes=st.lists(st.integers(0, 4), max_size=8),
    texts=st.lists(st.text(alphabet=WORD_CHARS + SPACES + "xy", max_size=40), max_size=4),
    group_chars=st.sampled_from([1, 7, 1 << 20]),
)
def test_pkuseg_user_dict_plans_match_pkuseg_preprocesser(words, prefixes, texts, group_chars):
    """Random small dictionaries (prefix words, inner whitespace) over texts of their characters."""
    words = words + [w[:k] for w, k in zip(words, prefixes, strict=False)]
    pre = spacy_pkuseg.Preprocesser(words)
    expected = [pkuseg_plan(pre, t) for t in texts]
    assert UserDictionary(words).plans(texts, group_chars=group_chars) == expected
    assert UserDictionary([(w, "n") for w in words]).plans(texts) == expected


@pytest.mark.parametrize(
    "words, text",
    [
        ([], "县局 镇\u3000乡"),
        (["县局"], ""),
        (["县局"], " \u3000\x1c\x85\u2028 "),
        (["县", "县局镇乡"], "县局镇x 县局镇 县局镇乡"),  # the quirk: up to the failure, but not at the end
        (["a", "ab", "abc"], "abcab ab a abx"),
        (["县 局"], "县局 县 局"),  # inner whitespace: never matched
        (["", "  ", "b"], "ab b"),
    ],
)
def test_pkuseg_user_dict_plans_edge_cases(words, text):
    expected = pkuseg_plan(spacy_pkuseg.Preprocesser(words), text)
    assert UserDictionary(words).plans([text]) == [expected]
    assert UserDictionary(words).plans([text, "", text]) == [expected, [], expected]


def test_pkuseg_user_dict_plans_match_pkuseg_on_corpus(nlp):
    """The pipeline's user dictionary over every corpus text, one text at a time and all together."""
    segmenter = nlp.tokenizer._segmenter
    if segmenter is None:
        pytest.skip("the pipeline has no pkuseg model")
    paths = sorted([*(ROOT / "corpus" / "samples").glob("*.txt"), *(ROOT / "corpus").glob("*_texts/*.txt")])
    if not paths:
        pytest.skip("no corpus texts")
    texts = [path.read_text("utf-8") for path in paths]
    pre = spacy_pkuseg.Preprocesser(nlp.tokenizer.user_words)
    expected = [pkuseg_plan(pre, t) for t in texts]
    assert any(forced for plan in expected for _, forced in plan)
    assert segmenter.user_dict.plans(texts) == expected
    assert [segmenter.user_dict.plans([t])[0] for t in texts] == expected


@pytest.mark.parametrize("compiled", [True, False], ids=["compiled", "translate-and-numpy"])
def test_node_codes_equal_translating_the_text(compiled, monkeypatch):
    from bulletin_nlp.segment import pkuseg
    from bulletin_nlp.segment.intmap import code_points
    from bulletin_nlp.segment.pkuseg import _LETTER, _NUM, _TRANSLATE, _TRANSLATED_CHARS, _node_codes

    if compiled and pkuseg._node_folder() is None:
        pytest.skip("the compiled fold is not built (or BULLETIN_NLP_PURE_PYTHON is set)")
    if not compiled:
        monkeypatch.setattr(pkuseg, "_node_folder", lambda: None)

    texts = ["", "  县政府  ", "2024年３月 ＡＢ-x.y/z:1,2|3*4 ／・－", _NUM + _LETTER, "\ud800\U0001F600\uffff\x00"]
    texts += ["".join(SENTENCES), "".join(chr(code) for code in range(0, 0x10000, 7))]
    repeats = _TRANSLATED_CHARS // 4 + 1  # short ones are translated, these mapped in numpy
    texts += [texts[2] * repeats, (_NUM + _LETTER) * repeats, texts[4] * repeats]
    assert all(len(text) > _TRANSLATED_CHARS for text in texts[-3:])
    for text in texts:
        np.testing.assert_array_equal(_node_codes(text), code_points(text.translate(_TRANSLATE)))


def test_pkuseg_user_dict_compiled_walks_equal_numpy(nlp, monkeypatch):
    """The compiled scan of character pairs and walks of the trie (``_intmap.forced_pieces``)
    force the same pieces as the numpy scan and the walks through the dict of prefixes, on every
    corpus text and on texts of the dictionary's own words and prefixes."""
    from bulletin_nlp.segment import intmap

    if intmap._intmap is None or nlp.tokenizer._segmenter is None:
        pytest.skip("the compiled string index is not built, or the pipeline has no pkuseg model")
    user_dict = nlp.tokenizer._segmenter.user_dict
    assert not len(user_dict.single_codes)  # the compiled scan serves dictionaries without one-character words
    paths = sorted([*(ROOT / "corpus" / "samples").glob("*.txt"), *(ROOT / "corpus").glob("*_texts/*.txt")])
    words = sorted(user_dict.words)
    texts = [path.read_text("utf-8") for path in paths] + ["".join(words[i::97]) + "\n" for i in range(97)]
    texts += ["\n".join(prefix[:-1] for prefix in sorted(user_dict.prefixes)[i::211]) + "\n" for i in range(211)]
    texts += ["", "县", "县\n", "\ud800县局\U00020000\n"]
    monkeypatch.setattr(intmap, "COMPILED", True)
    compiled = [user_dict._forced(text) for text in texts]
    monkeypatch.setattr(intmap, "COMPILED", False)
    assert compiled == [user_dict._forced(text) for text in texts]
    assert sum(map(len, compiled)) > 1000
