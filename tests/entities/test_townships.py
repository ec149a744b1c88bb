"""TOWNSHIP rules added for issue 11 (bulletin_nlp.entities.townships): datelines and
townships named by a common word."""

from __future__ import annotations

import dataclasses
import gc
import re

import pytest

from bulletin_nlp.entities.gazetteer import County, Gazetteer
from bulletin_nlp.text.fold import fold
from tests.support import SAMPLES, corpus_records

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


@pytest.mark.parametrize("text,county,expected", [
    # 胡川乡 became 胡川镇 (张家川回族自治县); 祖庵镇 became 祖庵街道 (鄠邑区)
    ("在胡川乡开展排查", "620525", [("胡川乡", "胡川镇", "620525107")]),
    ("祖庵镇负责同志发言", "610118", [("祖庵镇", "祖庵街道", "610118009")]),
    ("在胡川乡开展排查", None, []),
])
def test_a_township_written_with_its_type_before_an_upgrade(
        text: str, county: str | None, expected: list[tuple[str, str, str]]) -> None:
    # read only in the bulletin's own county
    assert [(m.text, m.canonical, m.code) for m in G.find_townships(text, county)] == expected


@pytest.mark.parametrize("text,code", [
    # 蒋村镇 is a 镇 of 定襄县 today, and the former name of 鄠邑区's 蒋村街道; 祖庵镇 (now 祖庵街道)
    # is no township's name today: together they point to 鄠邑区
    ("蒋村镇、祖庵镇负责同志作表态发言", "610118"),
    ("蒋村镇负责同志作表态发言", "140921"),
])
def test_names_before_an_upgrade_count_when_inferring_the_county(text: str, code: str) -> None:
    county = G.infer_county(text)
    assert county is not None and county.code == code


def test_a_name_before_an_upgrade_is_not_a_mention_without_the_county() -> None:
    assert G.find_townships("祖庵镇负责同志作表态发言") == []
    assert G.townships.former_type_names("祖庵镇负责同志作表态发言") == ["祖庵镇"]


def _former_index(townships) -> dict[str, str]:
    """Every former name → its codes, built from towns.csv's rows as the table once built it."""
    index: dict[str, str] = {}
    for current, formers in townships.rules.upgraded_types.items():
        stems = [(name[:-len(current)], code) for code, name in zip(*townships._columns, strict=True)
                 if name.endswith(current) and len(name) - len(current) >= 2]
        for former in formers:
            for stem, code in stems:
                index[stem + former] = index.get(stem + former, "") + code
    return index


@pytest.mark.parametrize("shipped", [False, True], ids=["indexes built from towns.csv", "indexes of the archive"])
def test_former_names_are_looked_up_as_an_index_of_every_row_would_give_them(nlp, shipped: bool) -> None:
    # the loaded pipeline's table holds the name indexes of models/lexicon/user_dict.npz
    townships = nlp.get_pipe("bulletin_township_ruler").gazetteer.townships if shipped else Gazetteer().townships
    index = _former_index(townships)  # the reference reads towns.csv
    assert len(index) > 20_000
    assert all(townships.former_type_codes(name) == tuple(codes[i:i + 9] for i in range(0, len(codes), 9))
               for name, codes in index.items())
    assert not any(townships.former_type_codes(name) for name in townships._codes if name not in index)
    assert set(townships._former_lengths) >= {len(name) for name in index}
    written = [record["text"] for record in corpus_records()]
    for text in written:  # what each text's names give, as with the index
        expected = []
        for end in (m.end() for m in re.finditer("[镇乡木所]|街道", text)):
            name = next((text[end - n:end] for n in sorted({len(k) for k in index}, reverse=True)
                         if n <= end and text[end - n:end] in index), None)
            if name and (name not in townships._codes and name not in townships.rules.generic_townships
                         and not townships._generic_name(name) and not townships._blocked_after(name, text, end)):
                expected.append(name)
        assert townships.former_type_names(text) == expected


def test_a_folded_spelling_or_an_ethnic_short_form_is_no_official_name_before_an_upgrade(tmp_path) -> None:
    # 蒙江镇 is how the folded text writes 濛江镇; 牛场镇 shortens 牛场苗族彝族镇: neither is a
    # township's official name, so no township was called 蒙江乡 or 牛场乡 before an upgrade
    (tmp_path / "towns.csv").write_text("code,name,type\n450000101,濛江镇,镇\n520000201,牛场苗族彝族镇,镇\n"
                                        "520000202,牛场街道,街道\n", encoding="utf-8")
    townships = Gazetteer(tmp_path).townships
    assert townships.codes_of("蒙江镇") == ("450000101",)
    assert townships.former_type_codes("濛江乡") == ("450000101",)
    assert townships.former_type_codes("蒙江乡") == ()
    assert townships.codes_of("牛场镇") == ("520000201",)
    assert townships.former_type_codes("牛场乡") == ("520000202",)  # 牛场街道's, not the short form's
    assert townships.former_type_codes("牛场镇") == ("520000202",)
    assert _former_index(townships) == {name: townships._former_joined(name) for name in _former_index(townships)}


def test_a_name_ending_in_xiangzhen_after_a_word_is_the_word_townships() -> None:
    # 部分乡镇 ("some townships") is not 分乡镇 of another county; after punctuation the name counts
    assert towns("1、部分乡镇秸秆收储点建设滞后", "141129") == []
    assert towns("召开会议，良乡镇参加。") == [("良乡镇", "良乡镇", "110111008")]


YANJIN = "410726"  # 延津县: 王楼镇, 丰庄镇, 东屯镇 …
LIANGCHENG = "150925"  # 凉城县: 岱海镇, named after the lake


@pytest.mark.parametrize(("text", "county", "expected"), [
    # a short name opening a clause is the township; one followed by a site or a place-word is not
    ("县农业农村局组织培训。丰庄同步开展麦田管理。", YANJIN, ["丰庄"]),
    ("●东屯：完成秸秆还田1.2万亩。", YANJIN, ["东屯"]),
    ("丰庄村召开会议。", YANJIN, []),
    ("依托东屯遗址发展研学。", YANJIN, []),
    # after 在/与 the short name is the township when an action follows
    ("县商务局在丰庄设立收购点，与东屯共建产业园。", YANJIN, ["丰庄", "东屯"]),
    ("在丰庄的带动下", YANJIN, []),
    # a short name that also names a lake or a river opens a clause as the township only when it acts
    ("岱海生态保护治理持续推进。", LIANGCHENG, []),
    ("岱海扎实推进人居环境整治。", LIANGCHENG, ["岱海"]),
])
def test_short_names_as_a_clause_subject_or_the_place_of_an_action(
        text: str, county: str, expected: list[str]) -> None:
    assert [found[0] for found in towns(text, county)] == expected


def test_a_township_whose_name_the_fold_changes_is_found_in_folded_text() -> None:
    # the rulers read text with 濛 folded to 蒙; 濛江镇 (藤县) keeps its official name and code
    assert towns("蒙江镇、古龙镇加快推进整改。", "450422") == [
        ("蒙江镇", "濛江镇", "450422111"), ("古龙镇", "古龙镇", "450422114")]


@pytest.mark.parametrize(("text", "expected"), [
    ("近日，丰庄在3个村建设光伏电站。", ["丰庄"]),  # after a comma the short name acts
    ("端午假期，丰庄风味小吃热销。", []),  # … or is not read
])
def test_a_short_name_after_a_comma_only_when_it_acts(text: str, expected: list[str]) -> None:
    assert [found[0] for found in towns(text, YANJIN)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("完成国道107线丰庄段改造工程。", ["丰庄"]),  # a road's section in the township
    ("（三）东屯红薯产业提质增效", ["东屯"]),  # a title line's number opens the clause
    ("岱海旅游产业园开园。", ["岱海"]),  # a lake has no industrial park; the township does
    ("岱海生态保护治理持续推进。", []),
])
def test_short_names_before_a_road_section_after_a_number_and_before_an_industry(
        text: str, expected: list[str]) -> None:
    county = LIANGCHENG if text.startswith("岱海") else YANJIN
    assert [found[0] for found in towns(text, county)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("带动丰庄等地群众增收。", ["丰庄"]),  # X等地: X and places like it
    ("带动丰庄红薯销往外地。", []),
])
def test_a_short_name_before_deng_di(text: str, expected: list[str]) -> None:
    assert [found[0] for found in towns(text, YANJIN)] == expected


def test_a_short_form_of_ethnic_townships_of_several_counties_is_resolved_only_in_its_county() -> None:
    # 牛场乡 shortens 牛场布依族乡 (520113) and 牛场苗族彝族乡 (520203, 520521): outside those counties
    # it names no one township (before, the first name a set happened to yield was taken, which
    # changed from process to process with the hash seed)
    assert towns("牛场乡开展春耕备耕") == [("牛场乡", "牛场乡", None)]
    assert towns("牛场乡开展春耕备耕", "520113") == [("牛场乡", "牛场布依族乡", "520113204")]
    assert towns("牛场乡开展春耕备耕", "520203") == [("牛场乡", "牛场苗族彝族乡", "520203204")]
    assert G.townships.codes_of("牛场乡") == ("520113204", "520203204", "520521206")


def test_a_county_reads_the_same_townships_whether_asked_first_or_after_another() -> None:
    # the first county asked scans the township index; later ones read an index of every county
    def names(gazetteer: Gazetteer, county: str) -> tuple[dict, dict]:
        tables = gazetteer.townships.county_towns(county)
        return tables.full, tables.short

    alone = names(Gazetteer(), "520113")
    after_others = Gazetteer()
    names(after_others, PINGJIANG)
    names(after_others, ZHENBA)
    assert names(after_others, "520113") == alone
    assert list(names(after_others, "520113")[0]) == list(alone[0])  # and in the same order


def test_the_county_index_gives_each_county_the_rows_a_scan_gives() -> None:
    townships = Gazetteer().townships
    scanned = {prefix: townships._county_rows(prefix) for prefix in ("410726", "520113", "653222", "110101")}
    townships.county_towns(PINGJIANG)  # from the second county on, the index answers
    prefixes = sorted({code[:6] for joined in townships._codes.values() for code in (joined[:9], joined[-9:])})
    for prefix in prefixes[::40]:
        scanned[prefix] = [(name, code) for name, joined in townships._codes.items()
                           for code in (joined[i:i + 9] for i in range(0, len(joined), 9)) if code.startswith(prefix)]
    assert len(scanned) > 60 and all(scanned.values())
    assert {prefix: townships._county_rows(prefix) for prefix in scanned} == scanned
    assert [townships._county_rows(prefix) for prefix in ("999999", "4107", "４１０７２６")] == [[], [], []]
    assert Gazetteer().townships._county_rows("4107") == []  # the first county asked, read by a scan


def test_a_towns_file_is_read_row_by_row_and_a_malformed_one_is_named(tmp_path) -> None:
    (tmp_path / "towns.csv").write_text("code,name,type\r\n410726100,城关镇,镇\r\n410726101,东屯镇,镇\r\n"
                                        "999999101,东屯镇,镇\r\n", encoding="utf-8")
    townships = Gazetteer(tmp_path).townships
    assert townships.codes_of("东屯镇") == ("410726101", "999999101")
    assert townships.codes_of("城关镇") == ("410726100",)
    assert townships.codes_of("王楼镇") == ()
    assert townships.former_type_codes("东屯乡") == ("410726101", "999999101")
    (tmp_path / "towns.csv").write_text("code,name,type,county_code,county\n410726100,城关镇,镇,410726,延津县\n",
                                        encoding="utf-8")  # more columns, as towns_all.csv has
    assert Gazetteer(tmp_path).townships.codes_of("城关镇") == ("410726100",)
    for bad in ("code,name,type\n41072610,城关镇,镇\n", "code,name,type\n410726100,城关镇\n",
                "code,name,type\n410726100,城关镇,镇\n\n410726101,东屯镇,镇\n", "code,name,type\n城关镇,镇\n"):
        (tmp_path / "towns.csv").write_text(bad, encoding="utf-8")
        with pytest.raises(ValueError, match=r"towns\.csv: every row must read CODE,NAME,TYPE"):
            Gazetteer(tmp_path).townships.codes_of("城关镇")


def test_a_towns_file_of_its_header_alone_holds_no_township(tmp_path) -> None:
    (tmp_path / "towns.csv").write_text("code,name,type\n", encoding="utf-8")
    assert Gazetteer(tmp_path).townships.codes_of("城关镇") == ()


def test_a_counties_file_is_read_by_its_header_and_a_short_row_is_named(tmp_path) -> None:
    (tmp_path / "counties.csv").write_text("province,code,name,city_code,city\n河南省,410726,延津县,410700,新乡市\n\n"
                                           "河南省,410727,封丘县,410700,新乡市\n", encoding="utf-8")
    counties = Gazetteer(tmp_path).counties
    assert counties.county("410726") == County("延津县", "410726", "新乡市", "河南省")
    assert list(counties.by_code) == ["410726", "410727"] and counties.region_short_names == {"新乡", "河南"}
    (tmp_path / "counties.csv").write_text("code,name,city,province,city_code\n410726,延津县,新乡市,河南省\n",
                                           encoding="utf-8")  # the last cell, which is not read, missing
    assert Gazetteer(tmp_path).counties.county("410726") == County("延津县", "410726", "新乡市", "河南省")
    (tmp_path / "counties.csv").write_text("code,name,city_code,city,province\n410726,延津县,410700,新乡市\n",
                                           encoding="utf-8")
    with pytest.raises(ValueError, match=r"counties\.csv, line 2: 5 cells expected"):
        Gazetteer(tmp_path).counties.county("410726")
    for empty in ("", "\n"):
        (tmp_path / "counties.csv").write_text(empty, encoding="utf-8")
        with pytest.raises(ValueError, match=r"counties\.csv: the header must name the columns"):
            Gazetteer(tmp_path).counties.county("410726")
    (tmp_path / "counties.csv").write_text("code,name,city\n410726,延津县,新乡市\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"counties\.csv: the header must name the columns name, code, city, province"):
        Gazetteer(tmp_path).counties.county("410726")


class _EveryLength(dict):
    """A lengths table that answers every length of the township index for any ending."""

    def __init__(self, lengths: list[int]) -> None:
        super().__init__()
        self.every = lengths

    def get(self, key: object, default: object = None) -> list[int]:  # type: ignore[override]
        return self.every


def test_finding_by_name_endings_reads_what_trying_every_length_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    """The lengths tried at a name's end, keyed by its last two characters (the index's and the
    county's own names), lose no township that trying every length of the index finds."""
    table = G.townships
    texts = [fold(record["text"]) for record in corpus_records("dev", "test", "holdout")]
    texts += [fold(path.read_text("utf-8")) for path in sorted(SAMPLES.glob("*.txt"))]
    detected = [G.detect_county(text.splitlines()[:3], text) for text in texts]
    counties = sorted({county.code[:6] for county in detected if county is not None} | {PINGJIANG, ZHENBA})
    county_towns = {code: table.county_towns(code) for code in counties}
    keyed = [[table.find(text, code) for code in (None, *counties)] for text in texts]
    every = _EveryLength(sorted({len(name) for name in table._codes}, reverse=True))  # every length of the index
    monkeypatch.setitem(table.__dict__, "_ending_lengths", every)
    for code, towns_of_county in county_towns.items():
        monkeypatch.setitem(table._county_towns_cache, code, dataclasses.replace(towns_of_county, lengths=every))
    assert keyed == [[table.find(text, code) for code in (None, *counties)] for text in texts]
    assert sum(len(found) for per_text in keyed for found in per_text) > 100


def test_the_county_name_indexes_are_left_untracked_by_the_collector() -> None:
    """The name -> codes indexes of every county of China hold tuples of strings, which a full
    collection stops tracking: lists (some 5,600) would be walked at every one, those at exit too."""
    counties = Gazetteer().counties
    indexes = (counties.full_names, counties.short_names)
    assert counties.full_names["延津县"] == ("410726",) and counties.short_names["延津"] == ("410726",)
    gc.collect()
    assert not any(gc.is_tracked(codes) for index in indexes for codes in index.values())
