from array import array

import numpy as np

API: int

def token_bounds(columns: np.ndarray, text_length: int) -> array[int] | None: ...
