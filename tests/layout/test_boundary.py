"""Where a glued headline ends (layout/boundary.py), called directly."""

from __future__ import annotations

from bulletin_nlp.layout.boundary import GLUED_MAX, GLUED_MIN, candidate_positions, features, glued_boundary

HEADLINE = "县民政局积极行动防范应对低温雨雪天气"
BODY = "县民政局成立工作专班，采购棉被 6500 条。"


def test_boundary_candidates_lie_between_the_headline_limits() -> None:
    positions = candidate_positions("字" * 200, 200)
    assert (positions[0], positions[-1]) == (GLUED_MIN, GLUED_MAX)
    assert list(candidate_positions("字" * 200, 20)) == list(range(GLUED_MIN, 20))
    assert list(candidate_positions("字" * 200, GLUED_MIN)) == []


def test_boundary_features_read_both_sides_of_the_position() -> None:
    text = HEADLINE + BODY
    found = set(features(text, len(HEADLINE)))
    assert {"L1:气", "L2:天气", "R1:县", "R2:县民", "R3:县民政", "LR:气县"} <= found
    assert sum(name.startswith("len:") for name in found) == 1


def test_boundary_glued_headline_ends_before_the_body() -> None:
    text = HEADLINE + BODY
    assert glued_boundary(text, text.index("，")) == len(HEADLINE)


def test_boundary_clause_shorter_than_a_headline_has_none() -> None:
    assert glued_boundary("县民政局开展走访，发放棉被。", GLUED_MIN - 1) is None


def test_boundary_never_ends_inside_a_quotation() -> None:
    text = "“县商务局举办特色促销活动助力首季开门红县商务局联合各商超开展促销活动"  # the quotation is never closed
    assert glued_boundary(text, len(text)) is None
    closed = "县商务局举办特色促销活动助力首季“开门红”县商务局联合各商超开展促销，销售额 300 万元。"
    end = glued_boundary(closed, closed.index("，"))
    assert end is not None and closed.count("“", 0, end) == closed.count("”", 0, end)


def test_boundary_scores_equal_the_sum_over_features() -> None:
    """glued_boundary reads the weights by feature kind; its choice must be the one of summing
    the weights of ``features`` (same order, so the same float) at every candidate."""
    import math

    from bulletin_nlp.layout.boundary import _model

    weights, bias, threshold = _model()
    texts = [HEADLINE + "为切实做好防汛工作，县水利局组织开展隐患排查。",
             "县民政局开展走访慰问困难群众活动发放棉被，共计。",
             "“县应急管理局”召开安全生产工作会议部署汛期工作，要求。",
             "县委书记带队督查“三夏”生产进度并调研“一村一品”产业发展情况县农业农村局，要求。",
             "全县开展“清洁家园”行动“百日攻坚”取得阶段成效“回头看”同步推进，群众满意。"]
    for text in texts:
        limit = text.index("，") if "，" in text else len(text)
        scored = [(bias + sum(weights.get(f, 0.0) for f in features(text, p)), p)
                  for p in candidate_positions(text, limit)
                  if text.count("“", 0, p) <= text.count("”", 0, p)]
        best_score, best = max(scored, key=lambda pair: (pair[0], -pair[1])) if scored else (-math.inf, None)
        expected = None if best is None or 1 / (1 + math.exp(-best_score)) < threshold else best
        assert glued_boundary(text, limit) == expected
