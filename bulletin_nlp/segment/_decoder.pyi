from typing import Any

import numpy as np

API: int

def node_scores(cp: np.ndarray, bias: np.ndarray, char_row: np.ndarray, char_w: np.ndarray, bi: Any,
                bi_w: np.ndarray, root_child: np.ndarray, trie: Any, pairs: Any, word_w: np.ndarray,
                word_present_array: np.ndarray, n_words: int) -> np.ndarray: ...
def words(scores: np.ndarray, pieces: list[str], gap: int, edge: np.ndarray,
          begin_tag: np.ndarray) -> list[list[str]]: ...
