"""bulletin_nlp.layout.closing: what closes an item (sources, 来源 lines, bylines) and what does not."""

from __future__ import annotations

import time

import pytest

from bulletin_nlp.layout.closing import ends_with_remark, find_closing, is_byline_line


def _closing(text):
    found = find_closing(text)
    return None if found is None else (text[found[0] : found[1]], [text[a:b] for a, b in found[2]])


@pytest.mark.parametrize("text,expected", [
    ("增收。（民政局 交通运输局）", ("（民政局 交通运输局）", ["民政局", "交通运输局"])),
    ("增收。（供稿：县人社局）", ("（供稿：县人社局）", ["县人社局"])),
    ("增收。(供稿:蓝塘镇)", ("(供稿:蓝塘镇)", ["蓝塘镇"])),
    ("增收。（县市场监管局供稿）", ("（县市场监管局供稿）", ["县市场监管局"])),
    ("来源：县发改局 县经济和信息化局", ("来源：县发改局 县经济和信息化局", ["县发改局", "县经济和信息化局"])),
    ("增收。来源：县农业农村局、驼腰子镇", ("来源：县农业农村局、驼腰子镇", ["县农业农村局", "驼腰子镇"])),
    ("增收。（撰稿：王丽 审核：陈卫东）", ("（撰稿：王丽 审核：陈卫东）", [])),
    ("增收。（撰稿 王丽 审核 陈卫东）", ("（撰稿 王丽 审核 陈卫东）", [])),
    ("增收。（县农业农村局 撰稿：王晓）", ("（县农业农村局 撰稿：王晓）", ["县农业农村局"])),
    ("（通讯员 周志勇）", ("（通讯员 周志勇）", [])),
    ("增收。(王晓燕)", ("(王晓燕)", [])),  # a person's name alone: a byline without its label
    ("增收。（刘洋 孙丽）", ("（刘洋 孙丽）", [])),
    ("增收。（王楼镇）", ("（王楼镇）", ["王楼镇"])),
    ("增收。（王楼）", ("（王楼）", ["王楼"])),  # a township's short name: no given name ends in 楼
    ("增收。（李营 县民政局）", ("（李营 县民政局）", ["李营", "县民政局"])),
    ("增收。（陈晓燕 县民政局）", ("（陈晓燕 县民政局）", ["县民政局"])),  # not a byline; the person no source
])
def test_closing_found(text, expected):
    assert _closing(text) == expected


@pytest.mark.parametrize("text", [
    "整改完毕119项。（详见附件）", "各村发展情况另行印发。(见附表2)", "召开专题会议。（扩大）", "实施方案。（试行）",
    "碾(nian)", "落实方案（涞政办〔2024〕15号）", "资金来源：县财政", "检查企业14家（县应急管理局）",
    "增收（撰稿：王丽）", "增收。（编辑部）内容",
])
def test_closing_not_found(text):
    assert _closing(text) is None


@pytest.mark.parametrize("text,expected", [
    ("作者：孙立华 赵文博", True), ("通讯员:刘洋  摄影:王晓", True), ("撰稿：王丽", True),
    ("作者：县民政局成立工作专班，采购棉被。", False), ("作者简介", False), ("县民政局作者：王丽", False),
])
def test_closing_byline_lines(text, expected):
    assert is_byline_line(text) is expected


def test_closing_reads_only_the_tail():
    text = "县民政局" * 50_000 + "。（民政局）"
    started = time.perf_counter()
    for _ in range(200):
        assert find_closing(text) is not None
    assert time.perf_counter() - started < 1.0  # a constant cost per call, not one per character


@pytest.mark.parametrize("text,expected", [
    ("各村发展情况另行印发。(见附表2)", True), ("整改完毕119项。（详见附件）", True), ("共 5 家（见附表）", False),
    ("增收。", False), ("（" + "见" * 60 + "）", False),
])
def test_closing_remark_after_a_sentence(text, expected):
    assert ends_with_remark(text, 0, len(text)) is expected
