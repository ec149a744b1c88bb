from typing import Any

import numpy as np

def find(codes: np.ndarray, lo: int, hi: int, edges: Any, child: np.ndarray,
         string_of: np.ndarray) -> tuple[np.ndarray, np.ndarray]: ...
def pair_starts(text: str, bitmap: np.ndarray, bits: int, pair_keys: np.ndarray) -> tuple[list[int], list[int]]: ...
