"""TOWNSHIP rules added for issue 11 (bulletin_nlp.entities.townships): datelines and
townships named by a common word."""

from __future__ import annotations

from bulletin_nlp.entities.gazetteer import Gazetteer

G = Gazetteer.default()
PINGJIANG = "430626"
ZHENBA = "610728"


def towns(text: str, county: str | None = None) -> list[tuple[str, str, str | None]]:
    out = G.find_townships(text, county)
    for m in out:
        assert text[m.start:m.end] == m.text
    return [(m.text, m.canonical, m.code) for m in out]


def test_generic_word_township_only_in_its_own_county() -> None:
    # 县政务服务中心 glued to 镇巴县 by a joined line is not the township 中心镇
    assert towns("来源:县政务服务中心镇巴县开展排查", ZHENBA) == []
    assert towns("来源:县政务服务中心镇巴县开展排查") == []


def test_short_name_as_dateline() -> None:
    text = "安定镇春耕备耕有序推进\n安定讯（通讯员 周志勇）连日来"
    assert [t[0] for t in towns(text, PINGJIANG)] == ["安定镇", "安定"]
    assert towns("国家安定讯息", PINGJIANG) == []
