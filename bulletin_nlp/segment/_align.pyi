API: int

def words_and_spaces(
    words: list[str], text: str, written: str | None = None, apart: str = ""
) -> tuple[list[str], list[bool]] | None: ...
