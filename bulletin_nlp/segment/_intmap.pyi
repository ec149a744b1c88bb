from typing import Any

import numpy as np

def find(codes: np.ndarray, lo: int, hi: int, edges: Any, child: np.ndarray,
         string_of: np.ndarray) -> tuple[np.ndarray, np.ndarray]: ...
