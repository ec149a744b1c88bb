from array import array

API: int

def read_chars(
    text_page: int,
    count: int,
    skipped: tuple[int, ...],
    get_unicode: int,
    is_generated: int,
    get_origin: int,
    get_font_size: int,
    get_box: int,
    get_text_object: int,
) -> tuple[array[int], array[int], array[int], array[float], array[float], array[float], array[float], array[int]]: ...
def group_lines(
    x0s: array[float],
    x1s: array[float],
    ys: array[float],
    sizes: object,
    bolds: object,
    codes: array[int],
    gaps: array[int],
    cell_gap: float,
) -> tuple[
    array[int], array[int], array[int], array[float], array[int], array[float], array[float], array[float], array[float]
]: ...
