"""Character-level gazetteer: agencies, townships and counties in bulletin text.

No spaCy needed. Matching works on the raw string (offsets are ``text[start:end]``), so it can
run before or beside segmentation; :meth:`Gazetteer.agency_lexicon` and
:meth:`Gazetteer.township_lexicon` feed the segmenter's user dictionary.

Conventions follow ``docs/annotation.md`` (AGENCY, TOWNSHIP); data comes from
``bulletin_nlp/data`` (see its README). Townships and counties are loaded lazily, on first use.
"""

from __future__ import annotations

import csv
import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import NamedTuple, TypeVar

from bulletin_nlp.resources import PACKAGE_DIR

__all__ = ["AgencyMatch", "County", "Gazetteer", "TownshipMatch"]

DATA_DIR = PACKAGE_DIR / "data"

# Match candidates before overlap resolution: (start, end, canonical) for agencies,
# (start, end, canonical, code or None) for townships.
_AgencyCandidate = tuple[int, int, str]
_TownCandidate = tuple[int, int, str, str | None]
_Candidate = TypeVar("_Candidate", _AgencyCandidate, _TownCandidate)

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"


def _is_han(ch: str) -> bool:
    return ("\u4e00" <= ch <= "\u9fff") or ("\u3400" <= ch <= "\u4dbf") or ("\uf900" <= ch <= "\ufaff")


@dataclass(frozen=True)
class AgencyMatch:
    """An agency mention: ``text == input[start:end]``; ``canonical`` is the full county form."""

    start: int
    end: int
    text: str
    canonical: str


@dataclass(frozen=True)
class TownshipMatch:
    """A township mention; ``canonical`` is the current official name, ``code`` the 9-digit MCA
    code (``None`` when the name is ambiguous and not in the bulletin's county)."""

    start: int
    end: int
    text: str
    canonical: str
    code: str | None


@dataclass(frozen=True)
class County:
    """A county-level division (``city`` is empty for municipal districts)."""

    name: str
    code: str
    city: str
    province: str


# --------------------------------------------------------------------------------------------
# AGENCY rules
# --------------------------------------------------------------------------------------------

#: Organisational head words, longest first (tried in this order at each position).
AGENCY_HEADS: tuple[str, ...] = (
    "委员会", "常委会", "办公室", "开发区", "指挥部", "管委会", "大队", "中心", "防指",
    "局", "委", "办", "社", "站", "所", "院", "队", "室", "部",
)
_HEAD_START_RE = re.compile("[" + "".join(sorted({h[0] for h in AGENCY_HEADS})) + "]")
#: A head followed by one of these characters is part of another word (局面, 所有, 队伍 ...).
_HEAD_FOLLOW_BLOCK: dict[str, str] = {
    "局": "面部势限外促",
    "委": "员托屈婉",
    "办": "理法好事结实成妥案学公",
    "中心": "城位地环思",
    "所": "有属在以得谓需能示述辖",
    "站": "位立岗稳",
    "院": "子落坝内外线",
    "室": "内外温",
    "社": "会区员保交",
    "队": "伍员列",
    "大队": "伍员列",
    "防指": "导标示南出定引令数",
    "部": "署分门位件长署队落",  # 部署, 部分, 部门 (generic), 部长: not 县委宣传部
}
#: Level prefixes that anchor a rule-based (unlisted) agency name.
_LEVEL_CHARS = "县市区"
#: A 市/区 preceded by one of these is the tail of another word (城市, 超市, 辖区, 社区, 开发区
#: ...), not a level prefix. 县 is always accepted (我县, 全县 → 县...).
_ANCHOR_PREV_BLOCK = {
    "市": set("城超都上夜集早股楼车菜门闹互开罢花黑坊利"),
    "区": set("社辖园片城景小发范新库山湖农牧矿灾验能聚护街校营厂港税治特市县老苏边禁误盲专地学病战军防林垦渔产分理"),
}
#: Words that start right after a level char and make it a non-agency word (县域, 市场 ...).
_ANCHOR_NEXT_BLOCK = re.compile(
    r"(?:域|内|外|级|直|里|长|乡镇|乡(?!村)|城(?![管市乡])|区|场|民|值|面|块|间|别|位|分"
    r"|委常|委委员|委书记|委副书记)"
)
#: A rule-based name (between prefix and head) may not contain these (verbs, determiners ...).
_BODY_BLOCK = re.compile(
    "[的了着在对到将把被等及并向从是已于让使各这其该每与都也又再还或但而]"
    "|有(?!线)|全(?!民)|个(?!体|人)|就(?!业)"  # 就业创业服务中心, 个体劳动者协会
    "|开展|召开|组织(?!部)|深入|推进|加强|围绕|落实|完成|实施|举办|成立|联合|协调|指导|督导|检查"
    "|领导|要求|通过|按照|积极|全力|持续|扎实|切实|认真|不断|打造|提升|助力|乡镇|村民|群众"
    "|企业|相关|有关|部门|单位|常委|委员(?!会)|决定|原来|简称|负责|主要|目前|已经"
    "|新增|新建|设立|设置|带领|带头|主持|陪同|调研|走访|看望|慰问|参加|出席|召集|牵头"
    "|镇|街道|(?<!城)乡(?!村)"  # a township inside: 县王楼镇卫生院 is not a county body
)
#: Last body char + head that form a verb or another word (举办, 住院, 常委 ...).
_BODY_HEAD_BLOCK = frozenset(
    "举办 创办 承办 主办 协办 督办 开办 兴办 代办 帮办 包办 住院 出院 入院 进站 出站 入队 归队 "
    "出局 入局 入所 出所 常委 编委 党委 村委 居委".split()
)
#: Name + head pairs that the block above would stop but that name a body (农业农村委).
_HEAD_ALLOW = frozenset({"农村委", "农村局"})
#: Bodies named by one character and a head, found after a level prefix (县教委, 县纪委).
SHORT_BODIES = frozenset("教委 科委 经委 纪委 团委 侨办 台办 外办 法院 编办".split())
#: County names that are also common words before an agency (会同 = "together with").
_PLACE_WORDS = frozenset({"会同县"})
_BODY_MIN, _BODY_MAX = 2, 10
#: "...局延津分局", "...公安局交警大队": a sub-unit appended to a matched agency.
_SUBUNIT_RE = re.compile(f"[{_HAN}]{{1,6}}?(?:分局|分中心|分所|支队|大队|中队)")
#: Class nouns: not an agency unless prefixed by a level or place name (docs/annotation.md).
GENERIC_AGENCY_WORDS = frozenset(
    "部门 相关部门 有关部门 有关单位 上级部门 职能部门 乡镇 县直各单位 工作专班 督导组 医共体 "
    "卫生院 乡镇卫生院 学校 养老院 敬老院 医院 幼儿园 中心 办公室 工作站 服务站 派出所 "
    "业务科室 科室 检查组 巡查组 专班".split()
)
#: Source bracket: a list of names separated by spaces / 、 (no other punctuation).
_BRACKET_RE = re.compile(r"[（(]([^（）()\n]{1,160})[）)]")
_BRACKET_ITEM_RE = re.compile(f"[{_HAN}]+")
_BRACKET_CONTENT_RE = re.compile(f"[ \u3000]*[{_HAN}]+(?:[ \u3000、，,]+[{_HAN}]+)*[ \u3000]*")
#: A bracket item containing a township suffix after ≥2 chars is a township's body (王楼镇卫生院).
_TOWNSHIP_BODY_RE = re.compile(f"^(?:街道|乡镇|镇|[{_HAN}]{{2,}}?(?<!城)(?:镇|乡(?!村)|街道|苏木))")

# --------------------------------------------------------------------------------------------
# TOWNSHIP rules
# --------------------------------------------------------------------------------------------

_TOWN_END_RE = re.compile("[镇乡木所]|街道")
#: Ethnic group names (for short forms of 民族乡 / 自治县: 城关回族乡 → 城关).
_ETHNIC = (
    "蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|高山|"
    "拉祜|水|东乡|纳西|景颇|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|"
    "怒|乌孜别克|俄罗斯|鄂温克|德昂|保安|裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺|汉"
)
_TOWN_SUFFIX_RE = re.compile(f"^(.+?)(?:(?:{_ETHNIC})族)*(?:民族乡|民族苏木|区公所|街道|苏木|镇|乡)$")
_COUNTY_SUFFIX_RE = re.compile(f"^(.+?)(?:(?:(?:{_ETHNIC})族?)+自治[县旗]|[县市区旗])$")
_CITY_SUFFIX_RE = re.compile(f"^(.+?)(?:(?:(?:{_ETHNIC})族?)+自治州|地区|盟|市)$")
_PROVINCE_SUFFIX_RE = re.compile(
    f"^(.+?)(?:(?:(?:{_ETHNIC})族?)*自治区|特别行政区|省|市)$"
)
#: Generic words that are never township names.
GENERIC_TOWNSHIP_WORDS = frozenset(
    "乡镇 全镇 该镇 本镇 各镇 全乡 该乡 本乡 各乡 乡域 镇村 城乡 城镇 集镇 村镇 街道 该街道 "
    "各街道 本街道 全街道 家乡 故乡 下乡 返乡 老乡 异乡 他乡 水乡 重镇 古镇 小镇".split()
)
#: Derived short names that are common words (发展乡 → 发展): never used as short names.
GENERIC_SHORT_WORDS = frozenset(
    "发展 建设 中心 文化 交通 市场 联合 人民 民主 解放 胜利 和平 幸福 友谊 团结 工业 农业 安全 健康 "
    "文明 资源 工程 平台 先进 统一 合作 劳动 青年 复兴 振兴 繁荣 富民 和谐 创新 民政 公安 第一 第二 "
    "第三 第四 第五 民生 安居 乐业 平安 阳光 富强 民族 城区 新区 城镇 高新 高新区 工业园 车站 机场 "
    "广场 码头 公园 花园 港口 火车站 学院 书院 北站 南站 东站 西站 新建 新兴 光荣 爱国 光明 前进 长征 "
    "城郊 郊区 开发区 经济 科技 生态 环境 服务 教育 卫生 财政 林业 水利 农村 社区 乡村 开放 改革".split()
)
#: A full name followed by one of these is part of a longer word (新乡市, 美丽乡村, 镇村 ...);
#: 区 only when not followed by 域 (王楼镇区域 names the township).
_TOWN_NEXT_BLOCK_ANY = set("市县")
_PEOPLES = (
    "蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 纳西 "
    "景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 "
    "裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺"
).split()
_ETHNIC_TOWN_RE = re.compile(
    f"^([{_HAN}]{{2,}}?)(?:(?:{'|'.join(sorted(_PEOPLES, key=len, reverse=True))})族)+(乡|镇|苏木)$"
)
_TOWN_NEXT_BLOCK: dict[str, str] = {
    "乡": "村镇亲土贤愁音情邻下",
    "镇": "村街",
    "城镇": "化",  # 新城镇化 is urbanisation; 韩集镇化解纠纷 names the township
}
#: A short name (王楼) counts only when followed by one of these, or at the end of the text ...
_SHORT_NEXT_OK = set("、等和与及，,。.；;：:！!？?）)」』”》 \u3000\n\r\t")
_SHORT_BRACKET_RE = re.compile(r"[（(][^（）()]*$")
_SHORT_CLOSE_RE = re.compile(r"[^（）()，。]*[）)]")
_SHORT_ETC_RE = re.compile(r"等(?:\d+个|[一二三四五六七八九十两]+个)?(?:乡镇|镇|乡|街道|镇街|乡（镇）)")
_SERIES_GAP_RE = re.compile(r"[、和及与]|以及|、以及")
#: ... or when preceded by 、 and not followed by a character that starts a place/thing word.
_SHORT_NEXT_BAD = set("村社路街巷道桥河湖山小中大学医卫派站所院庄屯营寨集口店园区厂矿场镇乡县市")


class _TownRow(NamedTuple):
    canonical: str
    code: str


@dataclass(frozen=True)
class _CountyTowns:
    """Per-county lookup tables: full/former names and short names → (canonical, code)."""

    full: dict[str, _TownRow]
    short: dict[str, _TownRow]
    short_re: re.Pattern[str] | None


class Gazetteer:
    """Agency, township and county lookup over raw text.

    Build with :meth:`default` (cached) or ``Gazetteer(data_dir)`` for a custom data folder with
    the same files (``agencies.tsv``, ``towns.csv``, ``towns_aliases.csv``, ``counties.csv``).
    """

    def __init__(self, data_dir: str | Path = DATA_DIR) -> None:
        self.data_dir = Path(data_dir)
        self._agency_canon: dict[str, str] = {}
        self._agency_bracket: dict[str, str] = {}
        self._county_towns_cache: dict[str, _CountyTowns] = {}
        self._load_agencies()

    @classmethod
    @lru_cache(maxsize=1)
    def default(cls) -> Gazetteer:
        """The shared instance over the packaged data (townships load on first use)."""
        return cls()

    # ---------------------------------------------------------------- loading
    def _load_agencies(self) -> None:
        path = self.data_dir / "agencies.tsv"
        with path.open(encoding="utf-8", newline="") as fh:
            lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
        for row in csv.DictReader(lines, delimiter="\t"):
            name = row["name"].strip()
            self._agency_canon[name] = name
            for alias in (row.get("aliases") or "").split("|"):
                if alias.strip():
                    self._agency_canon.setdefault(alias.strip(), name)
            for alias in (row.get("bracket_only") or "").split("|"):
                if alias.strip():
                    self._agency_bracket.setdefault(alias.strip(), name)
        self._agency_bracket.update(self._agency_canon)
        self._agency_lens = sorted({len(w) for w in self._agency_canon}, reverse=True)
        ends = sorted({w[-1] for w in self._agency_canon})
        self._agency_end_re = re.compile("[" + re.escape("".join(ends)) + "]")

    @cached_property
    def _towns(self) -> dict[str, tuple[str, ...]]:
        """Township name → codes (all of China), with the short forms of ethnic townships."""
        index: dict[str, list[str]] = defaultdict(list)
        text = (self.data_dir / "towns.csv").read_text(encoding="utf-8")
        for line in text.splitlines()[1:]:
            code, name, _ = line.split(",", 2)
            index[name].append(code)
        for alias, full in self._ethnic_short_names.items():
            if alias not in index:
                index[alias] = list(index[full])
        return {k: tuple(v) for k, v in index.items()}

    @cached_property
    def _ethnic_short_names(self) -> dict[str, str]:
        """钟英乡 → 钟英傈僳族彝族乡: ethnic townships are usually written without the peoples."""
        text = (self.data_dir / "towns.csv").read_text(encoding="utf-8")
        names = {line.split(",", 2)[1] for line in text.splitlines()[1:]}
        short: dict[str, str] = {}
        for name in names:
            m = _ETHNIC_TOWN_RE.match(name)
            if m and m.group(1) + m.group(2) not in names:
                short.setdefault(m.group(1) + m.group(2), name)
        return short

    def canonical_town(self, name: str) -> str:
        """The official name of a township written ``name`` (钟英乡 → 钟英傈僳族彝族乡)."""
        return self._ethnic_short_names.get(name, name)

    @cached_property
    def _towns_by_county(self) -> dict[str, list[tuple[str, str]]]:
        """County code → [(name, code)]."""
        out: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for name, codes in self._towns.items():
            for code in codes:
                out[code[:6]].append((name, code))
        return dict(out)

    @cached_property
    def _town_lens(self) -> list[int]:
        return sorted({len(n) for n in self._towns}, reverse=True)

    @cached_property
    def _town_aliases(self) -> dict[str, list[tuple[str, str, str, str]]]:
        """County code → [(alias, canonical, code, kind)] from towns_aliases.csv."""
        out: dict[str, list[tuple[str, str, str, str]]] = defaultdict(list)
        path = self.data_dir / "towns_aliases.csv"
        if path.exists():
            with path.open(encoding="utf-8", newline="") as fh:
                for r in csv.DictReader(ln for ln in fh if not ln.startswith("#")):
                    out[r["county_code"]].append((r["alias"], r["canonical"], r["code"], r["kind"]))
        return dict(out)

    @cached_property
    def _counties(self) -> dict[str, County]:
        with (self.data_dir / "counties.csv").open(encoding="utf-8", newline="") as fh:
            return {
                r["code"]: County(r["name"], r["code"], r["city"], r["province"])
                for r in csv.DictReader(fh)
            }

    @cached_property
    def _county_index(self) -> tuple[dict[str, list[str]], dict[str, list[str]], set[str], set[str]]:
        """(full name → codes, short name → codes, city/province names, their short forms)."""
        full: dict[str, list[str]] = defaultdict(list)
        short: dict[str, list[str]] = defaultdict(list)
        regions: set[str] = set()
        region_short: set[str] = set()
        for c in self._counties.values():
            full[c.name].append(c.code)
            m = _COUNTY_SUFFIX_RE.match(c.name)
            if m and len(m.group(1)) >= 2:
                short[m.group(1)].append(c.code)
            for name, rx in ((c.city, _CITY_SUFFIX_RE), (c.province, _PROVINCE_SUFFIX_RE)):
                if name:
                    regions.add(name)
                    m = rx.match(name)
                    if m and len(m.group(1)) >= 2:
                        region_short.add(m.group(1))
        return dict(full), dict(short), regions, region_short

    @cached_property
    def _places(self) -> frozenset[str]:
        """County, city and province full names (for place-prefixed agencies)."""
        full, _, regions, _ = self._county_index
        return frozenset(
            n for n in list(full) + list(regions)
            if (len(n) >= 3 or n.endswith("县")) and n not in _PLACE_WORDS  # 曹县, 沛县 are places too
        )

    @cached_property
    def _county_name_lens(self) -> tuple[list[int], list[int]]:
        """Lengths of full and of short county names, longest first."""
        full, short, _, _ = self._county_index
        return sorted({len(k) for k in full}, reverse=True), sorted({len(k) for k in short}, reverse=True)

    @cached_property
    def _place_lens(self) -> list[int]:
        return sorted({len(p) for p in self._places}, reverse=True)

    def _county_towns(self, county_code: str) -> _CountyTowns:
        """Lookup tables of one county (built once per county and cached on the instance)."""
        cached = self._county_towns_cache.get(county_code)
        if cached is None:
            cached = self._county_towns_cache[county_code] = self._build_county_towns(county_code)
        return cached

    def _build_county_towns(self, county_code: str) -> _CountyTowns:
        _, _, _, region_short = self._county_index
        own = self._counties.get(county_code[:6])
        m = _COUNTY_SUFFIX_RE.match(own.name) if own else None
        own_short = m.group(1) if m else ""
        full: dict[str, _TownRow] = {}
        short: dict[str, _TownRow] = {}
        ambiguous: set[str] = set()
        prefix = county_code[:6]
        for name, code in self._towns_by_county.get(prefix, ()):
            full[name] = _TownRow(self.canonical_town(name), code)
            ethnic = _ETHNIC_TOWN_RE.match(name)
            if ethnic:  # 邓家乡 is 邓家土家族乡 here, whatever other counties call 邓家乡
                full.setdefault(ethnic.group(1) + ethnic.group(2), _TownRow(name, code))
            m = _TOWN_SUFFIX_RE.match(name)
            if m and len(m.group(1)) >= 2:
                s = m.group(1)
                if s in GENERIC_SHORT_WORDS or s in region_short or s == own_short:
                    continue
                if s in short and short[s].code != code:
                    ambiguous.add(s)
                short[s] = _TownRow(name, code)
        for alias, canonical, code, kind in self._town_aliases.get(prefix, []):
            row = _TownRow(canonical, code)
            if kind == "short":
                if len(alias) >= 2:
                    short[alias] = row
                    ambiguous.discard(alias)
            else:
                full.setdefault(alias, row)
        for s in ambiguous:
            short.pop(s, None)
        for s in list(short):
            if s in GENERIC_TOWNSHIP_WORDS or s in full:
                short.pop(s)
        short_re = None
        if short:
            alts = "|".join(re.escape(s) for s in sorted(short, key=lambda s: (-len(s), s)))
            short_re = re.compile(alts)
        return _CountyTowns(full, short, short_re)

    # ---------------------------------------------------------------- lexicons
    def agency_lexicon(self) -> list[str]:
        """Agency names and aliases from agencies.tsv (for the segmenter's user dictionary)."""
        return sorted(self._agency_canon)

    def township_lexicon(self, county_code: str | None = None) -> list[str]:
        """All township names of China, plus the former and short names of ``county_code``."""
        words = set(self._towns)
        if county_code:
            ct = self._county_towns(county_code[:6])
            words.update(ct.full)
            words.update(ct.short)
        return sorted(words)

    # ---------------------------------------------------------------- agencies
    def _lookup_agency(self, core: str) -> str | None:
        """Listed canonical name for ``core`` written with or without the 县 prefix."""
        for w in (core, core[1:] if core.startswith("县") else "县" + core):
            if w in self._agency_bracket:
                return self._agency_bracket[w]
        return None

    def _place_before(self, text: str, end: int) -> str:
        """Longest known place name (county/city/province) ending at ``end``."""
        for n in self._place_lens:
            if n <= end and text[end - n:end] in self._places:
                return text[end - n:end]
        return ""

    def _head_at(self, text: str, j: int) -> str:
        for h in AGENCY_HEADS:
            if text.startswith(h, j):
                nxt = text[j + len(h):j + len(h) + 1]
                if nxt and nxt in _HEAD_FOLLOW_BLOCK.get(h, ""):
                    continue
                return h
        return ""

    def _rule_body(self, text: str, i: int) -> int:
        """End of ``name + head`` starting at ``i`` (lazy: first head after 2-10 chars), or -1."""
        n = len(text)
        for j in range(i + 1, min(i + _BODY_MAX, n) + 1):
            if not _is_han(text[j - 1]):
                return -1
            if j - i < _BODY_MIN:
                continue
            if _body_blocked(text, i, j):
                return -1
            head = self._head_at(text, j)
            if head and (text[j - 1] + head[0] not in _BODY_HEAD_BLOCK or text[j - 2 : j] + head in _HEAD_ALLOW):
                end = j + len(head)
                sub = _SUBUNIT_RE.match(text, end)
                if sub and not _BODY_BLOCK.search(sub.group()):
                    end = sub.end()
                return end
        return -1

    def _level_start(self, text: str, a: int) -> int:
        """Start of the level prefix (县/市/区 or a place name) ending at ``text[a]``, or -1."""
        place = self._place_before(text, a + 1) if a >= 2 else ""
        if place:
            return a + 1 - len(place)
        ch = text[a]
        if ch not in _LEVEL_CHARS:
            return -1
        if a > 0 and text[a - 1] in _ANCHOR_PREV_BLOCK.get(ch, ()):
            return -1
        return a

    def find_agencies(self, text: str) -> list[AgencyMatch]:
        """Agency mentions, non-overlapping, longest first, in text order."""
        if not text:
            return []
        cands: list[_AgencyCandidate] = []
        canon = self._agency_canon
        lens = self._agency_lens
        # 1. listed names and aliases (longest ending at each head character)
        for m in self._agency_end_re.finditer(text):
            e = m.end()
            for n in lens:
                s = e - n
                if s < 0:
                    continue
                w = text[s:e]
                if w in canon:
                    nxt = text[e:e + 1]
                    if n <= 2 and nxt and nxt in _HEAD_FOLLOW_BLOCK.get(w, ""):
                        break  # 防指导 ...
                    if s > 0 and w[0] not in _LEVEL_CHARS and text[s - 1] in "镇乡道村":
                        break  # 镇政府办公室: a township's own office
                    cands.append(self._with_prefix(text, s, e, canon[w]))
                    break
        # 2. unlisted names anchored on a level prefix (县/市/区 or a county/city/province name)
        heads = [m.start() for m in _HEAD_START_RE.finditer(text)]
        for m in re.finditer("[县市区旗州盟省]", text):
            a = m.start()
            short = text[a + 1 : a + 3] in SHORT_BODIES
            first_head = bisect_left(heads, a + 1 + _BODY_MIN)
            if not short and (first_head == len(heads) or heads[first_head] > a + 1 + _BODY_MAX):
                continue  # no head word within reach: nothing to find here
            if _ANCHOR_NEXT_BLOCK.match(text, a + 1):
                continue
            start = self._level_start(text, a)
            if start < 0:
                continue
            end = max(a + 3 if short else -1, self._rule_body(text, a + 1))
            if end < 0:
                continue
            cands.append((start, end, self._canonical_written(text[start:end])))
        # 3. items of source brackets （民政局 交通运输局 王楼镇）
        for m in _BRACKET_RE.finditer(text):
            if not _BRACKET_CONTENT_RE.fullmatch(m.group(1)):
                continue
            items = list(_BRACKET_ITEM_RE.finditer(m.group(1)))
            if any(len(it.group()) > 12 for it in items):
                continue
            base = m.start(1)
            for it in items:
                w = it.group()
                if w in self._agency_bracket:
                    canonical = self._agency_bracket[w]
                elif self._is_bracket_agency(w):
                    canonical = self._canonical_written(w)
                else:
                    continue
                cands.append((base + it.start(), base + it.end(), canonical))
        return [AgencyMatch(s, e, text[s:e], c) for s, e, c in _resolve(cands)]

    def _is_bracket_agency(self, w: str) -> bool:
        """An unlisted source-bracket item that names a body (ends in an organisational head)."""
        return (
            len(w) >= 3
            and any(w.endswith(h) and len(w) > len(h) for h in AGENCY_HEADS)
            and w not in GENERIC_AGENCY_WORDS
            and w[0] not in "各全该本上有相"
            and not _TOWNSHIP_BODY_RE.match(w)
            and not _BODY_BLOCK.search(w)
        )

    def _canonical_written(self, w: str) -> str:
        """Canonical form of a written name: the listed name when the county form is listed
        (延津县卫健委, 县卫健委, 卫健委 → 县卫生健康委员会), else the written form, with 县 added
        when it has no level prefix."""
        for n in self._place_lens:
            if n < len(w) and w[:n] in self._places:
                if w[:n] in self._county_index[0]:
                    return self._lookup_agency("县" + w[n:]) or w
                return w
        if w[0] in "市区":
            return w
        return self._lookup_agency(w) or (w if w[0] == "县" else "县" + w)

    def _with_prefix(self, text: str, s: int, e: int, canonical: str) -> tuple[int, int, str]:
        """Extend a listed match left over a level prefix / place name (延津县卫健委, 市防指)."""
        start = s
        if s > 0 and text[s] not in _LEVEL_CHARS and text[s - 1] in _LEVEL_CHARS:
            start = self._level_start(text, s - 1)
        elif s >= 1 and text[s] in _LEVEL_CHARS:
            place = self._place_before(text, s + 1)
            if place:
                start = s + 1 - len(place)
        if start < 0 or start == s:
            return s, e, canonical
        return start, e, self._canonical_written(text[start:e])

    # ---------------------------------------------------------------- townships
    def find_townships(self, text: str, county_code: str | None = None) -> list[TownshipMatch]:
        """Township mentions; ``county_code`` (6 digits) enables its short/former names and
        2-character names, and resolves ambiguous names to that county's code."""
        if not text:
            return []
        towns = self._towns
        lens = self._town_lens
        ct = self._county_towns(county_code[:6]) if county_code else None
        extra = ct.full if ct else {}
        cands: list[_TownCandidate] = []
        n_text = len(text)
        for m in _TOWN_END_RE.finditer(text):
            e = m.end()
            for n in lens:
                s = e - n
                if s < 0 or n < 2:
                    continue
                w = text[s:e]
                row = extra.get(w)
                codes = towns.get(w)
                if row is None and codes is None:
                    continue
                if w in GENERIC_TOWNSHIP_WORDS:
                    break
                if n == 2 and row is None:  # 1 char + 乡/镇: only in the bulletin's county
                    break
                if e < n_text:
                    nxt = text[e]
                    if (nxt in _TOWN_NEXT_BLOCK_ANY or nxt in _TOWN_NEXT_BLOCK.get(w[-2:], "")
                            or nxt in _TOWN_NEXT_BLOCK.get(w[-1], "")
                            or (nxt == "区" and text[e + 1:e + 2] != "域")):
                        break
                if row is not None:
                    cands.append((s, e, row.canonical, row.code))
                elif codes is not None:
                    cands.append((s, e, self.canonical_town(w), codes[0] if len(codes) == 1 else None))
                break
        if ct is not None and ct.short_re is not None:
            shorts: list[_TownCandidate] = []
            written: list[tuple[int, int]] = []
            for m in ct.short_re.finditer(text):
                s, e = m.span()
                written.append((s, e))
                nxt = text[e:e + 1]
                prev = text[s - 1:s]
                if not (nxt == "" or nxt in _SHORT_NEXT_OK
                        or (prev == "、" and nxt not in _SHORT_NEXT_BAD)):
                    continue
                row = ct.short[m.group()]
                shorts.append((s, e, row.canonical, row.code))
            cands += _short_names_in_context(text, shorts, written + [(c[0], c[1]) for c in cands])
        out = []
        for s, e, canonical, code in _resolve(cands):
            out.append(TownshipMatch(s, e, text[s:e], canonical, code))
        return out

    # ---------------------------------------------------------------- counties
    def county(self, code: str) -> County | None:
        """The county with this 6-digit code."""
        return self._counties.get(code[:6])

    def _pick_county(self, codes: Iterable[str], text: str) -> County | None:
        cands = [self._counties[c] for c in dict.fromkeys(codes)]
        if len(cands) == 1:
            return cands[0]
        def mentioned(name: str, rx: re.Pattern[str]) -> bool:
            if not name:
                return False
            if name in text:
                return True
            m = rx.match(name)
            return bool(m and len(m.group(1)) >= 2 and m.group(1) in text)

        narrowed = [c for c in cands if mentioned(c.city, _CITY_SUFFIX_RE)]
        if len(narrowed) != 1:
            narrowed = [c for c in (narrowed or cands) if mentioned(c.province, _PROVINCE_SUFFIX_RE)]
        return narrowed[0] if len(narrowed) == 1 else None

    def find_county(self, text: str) -> County | None:
        """The county named in a masthead or publisher line (延津政务快报 → 延津县).

        Full names first (first one in text order that resolves); then short forms without
        县/市/区/旗 (or 自治县) not followed by 市/县/区/旗/镇/乡/村/街/路. A short form that is
        also a city or province short name (新乡) is skipped. A name shared by several counties
        (朝阳区, 朝阳) resolves only when the text also names one candidate's city or province;
        otherwise it is skipped and ``None`` is returned when nothing else resolves.
        """
        if not text:
            return None
        full, short, _, region_short = self._county_index
        flens, slens = self._county_name_lens
        for m in re.finditer("[县市区旗]", text):
            e = m.end()
            for n in flens:
                if n > e:
                    continue
                w = text[e - n:e]
                if w in full:
                    if n == 2 and w.endswith("区") and not any(
                        city and text.endswith(city, 0, e - n)
                        for city in (self._counties[c].city for c in full[w])
                    ):
                        break  # 城区, 郊区, 矿区: only as 阳泉市城区 (曹县, 沛县 stand alone)
                    if text[e:e + 1] and text[e] in "场民域":
                        break  # 上海城市场 ... : not 海城市
                    c = self._pick_county(full[w], text)
                    if c is not None:
                        return c
                    break
        for i in range(len(text)):
            for n in slens:
                w = text[i:i + n]
                if len(w) < n or w not in short:
                    continue
                nxt = text[i + n:i + n + 1]
                if nxt and nxt in "市县区旗镇乡村街路":
                    continue
                if w in region_short:
                    continue
                c = self._pick_county(short[w], text)
                if c is not None:
                    return c
                break
        return None

    def infer_county(self, text: str) -> County | None:
        """The county most of the (≥3-char) township names in ``text`` belong to; ``None`` on a
        tie or when no township is found."""
        votes: dict[str, set[str]] = defaultdict(set)
        for m in self.find_townships(text):
            if len(m.canonical) < 3:
                continue
            for code in self._towns.get(m.canonical, ()):
                votes[code[:6]].add(m.canonical)
        if not votes:
            return None
        ranked = sorted(votes.items(), key=lambda kv: -len(kv[1]))
        if len(ranked) > 1 and len(ranked[0][1]) == len(ranked[1][1]):
            return None
        return self._counties.get(ranked[0][0])


def _body_blocked(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds a blocked word; lookaheads see the head after it
    (组织 is a verb, but 组织部 names a body)."""
    return any(m.end() <= end for m in _BODY_BLOCK.finditer(text, start, min(len(text), end + 1)))


def _short_names_in_context(
    text: str, shorts: list[_TownCandidate], spans: list[tuple[int, int]]
) -> list[_TownCandidate]:
    """Keep a short name (王楼) only where the text shows it is a township: inside a source
    bracket, before 等乡镇/等镇/等街道, or in a series (、和及与) next to another township name
    (``spans``). A bare 屈原 or 古城 in "屈原祭祀、诗歌朗诵" is a person or a place."""
    kept = []
    for candidate in shorts:
        start, end = candidate[0], candidate[1]
        in_source_bracket = bool(_SHORT_BRACKET_RE.search(text, max(0, start - 30), start)
                                 and _SHORT_CLOSE_RE.match(text, end))
        if in_source_bracket or _SHORT_ETC_RE.match(text, end) or _in_series(text, start, end, spans):
            kept.append(candidate)
    return kept


def _in_series(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether ``text[start:end]`` and another of ``spans`` stand next to each other in a series."""
    return any(_SERIES_GAP_RE.fullmatch(text, other_end, start) or _SERIES_GAP_RE.fullmatch(text, end, other_start)
               for other_start, other_end in spans if (other_start, other_end) != (start, end))


def _resolve(cands: list[_Candidate]) -> list[_Candidate]:
    """Keep the longest of overlapping candidates (then leftmost; for the same span the first
    proposed, i.e. the listed name over a rule); return them in text order."""
    first: dict[tuple[int, int], _Candidate] = {}
    for c in cands:
        first.setdefault((c[0], c[1]), c)
    taken: list[_Candidate] = []
    used: set[int] = set()
    for c in sorted(first.values(), key=lambda c: (c[0] - c[1], c[0])):
        s, e = c[0], c[1]
        if any(i in used for i in range(s, e)):
            continue
        used.update(range(s, e))
        taken.append(c)
    taken.sort(key=lambda c: c[0])
    return taken
