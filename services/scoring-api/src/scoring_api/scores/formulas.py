"""The connector degree (コネクター度) and hub degree (ハブ度): every formula of the domain, here.

Two definitions exist in the seeds and both are computed and labelled (DESIGN §3):

National, share of the prefecture (seed 000 ⑨ and seed 002, 「参考リスト」):
    「コネクター度：企業の域外販売額/企業が所在する都道府県の域外販売額
      ハブ度：企業の域内仕入額/企業が所在する都道府県の域内仕入額」
    The prefecture's total is summed over the companies known to this system for that prefecture
    and fiscal year (the national list uses a private database; this is the same ratio over ours).

Company ratio (seed 003, 熊本県 様式2 ※3 / ※4):
    「コネクター度：「域外の企業への販売額/域内外の企業への販売額」で定義され、いかに域外への
      販売活動を活性化させているかの指標」
    「ハブ度：「域内の企業からの仕入額/自地域に立地する企業の全仕入額」で定義され、いかに地域内の
      企業からより多く仕入れているかの指標」
    i.e. out-of-prefecture sales ÷ own sales, and in-prefecture purchases ÷ own purchases.

Where the figures come from (seed 003, 様式2 ※1 / ※2):
    「域外売上高：売上高のうち、都道府県外に本社を置く企業者との取引高」
    「域内仕入高：仕入高のうち、都道府県内に本社を置く企業者との取引高」

Within the prefecture and fiscal year, for each of the four values (companies whose value is
undefined, a zero denominator, are left out of that value's ranking):
    rank        1 = highest (ties share a rank, SQL ``RANK()``);
    percentile  100 × the share of ranked companies whose value is ≤ this one (``CUME_DIST()``),
                so the highest company has 100;
    偏差値       50 + 10 × (value − mean) ÷ population standard deviation (50 when all are equal).

参考リスト (seed 000 ⑨): 「①都道府県内でコネクター度・ハブ度が相対的に高いこと、②従業員規模が
2,000名以下であること」. "Relatively high" is read as: the national connector or hub share has a
rank within the top ``top_percent`` % of the prefecture's ranked companies,
i.e. ``(rank − 1) × 100 < companies ranked × top_percent``, and is above zero.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Definition(StrEnum):
    national_share = "national_share"
    """都道府県内シェア(国の定義、seed 000 ⑨ / seed 002)."""
    company_ratio = "company_ratio"
    """企業内比率(熊本県 様式2 の定義、seed 003)."""


@dataclass(frozen=True)
class Metric:
    name: str
    label: str
    definition: Definition
    numerator: str
    """Column of the company's figures on top of the fraction."""
    denominator: str
    """Column of the company's figures, or ``prefecture_*`` for the prefecture's total."""
    numerator_label: str
    denominator_label: str


CONNECTOR_SHARE = Metric(
    name="connector_share",
    label="コネクター度(都道府県内シェア・国の定義)",
    definition=Definition.national_share,
    numerator="out_of_prefecture_sales",
    denominator="prefecture_out_of_prefecture_sales",
    numerator_label="企業の域外販売額",
    denominator_label="企業が所在する都道府県の域外販売額(本システム登録企業の合計)",
)
HUB_SHARE = Metric(
    name="hub_share",
    label="ハブ度(都道府県内シェア・国の定義)",
    definition=Definition.national_share,
    numerator="in_prefecture_purchases",
    denominator="prefecture_in_prefecture_purchases",
    numerator_label="企業の域内仕入額",
    denominator_label="企業が所在する都道府県の域内仕入額(本システム登録企業の合計)",
)
CONNECTOR_RATIO = Metric(
    name="connector_ratio",
    label="コネクター度(企業内比率・熊本県様式2の定義)",
    definition=Definition.company_ratio,
    numerator="out_of_prefecture_sales",
    denominator="sales",
    numerator_label="域外の企業への販売額",
    denominator_label="域内外の企業への販売額(売上高)",
)
HUB_RATIO = Metric(
    name="hub_ratio",
    label="ハブ度(企業内比率・熊本県様式2の定義)",
    definition=Definition.company_ratio,
    numerator="in_prefecture_purchases",
    denominator="purchases",
    numerator_label="域内の企業からの仕入額",
    denominator_label="全仕入額(仕入高)",
)

METRICS: tuple[Metric, ...] = (CONNECTOR_SHARE, HUB_SHARE, CONNECTOR_RATIO, HUB_RATIO)

DEVIATION_MEAN = 50.0
DEVIATION_SCALE = 10.0
"""偏差値 = 50 + 10·z."""


def share(numerator: int, denominator: int) -> float | None:
    """A ratio, undefined (None) when the denominator is zero; the SQL does the same."""
    return numerator / denominator if denominator > 0 else None


def in_top_percent(rank: int | None, ranked: int, top_percent: float) -> bool:
    """参考リスト condition ① for one value (see the module docstring)."""
    return rank is not None and (rank - 1) * 100 < ranked * top_percent
