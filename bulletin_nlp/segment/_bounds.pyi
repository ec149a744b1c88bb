from array import array

import numpy as np

API: int

def token_bounds(columns: np.ndarray) -> array[int] | None: ...
