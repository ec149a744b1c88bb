"""The spaCy tokenizer on the fast pkuseg decoder (segment/tokenizer.py)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.support import SENTENCE


def each_alignment() -> Iterator[bool]:
    """Run the loop's body with the Python alignment, then with the compiled one where it is
    built (``words_and_spaces`` picks by ``COMPILED_ALIGN``)."""
    from bulletin_nlp.segment import tokenizer

    saved = tokenizer.COMPILED_ALIGN
    try:
        for compiled in (False, True) if tokenizer._align is not None else (False,):
            tokenizer.COMPILED_ALIGN = compiled
            yield compiled
    finally:
        tokenizer.COMPILED_ALIGN = saved


def test_tokenizer_is_lossless(nlp):
    for text in (SENTENCE, "", "   ", "a  b\t\nc", "２０２４年　延津"):
        assert nlp.make_doc(text).text == text


def test_tokenizer_bytes_round_trip(nlp):
    from bulletin_nlp.segment.tokenizer import BulletinTokenizer

    restored = BulletinTokenizer(nlp.vocab).from_bytes(nlp.tokenizer.to_bytes())
    assert [t.text for t in restored(SENTENCE)] == [t.text for t in nlp.tokenizer(SENTENCE)]


def test_tokenizer_user_dictionary_keeps_names_whole(nlp):
    tokens = [t.text for t in nlp.make_doc("县市场监督管理局联合塔铺街道开展检查")]
    assert "县市场监督管理局" in tokens and "塔铺街道" in tokens


@pytest.mark.parametrize("text", [
    "资金2亿元。(县商务委)\n民生保障", "完成240余次。(县教委)", "(县财政局 县民政局)", "同比增长12%(全县)。",
])
def test_tokenizer_reads_half_width_parentheses_as_full_width_ones(nlp, text):
    # read as they are, pkuseg glued them to a word: "(县", "委)"
    full = text.replace("(", "\uff08").replace(")", "\uff09")
    doc = nlp.make_doc(text)
    assert doc.text == text
    assert [t.text.replace("(", "\uff08").replace(")", "\uff09") for t in doc] == [t.text for t in nlp.make_doc(full)]
    assert all(t.text in "()" for t in doc if "(" in t.text or ")" in t.text)


@pytest.mark.parametrize("text", ["【城乡建设】", "延政发〔2024〕3号", "印】", "▍栏目", "【关于】开展检查的通知"])
def test_tokenizer_keeps_brackets_and_marks_apart(nlp, text):
    # pkuseg glues some to the word beside them: 【城乡, 发〔, 印】, ▍栏 (the last text: it does not)
    from bulletin_nlp.segment.tokenizer import KEPT_APART

    doc = nlp.make_doc(text)
    assert doc.text == text
    assert all(len(t.text) == 1 for t in doc if any(char in KEPT_APART for char in t.text))


def test_tokenizer_keeps_each_bracket_as_written(nlp):
    text = "（县民政局）(县教委)（县财政局)"
    doc = nlp.make_doc(text)
    assert doc.text == text
    assert [t.text for t in doc if not t.text.startswith("县")] == ["（", "）", "(", ")", "（", ")"]


@given(st.text("县局()（）【】〔：▍ \n\u3000", max_size=40), st.data())
@settings(max_examples=200, deadline=None)
def test_tokenizer_tokens_of_the_text_read_are_taken_as_written(text, data):
    from bulletin_nlp.segment.tokenizer import KEPT_APART, segmenter_text, words_and_spaces

    read = segmenter_text(text)
    assert len(read) == len(text) and (read is text) == ("(" not in text and ")" not in text)
    solid = [i for i, char in enumerate(text) if not char.isspace()]  # cut the same characters in both
    runs = {i for i in range(1, len(solid)) if solid[i] > solid[i - 1] + 1}  # no word across whitespace
    cuts = sorted(runs | (data.draw(st.sets(st.integers(1, len(solid) - 1))) if len(solid) > 1 else set()))
    bounds = [0, *cuts, len(solid)] if solid else []

    def words_of(source):
        return ["".join(source[solid[i]] for i in range(a, b)) for a, b in itertools.pairwise(bounds)]

    expected = words_and_spaces(words_of(text), text)
    apart = []
    for _ in each_alignment():
        assert words_and_spaces(words_of(read), read, text) == expected
        apart.append(words_and_spaces(words_of(read), read, text, KEPT_APART))
    tokens, spaces = apart[0]
    assert all(result == apart[0] for result in apart)  # the compiled pass and the Python code agree
    assert "".join(token + " " * space for token, space in zip(tokens, spaces, strict=True)) == text
    assert all(len(token) == 1 for token in tokens if any(char in KEPT_APART for char in token))


@given(st.lists(st.tuples(st.text("县局a1，\U00020000", min_size=1, max_size=4),
                          st.text(" \n\t\u3000\r", max_size=3)), max_size=30),
       st.text(" \n\u3000", max_size=2), st.data())
@settings(max_examples=300, deadline=None)
def test_tokenizer_words_and_spaces_equals_spacy(chunks, lead, data):
    """The tokenizer's alignment of whitespace-free words with the text is spaCy's: compiled
    (where built), run by run and by numpy."""
    from spacy.util import get_words_and_spaces

    from bulletin_nlp.segment.tokenizer import _RUNS_CHARS, words_and_spaces

    text = lead + "".join(solid + gap for solid, gap in chunks)
    words = []
    for solid, _ in chunks:  # cut each whitespace-free run at random places
        cuts = sorted(data.draw(st.sets(st.integers(1, max(1, len(solid) - 1)), max_size=2)))
        bounds = [0, *(c for c in cuts if c < len(solid)), len(solid)]
        words += [solid[a:b] for a, b in itertools.pairwise(bounds)]
    expected = get_words_and_spaces(words, text)
    copies = (_RUNS_CHARS + 1) // max(1, len(text)) + 1  # past the run-by-run alignment's length: numpy
    for _ in each_alignment():
        assert words_and_spaces(words, text) == expected
        assert words_and_spaces(words * copies, text * copies) == get_words_and_spaces(words * copies, text * copies)


def test_tokenizer_words_and_spaces_runs_split_where_str_split_does():
    """Short texts are aligned by the runs of a regular expression's \\S: the same
    characters as str.isspace() (which the segmenter's str.split() follows), on the whole BMP."""
    from bulletin_nlp.segment.tokenizer import _SOLID_RUN

    for code in range(0x10000):
        if 0xD800 <= code < 0xE000:
            continue
        char = chr(code)
        assert (_SOLID_RUN.fullmatch(char) is None) == char.isspace(), hex(code)


def test_tokenizer_words_and_spaces_refuses_words_that_do_not_spell_the_text():

    from bulletin_nlp.segment.tokenizer import words_and_spaces

    with pytest.raises(ValueError):
        words_and_spaces(["县", "局"], "县 民政局")


def test_tokenizer_pipe_equals_calls(nlp):
    texts = ["县民政局发放棉被 6500 条。", "", "  王楼镇\n\n塔铺街道 ", "县" * 20]
    piped = list(nlp.tokenizer.pipe(texts, batch_size=3))
    assert [[(t.text, t.whitespace_) for t in d] for d in piped] == [
        [(t.text, t.whitespace_) for t in nlp.tokenizer(text)] for text in texts
    ]


def test_tokenizer_words_and_spaces_refuses_a_word_across_whitespace():

    from bulletin_nlp.segment.tokenizer import words_and_spaces

    for _ in each_alignment():
        with pytest.raises(ValueError):
            words_and_spaces(["民政局"], "民政 局")
        with pytest.raises(ValueError):  # the same past the run-by-run alignment's length
            words_and_spaces(["民政局"] * 2000, "民政 局" * 2000)


@pytest.mark.parametrize("words", [["县民政局", "采购", "棉被"], ["县"], ["a1", "，", "\U00020000"]])
def test_tokenizer_words_and_spaces_of_text_without_whitespace_equals_spacy(words):
    """A text without whitespace takes a shortcut (its words are its tokens): still spaCy's alignment."""
    from spacy.util import get_words_and_spaces

    from bulletin_nlp.segment.tokenizer import words_and_spaces

    text = "".join(words)
    assert words_and_spaces(words, text) == get_words_and_spaces(words, text)


def test_tokenizer_user_words_are_kept_sorted_once_and_survive_a_round_trip(nlp, tmp_path):
    from bulletin_nlp.segment.tokenizer import BulletinTokenizer

    tokenizer = BulletinTokenizer(nlp.vocab)
    tokenizer.user_words = ["王楼镇", "", "县民政局", "王楼镇", "僧固乡 政府"]
    assert tokenizer.user_words == ["僧固乡 政府", "县民政局", "王楼镇"]
    tokenizer.to_disk(tmp_path / "tok")
    assert BulletinTokenizer(nlp.vocab).from_disk(tmp_path / "tok").user_words == tokenizer.user_words
    assert BulletinTokenizer(nlp.vocab).from_bytes(tokenizer.to_bytes()).user_words == tokenizer.user_words
    tokenizer.user_words = []
    assert tokenizer.user_words == []


def test_tokenizer_user_words_refuse_a_line_break(nlp):
    """The words are written one per line (``to_disk``): one holding a line break would come back as two."""
    from bulletin_nlp.segment.tokenizer import BulletinTokenizer

    for broken in ("王楼\n镇", "王楼\r镇"):
        with pytest.raises(ValueError, match="line break"):
            BulletinTokenizer(nlp.vocab).user_words = ["县民政局", broken]


def test_tokenizer_bytes_with_a_user_word_holding_a_line_break_are_refused(nlp):
    import srsly

    from bulletin_nlp.errors import ModelError
    from bulletin_nlp.segment.tokenizer import BulletinTokenizer

    with pytest.raises(ModelError, match="tokenizer bytes: a user word cannot hold a line break"):
        BulletinTokenizer(nlp.vocab).from_bytes(srsly.msgpack_dumps({"user_words": ["王楼\n镇"], "files": {}}))


def test_tokenizer_hands_the_checked_digests_to_the_segmenter(nlp):
    """The digests the manifest check verified match the tables to the model files: they are
    not hashed a second time."""
    import json

    model_dir = nlp.tokenizer.model_dir
    if model_dir is None:
        pytest.skip("no segmenter model")
    files = json.loads((model_dir / "manifest.json").read_text(encoding="utf-8"))["files"]
    digests = nlp.tokenizer._segmenter._file_digests
    assert {name: digests[name] for name in ("features.msgpack", "weights.npz")} == {
        name: files[name]["sha256"] for name in ("features.msgpack", "weights.npz")}


def _fresh_tokenizer(nlp):
    """A tokenizer with the session pipeline's model on a Vocab of its own."""
    from spacy.vocab import Vocab

    from bulletin_nlp.segment.tokenizer import BulletinTokenizer

    return BulletinTokenizer(Vocab()).from_bytes(nlp.tokenizer.to_bytes())


def _tokens(doc):
    return [(t.text, t.whitespace_, t.orth, t.lex.orth, t.is_punct, t.like_num) for t in doc]


def test_tokenizer_doc_of_words_seen_before_equals_a_doc_of_their_strings(nlp):
    from spacy.tokens import Doc

    tokenizer = _fresh_tokenizer(nlp)
    text = "县民政局发放棉被 6500 条，王楼镇\n\n塔铺街道  完成 54.8%。"
    first, again = tokenizer(text), tokenizer(text)
    assert tokenizer._orths  # the second Doc was made from the kept ids
    expected = Doc(tokenizer.vocab, words=[t.text for t in first], spaces=[bool(t.whitespace_) for t in first])
    assert _tokens(first) == _tokens(again) == _tokens(expected)
    assert again.text == text


def test_tokenizer_keeps_no_ids_of_a_memory_zone_and_works_after_it(nlp):
    tokenizer = _fresh_tokenizer(nlp)
    zone_text, kept_text = "甲乙丙丁戊己庚辛壬癸", "县民政局发放棉被"
    tokenizer(kept_text)
    kept = dict(tokenizer._orths)
    with tokenizer.vocab.memory_zone():
        in_zone = _tokens(tokenizer(zone_text + kept_text))
        assert tokenizer._orths == kept  # the zone's lexemes go when it ends: their ids are not kept
    after = _tokens(tokenizer(zone_text + kept_text))
    assert [token[:2] for token in after] == [token[:2] for token in in_zone]
    assert all(tokenizer.vocab.strings[orth] == word for word, orth in tokenizer._orths.items())


def test_tokenizer_drops_ids_its_vocab_does_not_know(nlp):
    from spacy.vocab import Vocab

    tokenizer = _fresh_tokenizer(nlp)
    text = "县民政局发放棉被 6500 条"
    tokenizer(text)
    tokenizer.vocab = Vocab()  # neither the lexemes nor the strings of the kept ids
    doc = tokenizer(text)
    assert doc.text == text and doc.vocab is tokenizer.vocab
    assert all(tokenizer.vocab.strings[orth] == word for word, orth in tokenizer._orths.items())


@pytest.mark.parametrize(("words", "text"), [
    (["县", "", "民政局"], " 县 民政局\n"), (["", ""], "  \n"), ([], ""), (["a b"], "a b"), (["县局"], "县局 镇"),
    (["县", "局", "镇"], "县局"), ([], "县"), (["县\u3000"], "县\u3000"), (["县"], "\u3000县\u3000 "),
])
def test_tokenizer_words_and_spaces_compiled_or_not_agree_on_odd_words(words, text):
    """Empty words, words holding whitespace, words longer or shorter than the text: the
    compiled alignment returns what the Python code returns, or leaves the error to it."""
    from bulletin_nlp.segment import tokenizer
    from bulletin_nlp.segment.tokenizer import words_and_spaces

    outcomes = []
    for _ in each_alignment():
        try:
            outcomes.append(words_and_spaces(words, text))
        except ValueError as error:
            outcomes.append(str(error))
    assert len(outcomes) == 2 - (tokenizer._align is None) and len(set(map(repr, outcomes))) == 1
