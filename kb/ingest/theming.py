"""Theme suggestion: which taxonomy themes (corpus/themes.yaml) a text is about.

Two signals, added: keyword hits (a curated list per theme id, plus the words of each theme's label), counted
with diminishing returns and weighted up in the title; and the character-bigram cosine similarity between the
text and each theme's label and description, which also covers themes added to the taxonomy later.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from kb.text import char_bigrams
from kb.themes import Theme

KEYWORDS: dict[str, tuple[str, ...]] = {
    "madoguchi": (
        "書かない窓口",
        "待たない窓口",
        "窓口",
        "ワンストップ",
        "申請書の記入",
        "呼出",
        "フロントヤード",
    ),
    "online-shinsei": (
        "電子申請",
        "オンライン申請",
        "オンライン化",
        "行政手続",
        "スマートフォンから申請",
        "ぴったりサービス",
        "交付申請",
        "LINE申請",
        "携帯サイト",
        "携帯電話",
        "インターネットで",
    ),
    "mynumber": ("マイナンバー", "マイナポータル", "コンビニ交付", "キオスク端末", "証明書"),
    "gis": ("GIS", "地理情報", "地図", "位置情報", "住基ポイント", "ポイントデータ", "ArcGIS"),
    "data": ("オープンデータ", "データ活用", "EBPM", "ダッシュボード", "分析", "統計", "可視化"),
    "jinzai": ("デジタル人材", "人材育成", "CIO", "CDO", "推進体制", "研修", "外部人材", "補佐官", "人材"),
    "hyojunka": ("標準化", "ガバメントクラウド", "基幹業務", "基幹系", "共通化", "標準準拠"),
    "ai-rpa": ("AI", "RPA", "OCR", "チャットボット", "生成AI", "自動化", "人工知能"),
    "naibu": ("電子決裁", "電子契約", "ペーパーレス", "文書管理", "内部事務", "会議録", "徴税"),
    "workstyle": ("テレワーク", "働き方", "職員端末", "モバイル端末", "リモート", "庁内無線LAN"),
    "kosodate": ("子育て", "母子", "保育", "妊娠", "出産", "児童手当", "乳幼児"),
    "kenko": ("介護", "医療", "福祉", "健康", "見守り", "高齢者", "オンライン診療"),
    "kyoiku": ("教育", "GIGA", "学校", "児童生徒", "授業", "図書館", "校務"),
    "bousai": ("防災", "災害", "避難", "被災", "水位", "ハザード"),
    "cashless": (
        "キャッシュレス",
        "地域通貨",
        "ポイント",
        "決済",
        "電子マネー",
        "セルフレジ",
        "クレジットカード",
    ),
    "digital-divide": (
        "デジタルデバイド",
        "スマホ教室",
        "デジタル活用支援",
        "高齢者",
        "誰一人取り残されない",
    ),
    "koho": (
        "広報",
        "情報発信",
        "メタバース",
        "LINE",
        "SNS",
        "住民参加",
        "ポータル",
        "バーチャル",
        "ごみ分別",
        "ごみ出し",
        "収集日",
        "プッシュ通知",
    ),
    "sangyo": ("観光", "農業", "漁業", "林業", "産業", "商店街", "事業者"),
    "kotsu": ("交通", "バス", "デマンド", "モビリティ", "自動運転", "ドローン", "タクシー"),
    "smartcity": ("スマートシティ", "データ連携基盤", "官民連携", "都市OS", "スーパーシティ"),
    "security": (
        "セキュリティ",
        "情報漏えい",
        "ランサムウェア",
        "ネットワーク",
        "紛失",
        "不正アクセス",
        "個人情報",
    ),
}
TITLE_WEIGHT = 3.0
SIMILARITY_WEIGHT = 6.0
KEEP_RATIO = 0.5  # a further theme is suggested when it scores at least half the best one
MIN_SCORE = 1.5  # ... and has some keyword support of its own
MAX_THEMES = 3


def _cosine(a: Counter[str], b: Counter[str]) -> float:
    dot = sum(v * b[k] for k, v in a.items() if k in b)
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


def _words(theme: Theme) -> tuple[str, ...]:
    label_words = tuple(w for w in re.split(r"[・()/、(),]", theme.label) if len(w) >= 2)
    return KEYWORDS.get(theme.id, ()) + label_words


def _hits(text: str, words: tuple[str, ...]) -> float:
    return sum(math.log1p(text.count(w)) for w in set(words))


def theme_scores(text: str, title: str, themes: list[Theme]) -> dict[str, float]:
    body = char_bigrams(text)
    scores = {}
    for theme in themes:
        words = _words(theme)
        keyword = _hits(text, words) + TITLE_WEIGHT * _hits(title, words)
        similarity = _cosine(body, char_bigrams(theme.label + theme.description))
        scores[theme.id] = keyword + SIMILARITY_WEIGHT * similarity
    return scores


def suggest_themes(text: str, title: str, themes: list[Theme], first: tuple[str, ...] = ()) -> list[str]:
    """Up to three theme ids, best first; `first` (themes the source implies) lead when they exist."""
    known = {t.id for t in themes}
    chosen = [t for t in first if t in known]
    scores = theme_scores(text, title, themes)
    ranked = sorted(scores, key=lambda t: -scores[t])
    best = scores[ranked[0]] if ranked else 0.0
    for theme_id in ranked:
        if len(chosen) >= MAX_THEMES:
            break
        strong = scores[theme_id] >= max(KEEP_RATIO * best, MIN_SCORE)
        if theme_id not in chosen and (not chosen or strong):
            chosen.append(theme_id)
    return chosen
