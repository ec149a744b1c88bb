"""Encodings the reader cannot take are named, not decoded into gibberish; output is always UTF-8."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import bulletin_nlp
from bulletin_nlp.errors import BulletinDecodeError
from bulletin_nlp.io import decode

# Written for these tests (not bulletin text): a notice in traditional Chinese, Japanese, Korean.
TRADITIONAL = "縣民政局近日召開全縣社會救助工作推進會，會議總結了上半年工作，部署下一階段重點任務。各鄉鎮要壓實責任。"
JAPANESE = ("町役場は本日、防災訓練を実施しました。住民の皆様のご協力をお願いいたします。"
            "避難場所の確認を行ってください。")
KOREAN = ("군청은 오늘 주민 안전 교육을 실시하였습니다. 각 마을에서는 협조하여 주시기 바랍니다. "
          "대피 장소를 확인하여 주십시오.")
SAMPLE = (Path(__file__).resolve().parents[1] / "corpus" / "samples" / "yanjin_2024_06.txt").read_text("utf-8")


@pytest.mark.parametrize("text,encoding,name", [(TRADITIONAL, "big5", "BIG5"), (JAPANESE, "shift_jis", "SHIFT_JIS"),
                                                (KOREAN, "euc_kr", "EUC-KR")])
def test_encodings_other_cjk_encodings_are_named(text, encoding, name):
    with pytest.raises(BulletinDecodeError, match=f"looks like {name} text"):
        decode(text.encode(encoding), "x.txt")


@pytest.mark.parametrize("text", [SAMPLE, TRADITIONAL, " ".join(SAMPLE[:400])],
                         ids=["simplified", "traditional", "spaced"])
def test_encodings_gb18030_chinese_still_decodes(text):
    assert decode(text.encode("gb18030")) == text


def test_encodings_lone_surrogates_give_encodable_json(nlp):
    text = SAMPLE.replace("县民政局", "县民\ud800政局", 1) + "\udcff"
    bulletin = bulletin_nlp.parse(text, nlp=nlp)
    encoded = bulletin.to_json().encode("utf-8")  # raised UnicodeEncodeError before
    assert bulletin_nlp.Bulletin.from_dict(json.loads(encoded)) == bulletin


@pytest.mark.parametrize("cut", [1, 2])
def test_utf8_cut_inside_its_last_character_says_so(cut):
    data = "延津政务快报\n第6期\n县民政局发放棉被。".encode()[:-cut]
    with pytest.raises(BulletinDecodeError, match="cut inside its last character"):
        decode(data, "cut.txt")
