# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled :func:`bulletin_nlp.segment.tokenizer.words_and_spaces`: the segmenter's words
aligned with the text's whitespace in one pass over the characters, checking as it goes that
they spell the text, where the Python code joins both to compare them and then takes a regular
expression over the runs or some fifteen numpy steps and a loop over the gaps
(``tests/segment/test_tokenizer.py`` compares them with spaCy's ``get_words_and_spaces``).
Given the text as written (the segmenter read a rewrite of it of the same length), a token is
taken from it where the two differ."""

from cpython.unicode cimport Py_UNICODE_ISSPACE

API = 2  # what the Python side expects (an extension built from an older .pyx counts as not built)


def words_and_spaces(list words, str text, str written=None):
    """``(tokens, spaces)`` of ``words`` as :func:`~bulletin_nlp.segment.tokenizer.words_and_spaces`
    gives them (empty words skipped; a single space after a word is its flag, any other
    whitespace a token of its own), or None where the words do not spell the text without its
    whitespace, or one spans whitespace of it (the Python code then says which). ``written``:
    ``text`` as written (as long, its whitespace the same), where the tokens are to come from."""
    cdef Py_ssize_t n = len(text), pos = 0, start, length, i
    cdef list tokens = [], spaces = []
    cdef str word
    if written is not None and len(written) != n:
        return None
    for word in words:
        length = len(word)
        if length == 0:
            continue
        start = pos
        while start < n and Py_UNICODE_ISSPACE(text[start]):
            start += 1
        if start + length > n:
            return None
        for i in range(length):
            if text[start + i] != word[i] or Py_UNICODE_ISSPACE(word[i]):
                return None
        if written is not None:
            for i in range(length):
                if written[start + i] != word[i]:
                    word = written[start:start + length]
                    break
        if start > pos:
            _add_gap(text, pos, start, tokens, spaces)
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
