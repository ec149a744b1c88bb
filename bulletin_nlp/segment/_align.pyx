# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled :func:`bulletin_nlp.segment.tokenizer.words_and_spaces`: the segmenter's words
aligned with the text's whitespace in one pass over the characters, checking as it goes that
they spell the text, where the Python code joins both to compare them and then takes a regular
expression over the runs or some fifteen numpy steps and a loop over the gaps
(``tests/segment/test_tokenizer.py`` compares them with spaCy's ``get_words_and_spaces``).
Given the text as written (the segmenter read a rewrite of it of the same length), a token is
taken from it where the two differ; given characters to keep apart (brackets, punctuation), a
word holding one is cut around it."""

from cpython.unicode cimport Py_UNICODE_ISSPACE
from libc.string cimport memset

API = 4  # what the Python side expects (an extension built from an older .pyx counts as not built)

cdef unsigned char _APART[65536]  # 1 for each character of _apart_chars (those of the BMP)
cdef str _apart_chars = ""


cdef void _keep_apart(str chars) except *:
    """Make ``chars`` the characters :data:`_APART` marks."""
    global _apart_chars
    memset(_APART, 0, sizeof(_APART))
    cdef Py_UCS4 char
    for char in chars:
        if char < 65536:
            _APART[char] = 1
    _apart_chars = chars


def words_and_spaces(list words, str text, str written=None, str apart=""):
    """``(tokens, spaces)`` of ``words`` as :func:`~bulletin_nlp.segment.tokenizer.words_and_spaces`
    gives them (empty words skipped; a single space after a word is its flag, any other
    whitespace a token of its own), or None where the words do not spell the text without its
    whitespace, or one spans whitespace of it (the Python code then says which). ``written``:
    ``text`` as written (as long, its whitespace the same), where the tokens are to come from;
    ``apart``: characters (of the BMP) that are tokens of their own wherever the text as written
    holds them inside a word."""
    cdef Py_ssize_t n = len(text), pos = 0, start, length, i, cut
    cdef list tokens = [], spaces = []
    cdef str word, source = text if written is None else written
    cdef bint split
    if written is not None and len(written) != n:
        return None
    if apart is not _apart_chars and apart != _apart_chars:
        _keep_apart(apart)
    for word in words:
        length = len(word)
        if length == 0:
            continue
        start = pos
        while start < n and Py_UNICODE_ISSPACE(text[start]):
            start += 1
        if start + length > n:
            return None
        split = False
        for i in range(length):
            if text[start + i] != word[i] or Py_UNICODE_ISSPACE(word[i]):
                return None
            if length > 1 and source[start + i] < 65536 and _APART[source[start + i]]:
                split = True
        if written is not None:
            for i in range(length):
                if written[start + i] != word[i]:
                    word = written[start:start + length]
                    break
        if start > pos:
            _add_gap(text, pos, start, tokens, spaces)
        if split:  # the kept-apart characters alone, the runs between them
            cut = 0
            for i in range(length):
                if source[start + i] < 65536 and _APART[source[start + i]]:
                    if i > cut:
                        tokens.append(source[start + cut:start + i])
                        spaces.append(False)
                    tokens.append(source[start + i:start + i + 1])
                    spaces.append(False)
                    cut = i + 1
            if cut < length:
                tokens.append(source[start + cut:start + length])
                spaces.append(False)
        else:
            tokens.append(word)
            spaces.append(False)
        pos = start + length
    for i in range(pos, n):
        if not Py_UNICODE_ISSPACE(text[i]):
            return None
    if pos < n:
        _add_gap(text, pos, n, tokens, spaces)
    return tokens, spaces


cdef inline void _add_gap(str text, Py_ssize_t start, Py_ssize_t stop, list tokens, list spaces) except *:
    """The whitespace ``text[start:stop]``: a space opening it after a word is that word's flag,
    the rest a token."""
    if tokens and text[start] == u" ":
        spaces[len(spaces) - 1] = True
        start += 1
    if stop > start:
        tokens.append(text[start:stop])
        spaces.append(False)
