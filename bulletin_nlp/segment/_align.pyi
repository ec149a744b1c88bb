API: int

def words_and_spaces(
    words: list[str], text: str, written: str | None = None
) -> tuple[list[str], list[bool]] | None: ...
