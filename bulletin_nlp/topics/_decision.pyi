import numpy as np

API: int

def decision_of_one(column: np.ndarray, first_columns: np.ndarray, sublinear: np.ndarray, log_tf: np.ndarray,
                    idf: np.ndarray, weight: np.ndarray, coef_t: np.ndarray, intercept: np.ndarray) -> np.ndarray: ...
def decision_of_many(column: np.ndarray, starts: np.ndarray, first_columns: np.ndarray, sublinear: np.ndarray,
                     log_tf: np.ndarray, idf: np.ndarray, weight: np.ndarray, coef_t: np.ndarray,
                     intercept: np.ndarray) -> np.ndarray: ...
